package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestWeeklyDigestAudits: on Monday 23 February 2026 the privacy officer
// reads that seed 002's ICTeam audit (yearly, signed 14 May 2018, never
// audited) is overdue since 14 May 2019; that a yearly audit last held 5
// March 2025 is due 5 March 2026, and NOA's open follow-up by 1 March 2026,
// both soon. Not NOA's next audit (every three years from 15 March 2024),
// not an ended agreement, not a follow-up already done.
func TestWeeklyDigestAudits(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC)}
	st.Now = clock.Now
	o := &org.Organisation{Short: "bieb", Name: "Bibliotheek"}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	yearly, triennial := 12, 36
	newAgreement := func(tx *store.Tx, title string, freq int, signed time.Time, status agreement.Status) error {
		terms := agreement.NewTerms()
		terms.Audit.Right, terms.Audit.FrequencyMonths = true, &freq
		return tx.CreateAgreement(ctx, &agreement.Agreement{OrgID: o.ID, Title: title, Status: status, SignedOn: &signed, Terms: terms})
	}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		if _, err := tx.AddMember(ctx, o.ID, &auth.User{Email: "fg@bieb.example", PasswordHash: "x", Lang: "nl"}, org.PrivacyOfficer); err != nil {
			return err
		}
		if err := newAgreement(tx, "Verwerkersovereenkomst ICTeam Zuid", yearly, day(2018, 5, 14), agreement.StatusSigned); err != nil {
			return err
		}
		if err := newAgreement(tx, "Beeindigde overeenkomst Oldco", yearly, day(2018, 5, 14), agreement.StatusEnded); err != nil {
			return err
		}
		audits := map[string][]agreement.AgreementAudit{
			"Verwerkersovereenkomst NOA": {
				{HeldOn: day(2024, 3, 15), Kind: agreement.AuditReportReview, FollowUp: "pentestrapport opvragen", FollowUpDue: ptr(day(2026, 3, 1))},
				{HeldOn: day(2023, 3, 1), Kind: agreement.AuditOnSite, FollowUp: "oud punt", FollowUpDue: ptr(day(2026, 2, 28)), Closed: true},
			},
			"Verwerkersovereenkomst Wise": {{HeldOn: day(2025, 3, 5), Kind: agreement.AuditQuestionnaire}},
		}
		freq := map[string]int{"Verwerkersovereenkomst NOA": triennial, "Verwerkersovereenkomst Wise": yearly}
		for title, list := range audits {
			a := &agreement.Agreement{OrgID: o.ID, Title: title, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
			f := freq[title]
			a.Terms.Audit.FrequencyMonths = &f
			if err := tx.CreateAgreement(ctx, a); err != nil {
				return err
			}
			for _, au := range list {
				au.OrgID, au.AgreementID = o.ID, a.ID
				if err := tx.AddAudit(ctx, &au); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	body := mondayDigest(t, st, clock)
	overdue, soon := strings.Index(body, "Te laat"), strings.Index(body, "Binnenkort")
	icteam := strings.Index(body, "14-05-2019  Audit verwacht: Verwerkersovereenkomst ICTeam Zuid")
	followUp := strings.Index(body, "01-03-2026  Vervolgactie audit: Verwerkersovereenkomst NOA: pentestrapport opvragen")
	wise := strings.Index(body, "05-03-2026  Audit verwacht: Verwerkersovereenkomst Wise")
	if overdue < 0 || soon < 0 || icteam < overdue || icteam > soon || followUp < soon || wise < followUp {
		t.Errorf("digest does not list ICTeam's overdue audit, then NOA's follow-up and Wise's audit due soon:\n%s", body)
	}
	if !strings.Contains(body, "https://p.example/o/bieb/agreements/") {
		t.Errorf("no link to the agreement:\n%s", body)
	}
	for _, not := range []string{"Oldco", "oud punt", "15-03-2027"} {
		if strings.Contains(body, not) {
			t.Errorf("digest lists %q:\n%s", not, body)
		}
	}
}

func ptr[T any](v T) *T { return &v }
