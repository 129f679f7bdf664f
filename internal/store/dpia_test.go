package store_test

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/dpia"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestScreeningCameraSurveillance: camera surveillance is item 9 of the AP's
// list, so a DPIA is required whatever else applies; one WP248 criterion
// alone only advises one. An activity of another organisation is refused.
func TestScreeningCameraSurveillance(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	o, other := newOrg(t, s, "scr"), newOrg(t, s, "scr2")
	cam := addActivity(t, s, o.ID, "Cameratoezicht")
	foreign := addActivity(t, s, other.ID, "Elders")
	sc := &store.Screening{ActivityID: cam, Answers: dpia.Answers{APList: []dpia.APCategory{9}, Criteria: []dpia.Criterion{3}}, ScreenedBy: "fg"}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.ScreenActivity(ctx, o.ID, sc) }); err != nil {
		t.Fatal(err)
	}
	if sc.Outcome != dpia.Required || len(sc.Reasons) < 2 {
		t.Errorf("camera: %s %v", sc.Outcome, sc.Reasons)
	}
	// One truth: the register says what the screening concluded, so its
	// "DPIA needed = yes" filter finds the activity (it said "no" before).
	if a, err := s.Activity(ctx, o.ID, cam); err != nil || a.DPIANeeded != register.DPIAYes {
		t.Errorf("activity after a 'required' screening: %v %q, want yes", err, a.DPIANeeded)
	}
	if _, n, err := s.Activities(ctx, o.ID, store.ActivityFilter{DPIA: register.DPIAYes}); err != nil || n != 1 {
		t.Errorf("register filter DPIA needed = yes: %d (%v), want 1", n, err)
	}
	one := &store.Screening{ActivityID: cam, Answers: dpia.Answers{Criteria: []dpia.Criterion{5}}}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.ScreenActivity(ctx, o.ID, one) }); err != nil || one.Outcome != dpia.Advised {
		t.Errorf("one criterion: %v %s", err, one.Outcome)
	}
	bad := &store.Screening{ActivityID: foreign, Answers: dpia.Answers{}}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.ScreenActivity(ctx, o.ID, bad) }); !invalid(err) {
		t.Errorf("screening another organisation's activity: %v", err)
	}
	bad = &store.Screening{ActivityID: cam, Answers: dpia.Answers{APList: []dpia.APCategory{18}}}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.ScreenActivity(ctx, o.ID, bad) }); !invalid(err) {
		t.Errorf("AP item 18: %v", err)
	}
	list, _ := s.Screenings(ctx, o.ID, cam)
	if len(list) != 2 || list[0].Outcome != dpia.Advised {
		t.Errorf("screenings: %+v", list)
	}
	if l, _ := s.Screenings(ctx, other.ID, cam); len(l) != 0 {
		t.Error("screenings visible to another organisation")
	}
}

// TestDPIAResidualRiskAndPriorConsultation: a risk of likelihood 3 and
// impact 4 is very high; measures that leave likelihood 3 and impact 3
// keep it high, so the AP must be consulted first (art. 36(1)); lowering
// the residual likelihood to 1 makes it medium and ends that duty.
func TestDPIAResidualRiskAndPriorConsultation(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	o, other := newOrg(t, s, "dp"), newOrg(t, s, "dp2")
	d := &store.DPIA{Title: "Cameratoezicht", Risks: []store.DPIARisk{{Description: "Beelden uitgelekt", Likelihood: 3, Impact: 4,
		ResidualLikelihood: 3, ResidualImpact: 3, Measures: []store.DPIAMeasure{{Description: "Versleuteling", Owner: "ICT"}}}}}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateDPIA(ctx, o.ID, d) }); err != nil {
		t.Fatal(err)
	}
	if d.Risks[0].Level != dpia.VeryHigh || d.ResidualLevel != dpia.High || !d.PriorConsultation || d.Risks[0].Measures[0].State != dpia.Planned {
		t.Fatalf("levels: %s %s %v", d.Risks[0].Level, d.ResidualLevel, d.PriorConsultation)
	}
	if _, err := s.DPIA(ctx, other.ID, d.ID); err == nil {
		t.Error("DPIA readable by another organisation")
	}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.UpdateDPIA(ctx, o.ID, d.ID, func(x *store.DPIA) error { x.Risks[0].Likelihood = 7; return nil })
		return err
	})
	if !invalid(err) {
		t.Fatalf("likelihood 7: %v", err)
	}
	err = s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.UpdateDPIA(ctx, o.ID, d.ID, func(x *store.DPIA) error { x.State = dpia.Decided; return nil })
		return err
	})
	if !invalid(err) {
		t.Fatalf("decided without decision: %v", err)
	}
	var got *store.DPIA
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) {
		got, err = tx.UpdateDPIA(ctx, o.ID, d.ID, func(x *store.DPIA) error { x.Risks[0].ResidualLikelihood = 1; return nil })
		return
	}); err != nil {
		t.Fatal(err)
	}
	if got.ResidualLevel != dpia.Medium || got.PriorConsultation {
		t.Errorf("after measures: %s %v", got.ResidualLevel, got.PriorConsultation)
	}
	if trail, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "dpia"}); len(trail) != 2 {
		t.Errorf("audit rows %d, want 2", len(trail))
	}
}

// TestDPIAUpdateChecksTransition: the store refuses a move internal/dpia
// does not allow (archived straight to decided) and saves an allowed one.
func TestDPIAUpdateChecksTransition(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	o := newOrg(t, s, "dpt")
	d := &store.DPIA{Title: "Wifi-registratie", State: dpia.Archived}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateDPIA(ctx, o.ID, d) }); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	decide := func(x *store.DPIA) error {
		x.State, x.Decision, x.DecidedBy, x.DecidedAt = dpia.Decided, "Doorgaan", "Directeur", &at
		return nil
	}
	err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.UpdateDPIA(ctx, o.ID, d.ID, decide); return err })
	if !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("archived to decided: %v", err)
	}
	for _, change := range []func(x *store.DPIA) error{func(x *store.DPIA) error { x.State = dpia.Draft; return nil }, decide} {
		if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.UpdateDPIA(ctx, o.ID, d.ID, change); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.DPIA(ctx, o.ID, d.ID); got.State != dpia.Decided {
		t.Errorf("state %s, want decided", got.State)
	}
}
