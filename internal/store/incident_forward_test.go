package store_test

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/incident"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestProcessorBreachReachesEachController encodes art. 33(2) AVG with
// the seeds' hours: the processor tells each controller; a controller on
// this installation gets the case in its own register with its own 72
// hours of art. 33(1) running from the moment it is told (EDPB 9/2022
// para. 41: the controller is aware when the processor informs it), and
// the processor's awareness and notice times on it; a controller
// elsewhere is mailed at its agreement's contact; one without either is
// left to the processor, not marked as told.
func TestProcessorBreachReachesEachController(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	pb := newOrg(t, s, "probiblio")
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.PublishProfile(ctx, pb.ID, probiblio(), "v1", "po"); return err }); err != nil {
		t.Fatal(err)
	}
	lek, lekAg := customerOf(t, s, "lekijsel", 14)
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.LinkLocalProfile(ctx, lek.ID, lekAg.ID, pb.ID); return err }); err != nil {
		t.Fatal(err)
	}
	aware := now.Add(-30 * time.Hour)
	i := &store.Incident{System: "Wise"}
	i.Title, i.Description, i.Role = "Misbruik beheeraccount", "Een beheeraccount is misbruikt.", incident.Processor
	i.DiscoveredAt, i.AwareAt = aware, &aware
	i.People = incident.Range{Min: 500, Max: 40000}
	i.Reporter = incident.Contact{Name: "Privacy officer ProBiblio", Email: "privacy@probiblio.example"}
	h72, h48 := 72, 48
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateIncident(ctx, pb.ID, i); err != nil {
			return err
		}
		elsewhere := &agreement.Party{OrgID: pb.ID, Name: "Bibliotheek Aan de Rivier", Kind: agreement.KindController,
			Contacts: []agreement.Contact{{Role: "account_manager", Name: "Servicedesk, privacy@aanderivier.example"}}}
		if err := tx.CreateParty(ctx, elsewhere); err != nil {
			return err
		}
		for _, c := range []*store.AffectedController{{Name: "Org lekijsel", ContractHours: &h72}, {Name: "Bibliotheek Aan de Rivier", ContractHours: &h48}, {Name: "Bibliotheek Zuidkust"}} {
			if err := tx.AddAffectedController(ctx, pb.ID, i.ID, c); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var told []store.ControllerNotice
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) { told, err = tx.NotifyControllers(ctx, pb, i.ID, "nl"); return err }); err != nil {
		t.Fatal(err)
	}
	if len(told) != 3 || told[0].How != store.ToldByCase || told[1].How != store.ToldByMail || told[2].How != store.NotTold {
		t.Fatalf("told %+v", told)
	}
	cases, err := s.IncidentsFull(ctx, lek.ID, store.IncidentFilter{})
	if err != nil || len(cases) != 1 {
		t.Fatalf("the library's cases: %+v %v", cases, err)
	}
	c := cases[0]
	if c.Role != incident.Controller || c.Source != store.SourceProcessor || c.Dossier != told[0].Dossier || c.OtherOrganisation != "ProBiblio" {
		t.Errorf("library's case %+v", c.Incident)
	}
	if c.AwareAt == nil || !c.AwareAt.Equal(now) || c.APDue() == nil || !c.APDue().Equal(now.Add(72*time.Hour)) {
		t.Errorf("the library's 72 hours: aware %v, due %v", c.AwareAt, c.APDue())
	}
	if c.ProcessorAwareAt == nil || !c.ProcessorAwareAt.Equal(aware) || c.ProcessorToldAt == nil || !c.ProcessorToldAt.Equal(now) || c.ProcessorHours != 72 {
		t.Errorf("processor's times on the library's case: %v %v %d", c.ProcessorAwareAt, c.ProcessorToldAt, c.ProcessorHours)
	}
	if mails := outboxTo(t, s, lek.ID); len(mails) != 1 {
		t.Errorf("the library's privacy officer is not mailed: %v", mails)
	}
	mails := outboxTo(t, s, pb.ID)
	if len(mails) != 1 || mails[0] != store.MailBreachToController+" privacy@aanderivier.example Beveiligingsincident bij ProBiblio: Misbruik beheeraccount" {
		t.Errorf("mail to the controller elsewhere: %v", mails)
	}
	ctls, _ := s.AffectedControllers(ctx, pb.ID, i.ID)
	if ctls[0].NotifiedAt == nil || ctls[1].NotifiedAt == nil || ctls[2].NotifiedAt != nil {
		t.Errorf("marks %+v", ctls)
	}
	// Again: nobody is told twice.
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) { told, err = tx.NotifyControllers(ctx, pb, i.ID, "nl"); return err }); err != nil {
		t.Fatal(err)
	}
	if cases, _ := s.IncidentsFull(ctx, lek.ID, store.IncidentFilter{}); len(cases) != 1 || len(told) != 1 {
		t.Errorf("second notify: %d cases, told %+v", len(cases), told)
	}
}
