package store_test

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/incident"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// incidentStore is a store whose clock stands at noon on 2 March 2026 UTC.
func incidentStore(t testing.TB) (*store.Store, *testutil.Clock) {
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	return s, clock
}

func newIncident(t testing.TB, s *store.Store, orgID int64, title string, discovered time.Time) *store.Incident {
	t.Helper()
	i := &store.Incident{}
	i.Title, i.DiscoveredAt = title, discovered
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateIncident(context.Background(), orgID, i) }); err != nil {
		t.Fatal(err)
	}
	return i
}

func countIncidents(t *testing.T, s *store.Store, orgID int64) int {
	t.Helper()
	_, n, err := s.Incidents(context.Background(), orgID, store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIncidentDossierNumbersPerOrgAndYear(t *testing.T) {
	s, clock := incidentStore(t)
	a, b := newOrg(t, s, "lib-a"), newOrg(t, s, "lib-b")
	d := clock.T.Add(-time.Hour)
	if got := newIncident(t, s, a.ID, "first", d).Dossier; got != "2026-001" {
		t.Errorf("first dossier of A = %s, want 2026-001", got)
	}
	if got := newIncident(t, s, a.ID, "second", d).Dossier; got != "2026-002" {
		t.Errorf("second dossier of A = %s, want 2026-002", got)
	}
	if got := newIncident(t, s, b.ID, "B's first", d).Dossier; got != "2026-001" {
		t.Errorf("first dossier of B = %s, want 2026-001 (numbers are per organisation)", got)
	}
	// New Year's Eve 23:30 UTC is already 1 January in Amsterdam.
	clock.T = time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)
	if got := newIncident(t, s, a.ID, "new year", clock.T).Dossier; got != "2027-001" {
		t.Errorf("dossier at Amsterdam New Year = %s, want 2027-001", got)
	}
}

func TestIncidentBadInputWritesNothing(t *testing.T) {
	s, clock := incidentStore(t)
	a, b := newOrg(t, s, "lib-a"), newOrg(t, s, "lib-b")
	var actB int64
	if err := s.InTx(context.Background(), func(tx *store.Tx) error {
		act := register.DemoActivities()[0]
		if err := tx.CreateActivity(context.Background(), b.ID, &act); err != nil {
			return err
		}
		actB = act.ID
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	start, end := clock.T.Add(-2*time.Hour), clock.T.Add(-5*time.Hour)
	cases := map[string]struct {
		field string
		edit  func(i *store.Incident)
	}{
		"discovery in the future": {"discovered_at", func(i *store.Incident) { i.DiscoveredAt = clock.T.Add(time.Hour) }},
		"negative people":         {"people.min", func(i *store.Incident) { i.People.Min = -3 }},
		"end before start": {"ended_at", func(i *store.Incident) {
			i.Timing, i.StartedAt, i.EndedAt = incident.Period, &end, &start
			i.StartedAt = &end
			e := end.Add(-time.Hour)
			i.EndedAt = &e
		}},
		"activity of another organisation": {"activity_ids[0]", func(i *store.Incident) { i.ActivityIDs = []int64{actB} }},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			trail, _ := s.AuditLog(context.Background(), a.ID, store.AuditFilter{})
			i := &store.Incident{}
			i.Title, i.DiscoveredAt = "x", clock.T.Add(-time.Hour)
			tc.edit(i)
			err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateIncident(context.Background(), a.ID, i) })
			if !hasField(err, tc.field) {
				t.Errorf("err = %v, want an error on field %s", err, tc.field)
			}
			if n := countIncidents(t, s, a.ID); n != 0 {
				t.Errorf("%d cases written", n)
			}
			after, _ := s.AuditLog(context.Background(), a.ID, store.AuditFilter{})
			if len(after) != len(trail) {
				t.Errorf("audit trail grew")
			}
		})
	}
	// A failed create must not use up a dossier number.
	if got := newIncident(t, s, a.ID, "ok", clock.T.Add(-time.Hour)).Dossier; got != "2026-001" {
		t.Errorf("dossier after failures = %s, want 2026-001", got)
	}
}

func hasField(err error, field string) bool {
	var list apperr.List
	if e, ok := err.(apperr.List); ok {
		list = e
	} else if e, ok := err.(*apperr.Error); ok {
		list = apperr.List{e}
	}
	for _, e := range list {
		if e.Field == field {
			return true
		}
	}
	return false
}

func TestIncidentOtherOrganisationNotFound(t *testing.T) {
	s, clock := incidentStore(t)
	a, b := newOrg(t, s, "lib-a"), newOrg(t, s, "lib-b")
	i := newIncident(t, s, b.ID, "B's breach", clock.T)
	if _, err := s.Incident(context.Background(), a.ID, i.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("A reads B's case: err = %v, want not found", err)
	}
	err := s.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.UpdateIncident(context.Background(), a.ID, i.ID, "updated", func(x *store.Incident) error { x.Title = "hijacked"; return nil })
		return err
	})
	if !apperr.Is(err, apperr.NotFound) {
		t.Errorf("A updates B's case: err = %v, want not found", err)
	}
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.DeleteIncident(context.Background(), a.ID, i.ID) }); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("A deletes B's case: err = %v, want not found", err)
	}
}

// Art. 33(1): a notification 80 hours after awareness is late and must give
// the reasons for the delay; without one nothing is recorded.
func TestIncidentLateNotificationNeedsReason(t *testing.T) {
	s, clock := incidentStore(t)
	a := newOrg(t, s, "lib-a")
	aware := clock.T.Add(-80 * time.Hour)
	i := newIncident(t, s, a.ID, "mailing", aware)
	ctx := context.Background()
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.UpdateIncident(ctx, a.ID, i.ID, "updated", func(x *store.Incident) error { x.AwareAt = &aware; return nil })
		return err
	}); err != nil {
		t.Fatal(err)
	}
	n := &store.AuthorityNotification{Kind: store.NotifyNew, SentAt: clock.T, Reference: "M-123"}
	err := s.InTx(ctx, func(tx *store.Tx) error { return tx.RecordAuthorityNotification(ctx, a.ID, i.ID, n, "") })
	if !hasField(err, "late_reason") {
		t.Fatalf("late notification without reason: err = %v, want late_reason", err)
	}
	if ns, _ := s.AuthorityNotifications(ctx, a.ID, i.ID); len(ns) != 0 {
		t.Fatalf("%d notifications written", len(ns))
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		return tx.RecordAuthorityNotification(ctx, a.ID, i.ID, n, "the mailing supplier told us only on day 3")
	}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Incident(ctx, a.ID, i.ID)
	if got.NotifiedAuthorityAt == nil || got.AuthorityReference != "M-123" || got.LateReason == "" {
		t.Errorf("case after notification: %+v %q %q", got.NotifiedAuthorityAt, got.AuthorityReference, got.LateReason)
	}
	follow := &store.AuthorityNotification{Kind: store.NotifySupplement, SentAt: clock.T}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.RecordAuthorityNotification(ctx, a.ID, i.ID, follow, "") }); err != nil {
		t.Errorf("follow-up: %v", err)
	}
}

// A processor with a 48-hour contract (seed 001) discovering a breach at
// 09:00 on 1 March 2026 must tell the controller by 09:00 on 3 March; a
// "without delay" contract uses the organisation's own target.
func TestIncidentControllerDeadlines(t *testing.T) {
	s, clock := incidentStore(t)
	a := newOrg(t, s, "supplier")
	discovered := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	i := newIncident(t, s, a.ID, "outage", discovered)
	ctx := context.Background()
	h48 := 48
	c1 := &store.AffectedController{Name: "Bibliotheek A", ContractHours: &h48}
	c2 := &store.AffectedController{Name: "Bibliotheek B", TargetHours: 12}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.AddAffectedController(ctx, a.ID, i.ID, c1); err != nil {
			return err
		}
		return tx.AddAffectedController(ctx, a.ID, i.ID, c2)
	}); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC); !c1.DueAt.Equal(want) {
		t.Errorf("48 h controller due %v, want %v", c1.DueAt, want)
	}
	if want := discovered.Add(12 * time.Hour); !c2.DueAt.Equal(want) {
		t.Errorf("without-delay controller due %v, want %v", c2.DueAt, want)
	}
	bad := &store.AffectedController{Name: "X", ContractHours: new(int)}
	*bad.ContractHours = -5
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.AddAffectedController(ctx, a.ID, i.ID, bad) }); !hasField(err, "contract_hours") {
		t.Errorf("negative hours: err = %v", err)
	}
	ds, err := s.OpenDeadlines(ctx, a.ID, clock.T.Add(72*time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Controller != "Bibliotheek B" {
		t.Errorf("open deadlines = %+v", ds)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.MarkControllerNotified(ctx, a.ID, i.ID, c2.ID, clock.T) }); err != nil {
		t.Fatal(err)
	}
	if ds, _ := s.OpenDeadlines(ctx, a.ID, clock.T.Add(72*time.Hour), 0); len(ds) != 1 {
		t.Errorf("after notifying B: %d open deadlines, want 1", len(ds))
	}
}

func TestIncidentClosedIsReadOnlyUntilReopened(t *testing.T) {
	s, clock := incidentStore(t)
	a := newOrg(t, s, "lib-a")
	i := newIncident(t, s, a.ID, "laptop", clock.T)
	ctx := context.Background()
	err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CloseIncident(ctx, a.ID, i.ID) })
	if !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("closing with open phases: err = %v, want conflict", err)
	}
	allDone := func(x *store.Incident) error {
		for _, p := range incident.Phases[:5] {
			if p == incident.Notify {
				x.Outcome = incident.DocumentOnly // set without the decision aid: no reasons on record
			}
			if err := x.SetPhase(p, incident.Done); err != nil {
				return err
			}
		}
		x.Description, x.ConsequenceOther = "Laptop met versleutelde schijf verloren.", "geen: de schijf is versleuteld"
		x.Measures = []incident.Measure{{Kind: incident.Immediate, Description: "Laptop op afstand gewist"}}
		return nil
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.UpdateIncident(ctx, a.ID, i.ID, "phase", allDone)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// Every phase done, but the outcome has no decision behind it: art.
	// 33(5) documents the breach with the reasons it was not notified.
	err = s.InTx(ctx, func(tx *store.Tx) error { return tx.CloseIncident(ctx, a.ID, i.ID) })
	if !hasField(err, "outcome") {
		t.Fatalf("closing without a recorded decision: err = %v, want an error at outcome", err)
	}
	// An encrypted laptop whose key is safe: unlikely to result in a risk
	// (art. 33(1)), documented and not notified.
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.DecideIncident(ctx, a.ID, i.ID, incident.Assessment{PersonalData: true, Confidentiality: true, Unintelligible: true}, "", "")
		if err != nil {
			return err
		}
		return tx.CloseIncident(ctx, a.ID, i.ID)
	}); err != nil {
		t.Fatal(err)
	}
	edit := func() error {
		return s.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.UpdateIncident(ctx, a.ID, i.ID, "updated", func(x *store.Incident) error { x.Title = "changed"; return nil })
			return err
		})
	}
	if err := edit(); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("editing a closed case: err = %v, want conflict", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.AddIncidentNote(ctx, a.ID, i.ID, "note") }); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("note on a closed case: err = %v, want conflict", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.ReopenIncident(ctx, a.ID, i.ID, "") }); !hasField(err, "reason") {
		t.Errorf("reopen without reason: err = %v", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.ReopenIncident(ctx, a.ID, i.ID, "new facts from the supplier") }); err != nil {
		t.Fatal(err)
	}
	if err := edit(); err != nil {
		t.Errorf("editing a reopened case: %v", err)
	}
	trail, _ := s.AuditLog(ctx, a.ID, store.AuditFilter{Entity: "incident", EntityID: i.ID})
	var reopened bool
	for _, e := range trail {
		if c, ok := e.Changes["closed_at"]; ok && c.After == nil && c.Before != nil {
			reopened = true
		}
	}
	if !reopened {
		t.Errorf("the reopen left no audit row")
	}
	ev, _ := s.IncidentEvents(ctx, a.ID, i.ID)
	if ev[len(ev)-2].Kind != "reopened" {
		t.Errorf("timeline = %+v", ev)
	}
}

func TestIncidentDeleteIsAudited(t *testing.T) {
	s, clock := incidentStore(t)
	a := newOrg(t, s, "lib-a")
	i := newIncident(t, s, a.ID, "to remove", clock.T)
	ctx := audit.WithActor(context.Background(), audit.Actor{UserID: 0, Name: "beheerder@example.org"})
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteIncident(ctx, a.ID, i.ID) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Incident(ctx, a.ID, i.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("case still there: %v", err)
	}
	trail, _ := s.AuditLog(ctx, a.ID, store.AuditFilter{Entity: "incident", EntityID: i.ID})
	if len(trail) == 0 || trail[0].Action != audit.Delete || trail[0].Actor != "beheerder@example.org" {
		t.Errorf("no delete row in the audit trail: %+v", trail)
	}
}

func TestIntakeLinkRevokedAndRateCounted(t *testing.T) {
	s, _ := incidentStore(t)
	a := newOrg(t, s, "lib-a")
	ctx := context.Background()
	var token string
	var link *store.IntakeLink
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) {
		token, link, err = tx.CreateIntakeLink(ctx, a.ID, "volunteers")
		return
	}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.IntakeLinkByToken(ctx, token); err != nil || got.OrgID != a.ID {
		t.Fatalf("live link: %v %v", got, err)
	}
	if _, err := s.IntakeLinkByToken(ctx, token+"x"); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("unknown token: %v", err)
	}
	for range 3 {
		_ = s.RecordIntakeAttempt(ctx, "link-1", "10.0.0.9")
	}
	if l, ad, err := s.IntakeAttempts(ctx, "link-1", "10.0.0.9", time.Hour); l != 3 || ad != 3 || err != nil {
		t.Errorf("attempts = %d, %d, %v", l, ad, err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.RevokeIntakeLink(ctx, a.ID, link.ID) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.IntakeLinkByToken(ctx, token); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("revoked token still works: %v", err)
	}
}

// Each reminder is claimed once, even when two processes try.
func TestIncidentReminderClaimedOnce(t *testing.T) {
	s, clock := incidentStore(t)
	a := newOrg(t, s, "lib-a")
	i := newIncident(t, s, a.ID, "x", clock.T)
	ctx := context.Background()
	aware := clock.T
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.UpdateIncident(ctx, a.ID, i.ID, "", func(x *store.Incident) error { x.AwareAt = &aware; return nil })
		return err
	}); err != nil {
		t.Fatal(err)
	}
	ds, err := s.OpenDeadlines(ctx, 0, clock.T.Add(100*time.Hour), 0)
	if err != nil || len(ds) != 1 {
		t.Fatalf("deadlines = %v, %v", ds, err)
	}
	if want := aware.Add(72 * time.Hour); !ds[0].DueAt.Equal(want) {
		t.Errorf("AP due %v, want %v", ds[0].DueAt, want)
	}
	claims := 0
	for range 2 {
		_ = s.InTx(ctx, func(tx *store.Tx) error {
			ok, err := tx.ClaimIncidentReminder(ctx, ds[0], 24)
			if ok {
				claims++
			}
			return err
		})
	}
	if claims != 1 {
		t.Errorf("claimed %d times, want once", claims)
	}
}

// TestIncidentProcessorClosesWhenControllersTold: the library hosts a
// municipality's data as processor; a breach there is told to the
// municipality without undue delay (art. 33(2)) and the municipality
// decides on the AP. The case closes only once that is on record.
func TestIncidentProcessorClosesWhenControllersTold(t *testing.T) {
	s, clock := incidentStore(t)
	a := newOrg(t, s, "lib-a")
	i := newIncident(t, s, a.ID, "misconfigured share", clock.T.Add(-2*time.Hour))
	ctx := context.Background()
	ctl := &store.AffectedController{Name: "Gemeente Lochem"}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.UpdateIncident(ctx, a.ID, i.ID, "", func(x *store.Incident) error { x.Role = incident.Processor; return nil }); err != nil {
			return err
		}
		if _, err := tx.DecideIncident(ctx, a.ID, i.ID, incident.Assessment{PersonalData: true, AsProcessor: true, Confidentiality: true}, "", ""); err != nil {
			return err
		}
		if _, err := tx.UpdateIncident(ctx, a.ID, i.ID, "", func(x *store.Incident) error {
			for _, p := range incident.Phases[:5] {
				x.Phases[p] = incident.Done
			}
			return nil
		}); err != nil {
			return err
		}
		return tx.AddAffectedController(ctx, a.ID, i.ID, ctl)
	}); err != nil {
		t.Fatal(err)
	}
	err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CloseIncident(ctx, a.ID, i.ID) })
	if !hasField(err, "controllers") {
		t.Fatalf("closing before the controller was told: err = %v, want an error at controllers", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.MarkControllerNotified(ctx, a.ID, i.ID, ctl.ID, clock.T.Add(-time.Hour)); err != nil {
			return err
		}
		return tx.CloseIncident(ctx, a.ID, i.ID)
	}); err != nil {
		t.Fatal(err)
	}
}
