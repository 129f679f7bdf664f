package main

import (
	"context"
	"io"
	"testing"
	"time"

	"privacyregister/internal/testutil"
)

// TestDemoNetwork: the demo shows the loop of issue 16: ProBiblio's
// version 2 added a sub-processor; each of its three libraries has a
// notice with the window of its own agreement (seed 000 names none, so 30
// days; 14; 21), Zuidkust objected with reasons, and ProBiblio sees the
// three answers.
func TestDemoNetwork(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	day := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return day }
	if err := ensureDemo(ctx, st, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{demoShort: 30, "bieb-rivier": 14, "bieb-zuidkust": 21}
	for short, days := range want {
		o, err := st.OrgByShort(ctx, short)
		if err != nil {
			t.Fatal(err)
		}
		links, _ := st.ProfileLinks(ctx, o.ID)
		if len(links) != 1 || links[0].SeenVersion != 2 {
			t.Errorf("%s: links %+v", short, links)
			continue
		}
		ns, _ := st.Notices(ctx, o.ID, links[0].AgreementID)
		if len(ns) != 1 || ns[0].Subprocessor != "Bibliotheek.nl Inloggen (KB)" || !ns[0].Deadline.Equal(day.AddDate(0, 0, days)) {
			t.Errorf("%s: notices %+v, want one with %d days", short, ns, days)
			continue
		}
		if objected := ns[0].Decision == "object" && ns[0].Note != ""; objected != (short == "bieb-zuidkust") {
			t.Errorf("%s: decision %q %q", short, ns[0].Decision, ns[0].Note)
		}
	}
	pb, _ := st.OrgByShort(ctx, supplierShort)
	cs, err := st.ProfileCustomers(ctx, pb.ID)
	if err != nil || len(cs) != 3 {
		t.Fatalf("ProBiblio's customers %+v %v", cs, err)
	}
	for _, c := range cs {
		if len(c.Answers) != 1 || c.ProcessorAgreementID == nil {
			t.Errorf("%s: answers %+v, own agreement %v", c.Name, c.Answers, c.ProcessorAgreementID)
		}
	}
}
