package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/deadline"
	"privacyregister/internal/dpia"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/report"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

func ams(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, deadline.Amsterdam)
}

// libraryYear fills a library's administration with the kind of year the
// demo has: incidents either side of New Year, requests answered and
// overdue, the Q1 review of its agreements, a decided and a draft DPIA.
// Another organisation gets the same things, which must not count.
func libraryYear(t *testing.T) (*store.Store, *org.Organisation) {
	t.Helper()
	ctx := context.Background()
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: ams(2027, 2, 1, 12)}
	s.Now = clock.Now
	var lib *org.Organisation
	for _, short := range []string{"other", "blij"} {
		o := &org.Organisation{Name: "Bibliotheek " + short, Short: short}
		must(t, s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateOrg(ctx, o) }))
		fillYear(t, s, clock, o.ID)
		lib = o
	}
	return s, lib
}

func fillYear(t *testing.T, s *store.Store, clock *testutil.Clock, orgID int64) {
	ctx := context.Background()
	in := func(fn func(tx *store.Tx) error) { t.Helper(); must(t, s.InTx(ctx, fn)) }

	// Incidents: a security incident and a notified breach in 2026, one of
	// 2025 that does not count.
	aware, notified := ams(2026, 5, 4, 9), ams(2026, 5, 5, 15) // 30 hours
	cases := []store.Incident{{}, {}, {}}
	cases[0].Title, cases[0].DiscoveredAt, cases[0].Outcome = "Phishingmail geblokkeerd", ams(2026, 2, 10, 10), incident.SecurityIncident
	cases[1].Title, cases[1].DiscoveredAt, cases[1].Outcome = "Ledenlijst gemaild aan verkeerde school", ams(2026, 5, 4, 8), incident.NotifyAuthority
	cases[1].AwareAt, cases[1].NotifiedAuthorityAt = &aware, &notified
	cases[2].Title, cases[2].DiscoveredAt = "Oud voorval", ams(2025, 11, 1, 10)
	for i := range cases {
		in(func(tx *store.Tx) error { return tx.CreateIncident(ctx, orgID, &cases[i]) })
	}

	// Requests: answered access request, open erasure request received in
	// December (due in January: overdue on 1 February), one of 2025.
	for _, rq := range []struct {
		at     time.Time
		right  request.Right
		answer bool
	}{{ams(2026, 3, 10, 10), request.Access, true}, {ams(2026, 12, 14, 10), request.Erasure, false}, {ams(2025, 6, 1, 10), request.Access, true}} {
		r := &store.SubjectRequest{}
		r.ReceivedAt, r.Rights, r.Channel = rq.at, []request.Right{rq.right}, request.ByEmail
		r.Requester.Name, r.Requester.Email = "J. de Vries", "jdevries@example.nl"
		in(func(tx *store.Tx) error { return tx.CreateRequest(ctx, orgID, r) })
		if rq.answer {
			in(func(tx *store.Tx) error {
				_, err := tx.ReplyRequest(ctx, orgID, r.ID, rq.at.AddDate(0, 0, 14), "Overzicht gestuurd", "FG")
				return err
			})
		}
	}

	// Agreements: two signed, one reviewed in Q1 2026 (renegotiate); the
	// other was last reviewed in 2025.
	wise := &agreement.Agreement{OrgID: orgID, Title: "Verwerkersovereenkomst Wise", Status: agreement.StatusSigned}
	mail := &agreement.Agreement{OrgID: orgID, Title: "Nieuwsbriefdienst", Status: agreement.StatusSigned}
	// Both made in 2024 (the report reads the year's state from the dated
	// records, so when they were made matters), and a third made only in
	// 2027, which 2026 must not count.
	now := clock.T
	clock.T = ams(2024, 9, 1, 12)
	in(func(tx *store.Tx) error { return tx.CreateAgreement(ctx, wise) })
	in(func(tx *store.Tx) error { return tx.CreateAgreement(ctx, mail) })
	clock.T = now
	in(func(tx *store.Tx) error {
		return tx.CreateAgreement(ctx, &agreement.Agreement{OrgID: orgID, Title: "Pas in 2027 getekend", Status: agreement.StatusSigned})
	})
	in(func(tx *store.Tx) error {
		return tx.AddReview(ctx, &agreement.Review{OrgID: orgID, AgreementID: wise.ID, ReviewedAt: ams(2026, 2, 20, 10), Reviewer: "FG", Conclusion: "renegotiate", Note: "Subverwerkers ontbreken"})
	})
	in(func(tx *store.Tx) error {
		return tx.AddReview(ctx, &agreement.Review{OrgID: orgID, AgreementID: mail.ID, ReviewedAt: ams(2025, 2, 20, 10), Reviewer: "FG", Conclusion: "ok"})
	})

	// DPIAs: the camera DPIA decided in 2026, a draft.
	decided := ams(2026, 9, 1, 10)
	in(func(tx *store.Tx) error {
		return tx.CreateDPIA(ctx, orgID, &store.DPIA{Title: "Cameratoezicht", State: dpia.Decided, Decision: "Doorgaan met maatregelen",
			DecidedBy: "Directeur-bestuurder", DecidedAt: &decided, Risks: []store.DPIARisk{{Description: "Beelden uitgelekt", Likelihood: 2, Impact: 3}}})
	})
	in(func(tx *store.Tx) error { return tx.CreateDPIA(ctx, orgID, &store.DPIA{Title: "Wifi-registratie"}) })
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestAnnualFiguresOfAYear(t *testing.T) {
	s, lib := libraryYear(t)
	a, err := report.BuildAnnual(context.Background(), s, lib.ID, 2026, s.Now())
	if err != nil {
		t.Fatal(err)
	}
	if a.Incidents.Incidents != 2 || a.Incidents.Breaches != 1 || a.Incidents.NotifiedAP != 1 || a.Incidents.NotifiedLate != 0 || len(a.Cases) != 2 {
		t.Errorf("incidents: %+v, %d cases", a.Incidents, len(a.Cases))
	}
	if a.Incidents.AverageHoursToAP != 30 {
		t.Errorf("hours to AP %v, want 30", a.Incidents.AverageHoursToAP)
	}
	r := a.Requests
	if r.Received != 2 || r.Answered != 1 || r.Open != 1 || r.Late != 1 || r.ByRight[request.Access] != 1 || r.ByRight[request.Erasure] != 1 {
		t.Errorf("requests: %+v", r)
	}
	if len(a.Reviews) != 1 || a.ReviewsBy["renegotiate"] != 1 || a.SignedAgreements != 2 || len(a.NotReviewed) != 1 || a.NotReviewed[0] != "Nieuwsbriefdienst" {
		t.Errorf("agreements: %+v by %v, signed %d, not reviewed %v", a.Reviews, a.ReviewsBy, a.SignedAgreements, a.NotReviewed)
	}
	if len(a.DPIAs) != 1 || a.DPIAs[0].Title != "Cameratoezicht" || a.DPIADrafts != 1 {
		t.Errorf("DPIAs: %+v, drafts %d", a.DPIAs, a.DPIADrafts)
	}

	// 2025 sees only its own things.
	old, err := report.BuildAnnual(context.Background(), s, lib.ID, 2025, s.Now())
	if err != nil {
		t.Fatal(err)
	}
	if old.Incidents.Incidents != 1 || old.Requests.Received != 1 || len(old.Reviews) != 1 || len(old.DPIAs) != 0 {
		t.Errorf("2025: %d incidents, %d requests, %d reviews, %d DPIAs", old.Incidents.Incidents, old.Requests.Received, len(old.Reviews), len(old.DPIAs))
	}
}

// TestAnnualDocumentsInDutch renders the year as DOCX and PDF: the Word
// document holds the figures in Dutch, with the case and review tables.
func TestAnnualDocumentsInDutch(t *testing.T) {
	s, lib := libraryYear(t)
	a, err := report.BuildAnnual(context.Background(), s, lib.ID, 2026, s.Now())
	if err != nil {
		t.Fatal(err)
	}
	d := a.Doc("nl", lib.Name)
	var docx, pdf bytes.Buffer
	must(t, report.WriteDOCX(&docx, d))
	must(t, report.WritePDF(&pdf, d))
	text := docxText(t, docx.Bytes())
	for _, want := range []string{
		"Privacy in 2026",
		"Geregistreerde incidenten: 2, waarvan inbreuken in verband met persoonsgegevens: 1.",
		"Gemeld bij de Autoriteit Persoonsgegevens: 1, waarvan na 72 uur: 0.",
		"Ledenlijst gemaild aan verkeerde school",
		"Verzoeken ontvangen: 2. Beantwoord: 1; geweigerd: 0; gedeeltelijk geweigerd: 0; nog open: 1.",
		"Verwerkersovereenkomst Wise", "opnieuw onderhandelen", "Dit jaar niet beoordeeld: Nieuwsbriefdienst.",
		"Cameratoezicht", "Directeur-bestuurder",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("DOCX lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Oud voorval") {
		t.Error("a 2025 incident is in the 2026 report")
	}
	if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF")) {
		t.Error("not a PDF")
	}
}

func TestDPIADocx(t *testing.T) {
	next := ams(2027, 9, 1, 10)
	d := &store.DPIA{Title: "Cameratoezicht", Description: "Camera's bij de ingang", NextReviewAt: &next,
		Risks: []store.DPIARisk{{Description: "Beelden uitgelekt", Level: "high", ResidualLevel: "medium",
			Measures: []store.DPIAMeasure{{Description: "Versleutelde opslag", Owner: "ICT", State: dpia.Planned}}}}}
	var buf bytes.Buffer
	must(t, report.WriteDOCX(&buf, report.DPIADoc("nl", "Bibliotheek", d, "Cameratoezicht vestigingen")))
	text := docxText(t, buf.Bytes())
	for _, want := range []string{"Gegevensbeschermingseffectbeoordeling: Cameratoezicht", "Cameratoezicht vestigingen", "Camera's bij de ingang", "Beelden uitgelekt", "Versleutelde opslag", "ICT", "01-09-2027"} {
		if !strings.Contains(text, want) {
			t.Errorf("DPIA DOCX lacks %q:\n%s", want, text)
		}
	}
}

// TestAnnualReportShowsItsYear: the report for a year showed today's
// state (an agreement made today appeared in 2025). Now it is read from
// the dated records and the audit trail: an agreement or activity made
// after the year does not count, and an activity reviewed in March 2025
// and again in January 2026 counts as reviewed in both years.
func TestAnnualReportShowsItsYear(t *testing.T) {
	s, lib := libraryYear(t)
	ctx := context.Background()
	clock := s.Now
	at := func(tm time.Time, fn func(tx *store.Tx) error) {
		t.Helper()
		s.Now = func() time.Time { return tm }
		must(t, s.InTx(ctx, fn))
		s.Now = clock
	}
	leden := &register.Activity{Name: "Ledenadministratie"}
	at(ams(2025, 1, 5, 10), func(tx *store.Tx) error { return tx.CreateActivity(ctx, lib.ID, leden) })
	at(ams(2025, 3, 5, 10), func(tx *store.Tx) error { _, err := tx.MarkReviewed(ctx, lib.ID, leden.ID, "FG"); return err })
	at(ams(2026, 1, 15, 10), func(tx *store.Tx) error { _, err := tx.MarkReviewed(ctx, lib.ID, leden.ID, "FG"); return err })
	at(ams(2027, 1, 20, 10), func(tx *store.Tx) error {
		return tx.CreateActivity(ctx, lib.ID, &register.Activity{Name: "Pas in 2027 begonnen"})
	})
	for year, want := range map[int]struct{ signed, activities, reviewed int }{2025: {2, 1, 1}, 2026: {2, 1, 1}} {
		a, err := report.BuildAnnual(ctx, s, lib.ID, year, s.Now())
		if err != nil {
			t.Fatal(err)
		}
		if a.SignedAgreements != want.signed || a.Activities != want.activities || a.ActivitiesReviewed != want.reviewed {
			t.Errorf("%d: %d signed agreements, %d activities, %d reviewed; want %+v", year, a.SignedAgreements, a.Activities, a.ActivitiesReviewed, want)
		}
	}
}
