package agreement_test

import (
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/contract"
	"privacyregister/internal/incident"
	"privacyregister/internal/testutil"
)

func ptr[T any](v T) *T { return &v }

var now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func complete() *agreement.Agreement {
	t := agreement.NewTerms()
	t.BreachNotification.Hours = ptr(24)
	t.Audit.Right = true
	for _, l := range contract.Art28Letters {
		t.Art28[l] = contract.Element{Present: true}
	}
	return &agreement.Agreement{Title: "VO", Status: agreement.StatusSigned, Terms: t}
}

func codes(ws []agreement.Warning) string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Code)
	}
	return strings.Join(out, ",")
}

func TestWarnings(t *testing.T) {
	if ws := agreement.Warnings(complete(), nil, nil, now); len(ws) != 0 {
		t.Fatalf("complete agreement warns: %s", codes(ws))
	}
	cases := []struct {
		name string
		mut  func(a *agreement.Agreement, p *agreement.Party)
		want string
	}{
		{"96 hours", func(a *agreement.Agreement, _ *agreement.Party) { a.Terms.BreachNotification.Hours = ptr(96) }, contract.FlagOver72h},
		{"no deadline", func(a *agreement.Agreement, _ *agreement.Party) { a.Terms.BreachNotification.Hours = nil }, contract.FlagOver72h},
		{"third country sub", func(a *agreement.Agreement, _ *agreement.Party) {
			a.Terms.Subprocessors.Named = []agreement.Subprocessor{{Name: "X", Country: ptr("IN")}}
		}, agreement.WarnSubOutsideEEA},
		{"missing c", func(a *agreement.Agreement, _ *agreement.Party) { a.Terms.Art28["c"] = contract.Element{} }, contract.FlagMissingArt28},
		{"wbp", func(a *agreement.Agreement, _ *agreement.Party) { a.Type = agreement.TypeWbp }, contract.FlagWbp},
		{"own purposes", func(a *agreement.Agreement, _ *agreement.Party) { a.Terms.SetFlag(contract.FlagOwnPurposes, true) }, contract.FlagOwnPurposes},
		{"unilateral", func(a *agreement.Agreement, _ *agreement.Party) { a.Terms.SetFlag(contract.FlagUnilateral, true) }, contract.FlagUnilateral},
		{"low cap", func(a *agreement.Agreement, _ *agreement.Party) { a.Terms.LiabilityCapEUR = ptr(5000.0) }, contract.FlagLowCap},
		{"no audit", func(a *agreement.Agreement, _ *agreement.Party) { a.Terms.Audit.Right = false }, contract.FlagNoAudit},
		{"cert expired", func(_ *agreement.Agreement, p *agreement.Party) {
			p.Certifications = []agreement.Certification{{Name: "ISO 27001", Expires: ptr(now.AddDate(0, 0, -1))}}
		}, agreement.WarnCertExpired},
	}
	for _, c := range cases {
		a, p := complete(), &agreement.Party{Name: "P"}
		c.mut(a, p)
		ws := agreement.Warnings(a, p, nil, now)
		if !strings.Contains(codes(ws), c.want) {
			t.Errorf("%s: warnings %s, want %s", c.name, codes(ws), c.want)
		}
		for _, w := range ws {
			if w.Msg == "" {
				t.Errorf("%s: warning %s without a reason", c.name, w.Code)
			}
		}
	}
	// A sub-processor in an adequate country, or with a safeguard, is fine.
	a := complete()
	a.Terms.Subprocessors.Named = []agreement.Subprocessor{{Name: "UK Ltd", Country: ptr("GB")}, {Name: "X", Country: ptr("IN"), Safeguard: "SCC 2021"}}
	if ws := agreement.Warnings(a, nil, nil, now); len(ws) != 0 {
		t.Errorf("adequate/safeguarded subs warn: %s", codes(ws))
	}
	// Ended while an activity runs; a retired one does not count.
	a = complete()
	a.Status = agreement.StatusEnded
	ws := agreement.Warnings(a, nil, []agreement.Activity{{Name: "Leden", Running: true}, {Name: "Oud", Running: false}}, now)
	if n := strings.Count(codes(ws), agreement.WarnEndedWhileRunning); n != 1 {
		t.Errorf("ended-while-running warnings: %d", n)
	}
	a = complete()
	a.EndsOn = ptr(now.AddDate(0, -1, 0))
	if !strings.Contains(codes(agreement.Warnings(a, nil, []agreement.Activity{{Name: "Leden", Running: true}}, now)), agreement.WarnEndedWhileRunning) {
		t.Error("end date passed: no warning")
	}
}

func TestValidate(t *testing.T) {
	for name, mut := range map[string]func(a *agreement.Agreement){
		"negative hours":     func(a *agreement.Agreement) { a.Terms.BreachNotification.Hours = ptr(-1) },
		"negative sub hours": func(a *agreement.Agreement) { a.Terms.SubprocessorNotificationHours = ptr(-2) },
		"unknown country": func(a *agreement.Agreement) {
			a.Terms.Subprocessors.Named = []agreement.Subprocessor{{Name: "X", Country: ptr("Narnia")}}
		},
		"unknown annex country": func(a *agreement.Agreement) { a.Annex1 = []agreement.AnnexRow{{Countries: []string{"Mordor"}}} },
		"unknown law":           func(a *agreement.Agreement) { a.Terms.GoverningLaw = ptr("Oz") },
		"bad enum":              func(a *agreement.Agreement) { a.Terms.DataLocation = "moon" },
		"bad art28 letter":      func(a *agreement.Agreement) { a.Terms.Art28["z"] = contract.Element{} },
		"negative cap":          func(a *agreement.Agreement) { a.Terms.LiabilityCapEUR = ptr(-1.0) },
	} {
		a := complete()
		mut(a)
		a.Normalise()
		if err := a.Validate(); !apperr.Is(err, apperr.Invalid) && err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	a := complete()
	a.Terms.Subprocessors.Named = []agreement.Subprocessor{{Name: "Rapidmail", Country: ptr("Duitsland")}}
	a.Normalise()
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if s := a.Terms.Subprocessors.Named[0]; *s.Country != "DE" || s.Class != "eea" {
		t.Errorf("country resolved to %v/%v", *s.Country, s.Class)
	}
}

func TestNotice(t *testing.T) {
	a := complete()
	a.Terms.Subprocessors.ObjectionDays = ptr(30)
	n := &agreement.Notice{Subprocessor: "Newco", NoticeDate: now}
	if err := agreement.PrepareNotice(n, a); err != nil || !n.Deadline.Equal(now.AddDate(0, 0, 30)) {
		t.Fatalf("deadline %v, %v", n.Deadline, err)
	}
	bad := &agreement.Notice{Subprocessor: "X", NoticeDate: now, Deadline: now.AddDate(0, 0, -1)}
	if err := agreement.PrepareNotice(bad, a); err == nil {
		t.Error("window ending before the notice accepted")
	}
	if err := n.Decide("object", "te laat", "fg", now.AddDate(0, 0, 40)); err == nil {
		t.Error("objection after the deadline accepted")
	}
	if err := n.Decide("object", "servers buiten de EER", "fg", now.AddDate(0, 0, 10)); err != nil {
		t.Fatal(err)
	}
	if err := n.Decide("accept", "", "fg", now); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("second decision: %v", err)
	}
}

// TestNextReview: seed 003 reviews the agreements "in het eerste kwartaal
// van ieder jaar" (review month 1: a window January-March, due at the end
// of 31 March). Reviewed 10 February 2025: next due 31 March 2026. Reviewed
// late, in April 2025, it still counts for 2025's window. Entered in
// November 2026 and never reviewed: due by 31 March 2027; entered in
// January 2026, never reviewed: 31 March 2026, overdue since.
func TestNextReview(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	endMarch := func(y int) time.Time { return time.Date(y, 4, 1, 0, 0, 0, 0, loc).Add(-time.Nanosecond) }
	at := func(y int, m time.Month, d int) *time.Time { v := time.Date(y, m, d, 12, 0, 0, 0, loc); return &v }
	cases := []struct {
		name    string
		last    *time.Time
		created time.Time
		want    time.Time
	}{
		{"reviewed in February", at(2025, 2, 10), *at(2024, 6, 1), endMarch(2026)},
		{"reviewed late, in April", at(2025, 4, 20), *at(2024, 6, 1), endMarch(2026)},
		{"reviewed on 31 March", at(2026, 3, 31), *at(2024, 6, 1), endMarch(2027)},
		{"never, entered in November", nil, *at(2026, 11, 23), endMarch(2027)},
		{"never, entered in January", nil, *at(2026, 1, 5), endMarch(2026)},
	}
	for _, c := range cases {
		if got := agreement.NextReview(c.last, c.created, 1); !got.Equal(c.want) {
			t.Errorf("%s: next review %v, want %v", c.name, got.In(loc), c.want)
		}
	}
}

func TestCompareAndStrictest(t *testing.T) {
	a, b := complete(), complete()
	b.Terms.BreachNotification.Hours = ptr(48)
	rows := agreement.Compare(a.Terms, b.Terms)
	diff := 0
	for _, r := range rows {
		if !r.Same {
			diff++
			if r.Term != "breach_notification.hours" {
				t.Errorf("unexpected difference in %s", r.Term)
			}
		}
	}
	if diff != 1 {
		t.Errorf("%d differences, want 1", diff)
	}
	a.OurRole, b.OurRole = agreement.RoleProcessor, agreement.RoleProcessor
	a.PartyName, b.PartyName = "School A", "School B"
	a.Terms.Subprocessors.Regime = contract.RegimeSpecific
	s := agreement.StrictestTerms([]agreement.Agreement{*a, *b})
	if *s.BreachHours != 24 || s.BreachHoursFrom != "School A" || len(s.ConsentRequiredBy) != 1 {
		t.Errorf("strictest %+v", s)
	}
}

func TestCheckFile(t *testing.T) {
	for name, data := range map[string]string{"a.pdf": "MZ\x90", "b.pdf": "hello", "c.docx": "%PDF-1", "d.exe": "x", "e.txt": "\x7fELF\x02", "f.txt": "#!/bin/sh\nrm -rf /"} {
		if _, err := agreement.CheckFile(name, []byte(data), 0); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	for name, want := range map[string]string{"a.pdf": "application/pdf", "b.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "c.txt": "text/plain; charset=utf-8"} {
		data := map[string]string{"a.pdf": "%PDF-1.7", "b.docx": "PK\x03\x04rest", "c.txt": "Verwerkersovereenkomst"}[name]
		if ct, err := agreement.CheckFile(name, []byte(data), 0); err != nil || ct != want {
			t.Errorf("%s: %q %v", name, ct, err)
		}
	}
	if _, err := agreement.CheckFile("big.pdf", []byte("%PDF-"+strings.Repeat("x", 64)), 16); !apperr.Is(err, apperr.TooLarge) {
		t.Errorf("oversized: %v", err)
	}
}

// TestTermsFromSeed reads seed 002 (ICTeam) and checks the warnings a
// reviewer must see come out of the analysed terms.
func TestTermsFromSeed(t *testing.T) {
	a := &agreement.Agreement{Title: "ICTeam", Status: agreement.StatusSigned, Terms: agreement.TermsFromAnalysis(contract.Analyse(testutil.Seed(t, "002")))}
	a.Normalise()
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	got := codes(agreement.Warnings(a, nil, nil, now))
	for _, want := range []string{contract.FlagOwnPurposes, contract.FlagUnilateral, contract.FlagLowCap} {
		if !strings.Contains(got, want) {
			t.Errorf("seed 002: warnings %s lack %s", got, want)
		}
	}
}

func TestFlagsFollowTerms(t *testing.T) {
	a := complete()
	a.Type = agreement.TypeWbp
	a.Terms.LiabilityCapEUR = ptr(1000.0)
	a.Normalise()
	for _, f := range []string{contract.FlagWbp, contract.FlagLowCap} {
		if !a.Terms.HasFlag(f) {
			t.Errorf("flag %s not set", f)
		}
	}
	a.Type, a.Terms.LiabilityCapEUR = agreement.TypeDPA, nil
	a.Terms.SetFlag(contract.FlagOwnPurposes, true)
	a.Terms.SetFlag(contract.FlagWbp, false) // the reader unticks "speaks of the Wbp"
	a.Normalise()
	if a.Terms.HasFlag(contract.FlagWbp) || a.Terms.HasFlag(contract.FlagLowCap) || !a.Terms.HasFlag(contract.FlagOwnPurposes) {
		t.Errorf("flags after edit: %v", a.Terms.Flags)
	}
	if ws := agreement.Warnings(a, nil, nil, now); codes(ws) != contract.FlagOwnPurposes {
		t.Errorf("warnings %s", codes(ws))
	}
}

// TestBreachWarningSaysWhenTheClockStarts: the controller's 72 hours start
// when the processor informs it (EDPB 9/2022: the controller is aware once
// informed), which is how the incident clocks count them
// (incident.ProcessorKeptDeadline). The warning on a 96-hour agreement
// said they ran "from the moment the processor knows"; it must say the
// same as the clocks. 72 hours itself raises no warning, 73 does.
func TestBreachWarningSaysWhenTheClockStarts(t *testing.T) {
	warn := func(h int) *agreement.Warning {
		a := complete()
		a.Terms.BreachNotification.Hours = ptr(h)
		for _, w := range agreement.Warnings(a, nil, nil, now) {
			if w.Code == contract.FlagOver72h {
				return &w
			}
		}
		return nil
	}
	if w := warn(incident.AuthorityHours); w != nil {
		t.Errorf("72 hours warned: %s", w.Msg)
	}
	w := warn(96)
	if w == nil {
		t.Fatal("96 hours raised no warning")
	}
	if strings.Contains(w.Msg, "from the moment the processor knows") || !strings.Contains(w.Msg, "start when the processor informs you") {
		t.Errorf("the warning contradicts the incident clocks: %s", w.Msg)
	}
}

// TestPartialAdequacyWarning: a US sub-processor without a recorded
// safeguard is warned about as partial adequacy (the DPF covers certified
// recipients only), not as a country without any adequacy decision, the
// way the sub-processor table names it; with its certification recorded,
// no warning.
func TestPartialAdequacyWarning(t *testing.T) {
	a := complete()
	a.Terms.Subprocessors.Named = []agreement.Subprocessor{{Name: "Mailchimp", Country: ptr("US")}}
	var got []agreement.Warning
	for _, w := range agreement.Warnings(a, nil, nil, now) {
		if w.Code == agreement.WarnSubOutsideEEA {
			got = append(got, w)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0].Msg, "covers only some recipients") || strings.Contains(got[0].Msg, "without an adequacy decision") {
		t.Fatalf("US sub-processor warning: %+v", got)
	}
	a.Terms.Subprocessors.Named[0].Safeguard = "DPF-gecertificeerd"
	for _, w := range agreement.Warnings(a, nil, nil, now) {
		if w.Code == agreement.WarnSubOutsideEEA {
			t.Errorf("warned with the certification recorded: %s", w.Msg)
		}
	}
}
