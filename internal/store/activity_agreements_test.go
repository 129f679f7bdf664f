package store_test

import (
	"context"
	"testing"

	"privacyregister/internal/agreement"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestRegisterFollowsLinkedAgreement: issue 4 asks that the register shows
// each activity's agreement status from the linked agreement, replacing the
// free-text status an imported register had.
func TestRegisterFollowsLinkedAgreement(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "bieb")
	act := &register.Activity{Name: "Ledenadministratie", Status: register.StatusConcept,
		Processors: []register.ProcessorRef{{Name: "ProBiblio (Wise)", AgreementStatus: register.AgreementDraftSent}}}
	party := &agreement.Party{OrgID: o.ID, Name: "ProBiblio", Kind: agreement.KindProcessor, Country: "NL"}
	ag := &agreement.Agreement{OrgID: o.ID, Title: "Verwerkersovereenkomst Wise", Status: agreement.StatusNegotiating}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateActivity(ctx, o.ID, act); err != nil {
			return err
		}
		if err := tx.CreateParty(ctx, party); err != nil {
			return err
		}
		ag.PartyID = &party.ID
		if err := tx.CreateAgreement(ctx, ag); err != nil {
			return err
		}
		return tx.LinkActivity(ctx, o.ID, ag.ID, act.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	status := func() (register.AgreementStatus, *int64, int) {
		a, err := s.Activity(ctx, o.ID, act.ID)
		if err != nil {
			t.Fatal(err)
		}
		return a.Processors[0].AgreementStatus, a.Processors[0].AgreementID, len(a.Processors)
	}
	if st, id, n := status(); st != register.AgreementNegotiating || id == nil || *id != ag.ID || n != 1 {
		t.Fatalf("after link: status %s, id %v, %d processor rows; want negotiating on the existing row", st, id, n)
	}
	// Signing the agreement shows in the register and its filter.
	ag.Status = agreement.StatusSigned
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateAgreement(ctx, ag) }); err != nil {
		t.Fatal(err)
	}
	if st, _, _ := status(); st != register.AgreementSigned {
		t.Fatalf("after signing: %s", st)
	}
	signed, _, err := s.Activities(ctx, o.ID, store.ActivityFilter{AgreementStatus: register.AgreementSigned})
	if err != nil || len(signed) != 1 {
		t.Fatalf("filter on signed: %d, %v", len(signed), err)
	}
	// Unlinking leaves the row without an agreement.
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.UnlinkActivity(ctx, o.ID, ag.ID, act.ID) }); err != nil {
		t.Fatal(err)
	}
	if st, id, _ := status(); st != register.AgreementNone || id != nil {
		t.Fatalf("after unlink: %s %v", st, id)
	}
}
