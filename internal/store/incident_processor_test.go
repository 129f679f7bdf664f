package store_test

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/incident"
	"privacyregister/internal/store"
)

// TestProcessorCaseHasNoAPDeadline: a processor tells its controller
// (art. 33(2)); the 72 hours to the AP are the controller's (art. 33(1)).
// A processor's case aware at 09:00 on 1 March 2026 therefore has only the
// controller's 48-hour clock (seed 001), not an AP deadline on 4 March; the
// same case as controller has the AP deadline.
func TestProcessorCaseHasNoAPDeadline(t *testing.T) {
	s, clock := incidentStore(t)
	ctx := context.Background()
	o := newOrg(t, s, "verwerker")
	aware := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	h48 := 48
	mk := func(role incident.Role) *store.Incident {
		i := &store.Incident{}
		i.Title, i.DiscoveredAt, i.AwareAt, i.Role = "Storing "+string(role), aware, &aware, role
		if err := s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
				return err
			}
			if role == incident.Processor {
				return tx.AddAffectedController(ctx, o.ID, i.ID, &store.AffectedController{Name: "Bibliotheek A", ContractHours: &h48})
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return i
	}
	proc, ctrl := mk(incident.Processor), mk(incident.Controller)
	if proc.APDue() != nil {
		t.Errorf("processor case: AP due %v, want none", proc.APDue())
	}
	if d := ctrl.APDue(); d == nil || !d.Equal(aware.Add(72*time.Hour)) {
		t.Errorf("controller case: AP due %v, want 4 March 09:00", d)
	}
	ds, err := s.OpenDeadlines(ctx, o.ID, clock.T.Add(30*24*time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[int64][]string{}
	for _, d := range ds {
		kinds[d.IncidentID] = append(kinds[d.IncidentID], d.Kind)
	}
	if got := kinds[proc.ID]; len(got) != 1 || got[0] != store.DeadlineController {
		t.Errorf("processor case deadlines %v, want only the controller's", got)
	}
	if got := kinds[ctrl.ID]; len(got) != 1 || got[0] == store.DeadlineController {
		t.Errorf("controller case deadlines %v, want the AP's", got)
	}
}
