package store_test

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/govrequest"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// processorAgreement gives the processor an agreement, as processor, with
// the customer named name.
func processorAgreement(t *testing.T, s *store.Store, orgID int64, name string) int64 {
	t.Helper()
	ctx := context.Background()
	p := &agreement.Party{OrgID: orgID, Name: name, Kind: agreement.KindController}
	a := &agreement.Agreement{OrgID: orgID, Title: "VO Wise - " + name, OurRole: agreement.RoleProcessor, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateParty(ctx, p); err != nil {
			return err
		}
		a.PartyID = &p.ID
		return tx.CreateAgreement(ctx, a)
	}); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func createGov(s *store.Store, orgID int64, r govrequest.Request) (*store.GovRequest, error) {
	g := &store.GovRequest{Request: r}
	err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateGovRequest(context.Background(), orgID, g) })
	return g, err
}

func updateGov(s *store.Store, orgID, id int64, change func(g *store.GovRequest)) (*store.GovRequest, error) {
	var out *store.GovRequest
	err := s.InTx(context.Background(), func(tx *store.Tx) (err error) {
		out, err = tx.UpdateGovRequest(context.Background(), orgID, id, func(g *store.GovRequest) error { change(g); return nil })
		return err
	})
	return out, err
}

// TestGovRequestsSeed001Art9: ProBiblio records a police request for a
// member of one library (seed 001 art. 9.1: told without delay) and an
// order under a gag for the same library (9.2: not shown to the library,
// not overdue, legal check required), and a request for a second library
// it has not told yet: received Mon 10:00, overdue after Tue 10:00. Each
// library sees only what is about its own data and not gagged; another
// organisation sees and changes nothing; every change is audited.
func TestGovRequestsSeed001Art9(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	monday := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) // 10:00 in Amsterdam
	clock := &testutil.Clock{T: monday.Add(2 * time.Hour)}
	s.Now = clock.Now
	pb := newOrg(t, s, "probiblio")
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.PublishProfile(ctx, pb.ID, probiblio(), "Eerste versie", "po@probiblio")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	lek, lekAg := customerOf(t, s, "lekijsel", 14)
	riv, rivAg := customerOf(t, s, "rivier", 0)
	zuid, _ := customerOf(t, s, "zuidkust", 0) // a customer that did not link
	lekPA, rivPA := processorAgreement(t, s, pb.ID, lek.Name), processorAgreement(t, s, pb.ID, riv.Name)
	zuidPA := processorAgreement(t, s, pb.ID, zuid.Name)
	for _, c := range []struct{ org, ag int64 }{{lek.ID, lekAg.ID}, {riv.ID, rivAg.ID}} {
		if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.LinkLocalProfile(ctx, c.org, c.ag, pb.ID); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if l, err := s.ProfileLinkOfAgreement(ctx, lek.ID, lekAg.ID); err != nil || l.ProcessorAgreementID == nil || *l.ProcessorAgreementID != lekPA {
		t.Fatalf("link of the library: %+v %v", l, err)
	}

	told := monday.Add(time.Hour)
	police, err := createGov(s, pb.ID, govrequest.Request{AgreementID: lekPA, Authority: "Politie Eenheid Den Haag", AuthorityKind: govrequest.Investigation,
		LegalBasis: "art. 126nd Sv", ReceivedAt: monday, DataAsked: "NAW-gegevens van lid 1234", ToldAt: &told})
	if err != nil || police.Status != govrequest.StatusTold || police.Customer != lek.Name || police.Decision != govrequest.Pending {
		t.Fatalf("police request: %v %+v", err, police)
	}
	gag, err := createGov(s, pb.ID, govrequest.Request{AgreementID: lekPA, Authority: "AIVD", AuthorityKind: govrequest.NationalSecurity,
		ReceivedAt: monday, DataAsked: "Leenhistorie", Gag: true, GagReason: "Geheimhoudingsplicht art. 85 Wiv 2017"})
	if err != nil || gag.Status != govrequest.StatusGagCheck || gag.TellBy != nil {
		t.Fatalf("gagged request: %v %+v", err, gag)
	}
	untold, err := createGov(s, pb.ID, govrequest.Request{AgreementID: rivPA, Authority: "Belastingdienst", AuthorityKind: govrequest.Government,
		ReceivedAt: monday, DataAsked: "Adres van een lid"})
	if err != nil || untold.TellBy == nil || !untold.TellBy.Equal(monday.Add(24*time.Hour)) || untold.Status != govrequest.StatusToTell {
		t.Fatalf("seed 001 art. 9.1: received Mon 10:00, tell by Tue 10:00: %v %+v", err, untold)
	}
	if _, err := createGov(s, pb.ID, govrequest.Request{AgreementID: zuidPA, Authority: "AP", AuthorityKind: govrequest.Supervisor,
		ReceivedAt: monday, DataAsked: "Logbestanden", Gag: true, GagReason: "x", ToldAt: &told}); !fieldErr(err, "told_at") {
		t.Errorf("told under a gag: %v", err)
	}

	// The agreement must be the processor's own, as processor.
	if _, err := createGov(s, pb.ID, govrequest.Request{AgreementID: lekAg.ID, Authority: "x", AuthorityKind: govrequest.Foreign, ReceivedAt: monday, DataAsked: "x"}); !fieldErr(err, "agreement_id") {
		t.Errorf("another organisation's agreement: %v", err)
	}
	if _, err := createGov(s, lek.ID, govrequest.Request{AgreementID: lekAg.ID, Authority: "x", AuthorityKind: govrequest.Foreign, ReceivedAt: monday, DataAsked: "x"}); !fieldErr(err, "agreement_id") {
		t.Errorf("an agreement as controller: %v", err)
	}

	// Tue 10:01: the untold request is overdue; the gagged one is not.
	clock.T = monday.Add(24*time.Hour + time.Minute)
	if g, _ := s.GovRequest(ctx, pb.ID, untold.ID); g.Status != govrequest.StatusOverdue {
		t.Errorf("seed 001 art. 9.1 at Tue 10:01: %s, want overdue", g.Status)
	}
	if g, _ := s.GovRequest(ctx, pb.ID, gag.ID); g.Status != govrequest.StatusGagCheck {
		t.Errorf("seed 001 art. 9.2 at Tue 10:01: %s, want gag: legal check required", g.Status)
	}
	list, err := s.GovRequests(ctx, pb.ID, lekPA, store.Page{})
	if err != nil || len(list) != 2 {
		t.Fatalf("the library's requests: %d %v", len(list), err)
	}
	custs, err := s.GovRequestsByCustomer(ctx, pb.ID)
	if err != nil || len(custs) != 2 {
		t.Fatalf("by customer: %+v %v", custs, err)
	}
	byAg := map[int64]store.GovCustomer{}
	for _, c := range custs {
		byAg[c.AgreementID] = c
	}
	if c := byAg[lekPA]; c.Requests != 2 || c.Gagged != 1 || c.Overdue != 0 || c.Open != 2 {
		t.Errorf("lekijsel line: %+v", c)
	}
	if c := byAg[rivPA]; c.Requests != 1 || c.Overdue != 1 {
		t.Errorf("rivier line: %+v", c)
	}

	// The controllers' view.
	seen := func(orgID int64) map[int64]store.ControllerGovRequest {
		t.Helper()
		cs, err := s.GovRequestsForController(ctx, orgID, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]store.ControllerGovRequest{}
		for _, c := range cs {
			out[c.ID] = c
		}
		return out
	}
	if got := seen(lek.ID); len(got) != 1 || got[police.ID].Processor != pb.Name || got[police.ID].AgreementID != lekAg.ID || got[police.ID].LegalBasis != "art. 126nd Sv" {
		t.Errorf("seed 001 art. 9.2: the library sees the told request only, not the gagged one: %+v", got)
	}
	if got := seen(riv.ID); len(got) != 1 || got[untold.ID].Authority != "Belastingdienst" {
		t.Errorf("the second library: %+v", got)
	}
	for name, id := range map[string]int64{"an unlinked customer": zuid.ID, "the processor itself": pb.ID} {
		if got := seen(id); len(got) != 0 {
			t.Errorf("%s sees %+v", name, got)
		}
	}

	// Another organisation can neither read nor change a request.
	if _, err := s.GovRequest(ctx, lek.ID, police.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("read by another organisation: %v", err)
	}
	if _, err := updateGov(s, lek.ID, police.ID, func(g *store.GovRequest) { g.Authority = "Gekaapt" }); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("change by another organisation: %v", err)
	}
	if list, _ := s.GovRequests(ctx, lek.ID, 0, store.Page{}); len(list) != 0 {
		t.Errorf("another organisation's list: %+v", list)
	}

	// The legal check done and the gag lifted (9.2a, e): the library sees it.
	checked, lifted := monday.Add(30*time.Hour), monday.Add(48*time.Hour)
	clock.T = monday.Add(50 * time.Hour)
	got, err := updateGov(s, pb.ID, gag.ID, func(g *store.GovRequest) {
		g.LegalCheckAt, g.LegalCheckNote, g.GagLiftedAt = &checked, "Verplicht; verbod tot en met woensdag", &lifted
		g.Status = govrequest.StatusTold // read only: ignored
	})
	if err != nil || got.Status != govrequest.StatusToTell || !got.TellBy.Equal(lifted.Add(24*time.Hour)) {
		t.Fatalf("lifted gag: %v %+v", err, got)
	}
	if c := seen(lek.ID)[gag.ID]; c.GagLiftedAt == nil || c.Authority != "AIVD" {
		t.Errorf("after lifting the library sees the request: %+v", c)
	}
	trail, err := s.AuditLog(ctx, pb.ID, store.AuditFilter{Entity: store.EntityGovRequest})
	if err != nil || len(trail) != 4 {
		t.Errorf("audit trail: %d rows %v, want 3 created and 1 changed", len(trail), err)
	}
	if trail, _ := s.AuditLog(ctx, lek.ID, store.AuditFilter{Entity: store.EntityGovRequest}); len(trail) != 0 {
		t.Errorf("the library's trail has %d request rows", len(trail))
	}
}
