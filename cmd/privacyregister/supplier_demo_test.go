package main

import (
	"context"
	"io"
	"testing"

	"privacyregister/internal/agreement"
	"privacyregister/internal/govrequest"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestDemoSupplier: the demo holds the supplier's mirror image: ProBiblio
// with the Wise agreement of three libraries as processor, each with its
// own breach-notice hours (72, 48, 24), one taken over into its register
// as processor, and one breach whose clocks run per library, the seed
// library's already told. Both demo users are members; a second start
// adds nothing.
func TestDemoSupplier(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	for range 2 {
		if err := ensureDemo(ctx, st, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	o, err := st.OrgByShort(ctx, supplierShort)
	if err != nil {
		t.Fatal(err)
	}
	if !o.IsProcessor() {
		t.Errorf("the supplier acts as %q", o.Roles)
	}
	ms, _ := st.Members(ctx, o.ID)
	if len(ms) != 2 {
		t.Errorf("supplier members: %+v", ms)
	}
	ags, err := st.Agreements(ctx, o.ID, store.AgreementFilter{})
	if err != nil {
		t.Fatal(err)
	}
	hours := map[int]bool{}
	for _, a := range ags {
		if a.OurRole != agreement.RoleProcessor || a.Terms.BreachNotification.Hours == nil {
			t.Errorf("agreement %q: role %s", a.Title, a.OurRole)
			continue
		}
		hours[*a.Terms.BreachNotification.Hours] = true
	}
	if len(ags) != 3 || !hours[72] || !hours[48] || !hours[24] {
		t.Errorf("%d agreements with hours %v, want three with 72, 48 and 24", len(ags), hours)
	}
	if recs, _ := st.ProcessorRecords(ctx, o.ID); len(recs) != 1 || recs[0].AgreementID == nil {
		t.Errorf("processor's register: %+v", recs)
	}
	rows, _, err := st.Incidents(ctx, o.ID, store.IncidentFilter{})
	if err != nil || len(rows) != 1 {
		t.Fatalf("supplier incidents: %d %v", len(rows), err)
	}
	ctls, err := st.AffectedControllers(ctx, o.ID, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	told := 0
	for _, c := range ctls {
		if c.NotifiedAt != nil {
			told++
		}
	}
	if len(ctls) != 3 || told != 1 {
		t.Errorf("controllers of the supplier's breach: %d, %d told; want 3, 1", len(ctls), told)
	}
	if rows[0].APDueAt != nil {
		t.Errorf("the supplier's case has an AP deadline; a processor tells the controllers")
	}
	// Two government requests (seed 001 art. 9): one told, one under a
	// gag waiting for its legal check.
	govs, err := st.GovRequests(ctx, o.ID, 0, store.Page{})
	if err != nil || len(govs) != 2 {
		t.Fatalf("government requests: %d %v", len(govs), err)
	}
	status := map[govrequest.Status]bool{}
	for _, g := range govs {
		status[g.Status] = true
	}
	if !status[govrequest.StatusTold] || !status[govrequest.StatusGagCheck] {
		t.Errorf("government requests' status: %v, want one told and one gag needing its legal check", status)
	}
}
