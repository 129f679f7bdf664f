package agreement_test

import (
	"errors"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/i18n"
)

// TestNextAudit encodes the seeds' audit clauses. Seed 001 (NOA): "audit
// once every three years" - last audit 15 March 2024, next due by the end
// of 15 March 2027. Seed 002 (ICTeam): "audit once a year", signed 14 May
// 2018 and never audited - due 14 May 2019, long overdue. No frequency
// agreed: no date at all.
func TestNextAudit(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	endOf := func(y int, m time.Month, d int) time.Time {
		return time.Date(y, m, d+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
	}
	// A date entered in a form is midnight in Amsterdam, stored in UTC
	// (the evening before); the demo writes midnight UTC. Both count as
	// the same calendar day.
	formDay := func(y int, m time.Month, d int) *time.Time { v := time.Date(y, m, d, 0, 0, 0, 0, loc).UTC(); return &v }
	utcDay := func(y int, m time.Month, d int) *time.Time { v := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); return &v }
	created := time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name  string
		freq  *int
		last  *time.Time
		start time.Time
		want  *time.Time
	}{
		{"seed 001 NOA: every 36 months, last 15 March 2024", ptr(36), formDay(2024, 3, 15), created, ptr(endOf(2027, 3, 15))},
		{"seed 001 NOA, date written as UTC midnight", ptr(36), utcDay(2024, 3, 15), created, ptr(endOf(2027, 3, 15))},
		{"seed 002 ICTeam: yearly, signed 14 May 2018, never audited", ptr(12), nil, *formDay(2018, 5, 14), ptr(endOf(2019, 5, 14))},
		{"yearly, last in winter time, due in summer time", ptr(12), formDay(2025, 1, 10), created, ptr(endOf(2026, 1, 10))},
		{"no frequency agreed", nil, formDay(2024, 3, 15), created, nil},
		{"frequency zero", ptr(0), nil, created, nil},
	}
	for _, c := range cases {
		got := agreement.NextAudit(c.freq, c.last, c.start)
		switch {
		case (got == nil) != (c.want == nil):
			t.Errorf("%s: next audit %v, want %v", c.name, got, c.want)
		case got != nil && !got.Equal(*c.want):
			t.Errorf("%s: next audit %v, want %v", c.name, got.In(loc), c.want.In(loc))
		}
	}
	// ICTeam's date is overdue on any day after 14 May 2019.
	if due := agreement.NextAudit(ptr(12), nil, *formDay(2018, 5, 14)); !due.Before(now) {
		t.Errorf("ICTeam's audit due %v is not overdue on %v", due, now)
	}
}

// TestAuditStart: the rhythm starts at the signature (seed 002 is signed
// 14 May 2018), else at the agreement's start, else when it was entered.
func TestAuditStart(t *testing.T) {
	signed, starts, created := time.Date(2018, 5, 14, 0, 0, 0, 0, time.UTC), time.Date(2018, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	a := &agreement.Agreement{SignedOn: &signed, StartsOn: &starts, CreatedAt: created}
	if got := agreement.AuditStart(a); !got.Equal(signed) {
		t.Errorf("signed: %v", got)
	}
	a.SignedOn = nil
	if got := agreement.AuditStart(a); !got.Equal(starts) {
		t.Errorf("started: %v", got)
	}
	a.StartsOn = nil
	if got := agreement.AuditStart(a); !got.Equal(created) {
		t.Errorf("entered: %v", got)
	}
}

func TestValidateAudit(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	held := time.Date(2026, 2, 10, 0, 0, 0, 0, loc).UTC()
	// now is 2 March 2026 09:00 UTC.
	today := time.Date(2026, 3, 2, 0, 0, 0, 0, loc).UTC()
	tomorrow := time.Date(2026, 3, 3, 0, 0, 0, 0, loc).UTC()
	dayBefore := held.AddDate(0, 0, -1)
	for _, c := range []struct {
		name  string
		a     agreement.AgreementAudit
		field string // "" = valid
	}{
		{"TPM report read", agreement.AgreementAudit{Kind: agreement.AuditReportReview, HeldOn: held, Auditor: " eigen FG ", FollowUp: "x", FollowUpDue: ptr(held.AddDate(0, 3, 0))}, ""},
		{"held today", agreement.AgreementAudit{Kind: agreement.AuditOnSite, HeldOn: today}, ""},
		{"follow-up due on the audit day", agreement.AgreementAudit{Kind: agreement.AuditQuestionnaire, HeldOn: held, FollowUpDue: &held}, ""},
		{"unknown kind", agreement.AgreementAudit{Kind: "guess", HeldOn: held}, "kind"},
		{"no kind", agreement.AgreementAudit{HeldOn: held}, "kind"},
		{"no date", agreement.AgreementAudit{Kind: agreement.AuditOnSite}, "held_on"},
		{"tomorrow", agreement.AgreementAudit{Kind: agreement.AuditOnSite, HeldOn: tomorrow}, "held_on"},
		{"follow-up due before the audit", agreement.AgreementAudit{Kind: agreement.AuditCertificationCheck, HeldOn: held, FollowUpDue: &dayBefore}, "follow_up_due"},
	} {
		err := agreement.ValidateAudit(&c.a, now)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		var list apperr.List
		if !errors.As(err, &list) && err != nil {
			list = apperr.List{err.(*apperr.Error)}
		}
		found := false
		for _, e := range list {
			found = found || (e.Field == c.field && e.Code == apperr.Invalid)
		}
		if !found {
			t.Errorf("%s: %v, want an error naming %s", c.name, err, c.field)
		}
	}
	a := agreement.AgreementAudit{Kind: agreement.AuditReportReview, HeldOn: held, Auditor: "  eigen FG "}
	if err := agreement.ValidateAudit(&a, now); err != nil || a.Auditor != "eigen FG" {
		t.Errorf("auditor not trimmed: %q %v", a.Auditor, err)
	}
	for _, m := range []string{agreement.MsgAuditInFuture, agreement.MsgFollowUpBeforeAud, "held_on", "follow_up_due",
		"on-site audit", "questionnaire", "report read (TPM, ISAE 3402, SOC 2)", "certification check"} {
		if !i18n.Has("nl", m) {
			t.Errorf("no Dutch for %q", m)
		}
	}
}
