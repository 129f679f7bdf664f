package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/audit"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestAuditTrailPagesAndFilters: the trail reads a page at a time both
// ways, and filters by kind of object, by who made the change and by
// period, never showing another organisation's rows; it names the objects.
func TestAuditTrailPagesAndFilters(t *testing.T) {
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	o, other := newOrg(t, s, "tr"), newOrg(t, s, "tr2")
	alice := audit.WithActor(context.Background(), audit.Actor{Name: "alice@tr.example"})
	bob := audit.WithActor(context.Background(), audit.Actor{Name: "bob@tr.example"})
	var parties []int64
	for i := range 7 {
		ctx := alice
		if i%2 == 1 {
			ctx = bob
		}
		p := &agreement.Party{OrgID: o.ID, Name: fmt.Sprintf("Partij %d", i), Kind: agreement.KindProcessor}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateParty(ctx, p) }); err != nil {
			t.Fatal(err)
		}
		parties = append(parties, p.ID)
		clock.T = clock.T.Add(24 * time.Hour)
	}
	q := &agreement.Party{OrgID: other.ID, Name: "Elders", Kind: agreement.KindProcessor}
	if err := s.InTx(alice, func(tx *store.Tx) error { return tx.CreateParty(alice, q) }); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	all := store.AuditFilter{Entity: "party"}
	if n, err := s.AuditCount(ctx, o.ID, all); err != nil || n != 7 {
		t.Fatalf("count %d (%v), want 7", n, err)
	}
	// Pages of 3, newest first, then back.
	f := all
	f.Page = store.Page{Limit: 3}
	var seen []int64
	for {
		list, err := s.AuditLog(ctx, o.ID, f)
		if err != nil {
			t.Fatal(err)
		}
		list, more := store.Trim(f.Page, list)
		for _, e := range list {
			seen = append(seen, e.EntityID)
		}
		if !more {
			break
		}
		f.Page.After = list[len(list)-1].Seq
	}
	if len(seen) != 7 || seen[0] != parties[6] || seen[6] != parties[0] {
		t.Fatalf("pages read %v, want %v newest first", seen, parties)
	}
	last, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "party", Page: store.Page{Limit: 3, After: 0}})
	oldest := last[0].Seq - 6
	f.Page.After, f.Before = 0, oldest
	newer, err := s.AuditLog(ctx, o.ID, f)
	if err != nil {
		t.Fatal(err)
	}
	// The three rows just newer than the oldest, newest first, with one
	// more (the newest) telling that a newer page follows.
	if len(newer) != 4 || newer[3].EntityID != parties[1] || newer[1].EntityID != parties[3] {
		t.Errorf("page before the oldest: %v", ids(newer))
	}
	// By who, by period (the 2nd to the 4th of March).
	if n, _ := s.AuditCount(ctx, o.ID, store.AuditFilter{Actor: "bob@tr.example"}); n != 3 {
		t.Errorf("bob made %d changes, want 3", n)
	}
	period := store.AuditFilter{From: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}
	if list, _ := s.AuditLog(ctx, o.ID, period); len(list) != 2 || list[0].EntityID != parties[2] {
		t.Errorf("period: %v, want parties 2 and 1", ids(list))
	}
	if list, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entities: []string{"party", "agreement"}, EntityID: parties[3]}); len(list) != 1 {
		t.Errorf("one party's history: %d rows", len(list))
	}
	actors, err := s.AuditActors(ctx, o.ID)
	if err != nil || fmt.Sprint(actors) != "[alice@tr.example bob@tr.example system]" {
		t.Errorf("actors %v (%v)", actors, err)
	}
	// Names, within the organisation only.
	names, err := s.ObjectNames(ctx, o.ID, map[string][]int64{"party": {parties[2], q.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if names["party"][parties[2]] != "Partij 2" || names["party"][q.ID] != "" {
		t.Errorf("names %v", names)
	}
}

func ids(list []audit.Entry) []int64 {
	var out []int64
	for _, e := range list {
		out = append(out, e.EntityID)
	}
	return out
}
