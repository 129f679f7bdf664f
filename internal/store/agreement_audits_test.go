package store

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
)

// TestAgreementAudits: seed 001's NOA agreement (audit every three years)
// audited by reading the TPM statement on 15 March 2024 and by an on-site
// visit on 10 January 2023: the newest counts, so the next is due 15 March
// 2027. Another organisation sees, adds to and deletes nothing of it; bad
// input is refused naming the field and writes nothing; each change leaves
// a row in the audit trail.
func TestAgreementAudits(t *testing.T) {
	ctx := context.Background()
	s := openAgreementStore(t)
	a, b := agreementOrg(t, s, "aaa"), agreementOrg(t, s, "bbb")
	ag := sampleAgreement(a.ID, nil)
	ag.Terms.Audit.FrequencyMonths = ptr(36)
	other := sampleAgreement(a.ID, nil)
	other.Title = "Verwerkersovereenkomst ICTeam"
	if err := s.InTx(ctx, func(tx *Tx) error {
		if err := tx.CreateAgreement(ctx, ag); err != nil {
			return err
		}
		return tx.CreateAgreement(ctx, other)
	}); err != nil {
		t.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tpm := &agreement.AgreementAudit{OrgID: a.ID, AgreementID: ag.ID, HeldOn: day(2024, 3, 15), Kind: agreement.AuditReportReview,
		Auditor: "eigen FG", Findings: "TPM 2023 zonder voorbehoud", FollowUp: "pentestrapport opvragen", FollowUpDue: ptr(day(2024, 6, 1))}
	visit := &agreement.AgreementAudit{OrgID: a.ID, AgreementID: ag.ID, HeldOn: day(2023, 1, 10), Kind: agreement.AuditOnSite, Auditor: "externe auditor", Closed: true}
	if err := s.InTx(ctx, func(tx *Tx) error {
		if err := tx.AddAudit(ctx, tpm); err != nil {
			return err
		}
		return tx.AddAudit(ctx, visit)
	}); err != nil {
		t.Fatal(err)
	}
	list, err := s.Audits(ctx, a.ID, ag.ID)
	if err != nil || len(list) != 2 || list[0].ID != tpm.ID || list[0].FollowUpDue == nil || !list[0].FollowUpDue.Equal(day(2024, 6, 1)) || !list[1].Closed {
		t.Fatalf("audits %+v, %v", list, err)
	}
	if all, _ := s.Audits(ctx, a.ID, 0); len(all) != 2 {
		t.Errorf("all audits: %d", len(all))
	}
	if none, _ := s.Audits(ctx, a.ID, other.ID); len(none) != 0 {
		t.Errorf("the other agreement has %d audits", len(none))
	}
	last, err := s.LastAudits(ctx, a.ID)
	if err != nil || len(last) != 1 || !last[ag.ID].Equal(day(2024, 3, 15)) {
		t.Fatalf("last audits %v, %v", last, err)
	}
	l := last[ag.ID]
	if due := agreement.NextAudit(ag.Terms.Audit.FrequencyMonths, &l, ag.CreatedAt); due == nil || due.Format("2006-01-02") != "2027-03-15" {
		t.Errorf("next audit %v", due)
	}

	// Organisation B: its view is empty, it cannot add to, close or delete A's.
	if got, _ := s.Audits(ctx, b.ID, 0); len(got) != 0 {
		t.Errorf("B sees %d audits", len(got))
	}
	if got, _ := s.LastAudits(ctx, b.ID); len(got) != 0 {
		t.Errorf("B sees last audits %v", got)
	}
	if _, err := s.AgreementAudit(ctx, b.ID, tpm.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("B reads A's audit: %v", err)
	}
	intruder := &agreement.AgreementAudit{OrgID: b.ID, AgreementID: ag.ID, HeldOn: day(2025, 1, 1), Kind: agreement.AuditOnSite}
	for name, fn := range map[string]func(tx *Tx) error{
		"add":    func(tx *Tx) error { return tx.AddAudit(ctx, intruder) },
		"close":  func(tx *Tx) error { return tx.CloseAuditFollowUp(ctx, b.ID, ag.ID, tpm.ID) },
		"delete": func(tx *Tx) error { return tx.DeleteAudit(ctx, b.ID, ag.ID, tpm.ID) },
		// The right organisation but another agreement's path.
		"delete via other agreement": func(tx *Tx) error { return tx.DeleteAudit(ctx, a.ID, other.ID, tpm.ID) },
	} {
		if err := s.InTx(ctx, fn); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("%s: %v, want not found", name, err)
		}
	}

	// Bad input: refused naming the field, nothing written.
	before, _ := s.AuditLog(ctx, a.ID, AuditFilter{Entity: "agreement_audit"})
	for field, x := range map[string]*agreement.AgreementAudit{
		"kind":          {OrgID: a.ID, AgreementID: ag.ID, HeldOn: day(2025, 1, 1), Kind: "visit"},
		"held_on":       {OrgID: a.ID, AgreementID: ag.ID, HeldOn: day(2026, 3, 5), Kind: agreement.AuditOnSite}, // after "now", 2 March 2026
		"follow_up_due": {OrgID: a.ID, AgreementID: ag.ID, HeldOn: day(2025, 1, 1), Kind: agreement.AuditOnSite, FollowUpDue: ptr(day(2024, 12, 1))},
	} {
		err := s.InTx(ctx, func(tx *Tx) error { return tx.AddAudit(ctx, x) })
		list, ok := err.(apperr.List)
		if !ok || len(list) != 1 || list[0].Field != field {
			t.Errorf("%s: %v", field, err)
		}
	}
	if got, _ := s.Audits(ctx, a.ID, 0); len(got) != 2 {
		t.Errorf("%d audits after bad input", len(got))
	}
	if trail, _ := s.AuditLog(ctx, a.ID, AuditFilter{Entity: "agreement_audit"}); len(trail) != len(before) || len(trail) != 2 {
		t.Errorf("audit trail %d rows after bad input, was %d (want 2)", len(trail), len(before))
	}

	// Closing the follow-up, then deleting: both audited.
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.CloseAuditFollowUp(ctx, a.ID, ag.ID, tpm.ID) }); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.AgreementAudit(ctx, a.ID, tpm.ID); got == nil || !got.Closed {
		t.Errorf("follow-up not closed: %+v", got)
	}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.DeleteAudit(ctx, a.ID, ag.ID, tpm.ID) }); err != nil {
		t.Fatal(err)
	}
	if last, _ := s.LastAudits(ctx, a.ID); !last[ag.ID].Equal(day(2023, 1, 10)) {
		t.Errorf("after deleting the newest, last audit %v", last[ag.ID])
	}
	if trail, _ := s.AuditLog(ctx, a.ID, AuditFilter{Entity: "agreement_audit"}); len(trail) != 4 {
		t.Errorf("audit trail has %d agreement_audit rows, want 4 (2 created, closed, deleted)", len(trail))
	}

	// Deleting the agreement takes its audits along.
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.DeleteAgreement(ctx, a.ID, ag.ID) }); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Audits(ctx, a.ID, 0); len(got) != 0 {
		t.Errorf("%d audits outlive their agreement", len(got))
	}
}
