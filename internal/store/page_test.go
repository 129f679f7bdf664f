package store_test

import (
	"context"
	"fmt"
	"testing"

	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestPageKeyset: a paged list reads one page (and one row beyond it, to
// tell that more follow) in SQL, in key order, from after the cursor, and
// never another organisation's rows.
func TestPageKeyset(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o, other := newOrg(t, s, "paging").ID, newOrg(t, s, "paging2").ID
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		for i := range 250 {
			for _, id := range []int64{o, other} {
				if err := tx.CreateMeasure(ctx, id, &register.Measure{Name: fmt.Sprintf("M %03d", 249-i), Kind: register.Technical}); err != nil {
					return err
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	all, err := s.Measures(ctx, o)
	if err != nil || len(all) != 250 {
		t.Fatalf("all: %d, %v", len(all), err)
	}
	seen := map[int64]bool{}
	p := store.Page{Limit: 100}
	for pages := 1; ; pages++ {
		list, err := s.MeasuresPage(ctx, o, p)
		if err != nil {
			t.Fatal(err)
		}
		if want := min(101, 250-len(seen)); len(list) != want {
			t.Fatalf("page %d read %d rows, want %d (a page and one more)", pages, len(list), want)
		}
		page, more := store.Trim(p, list)
		for i, m := range page {
			if m.OrgID != o || seen[m.ID] || (i > 0 && m.ID <= page[i-1].ID) {
				t.Fatalf("page %d: row %+v (another organisation's, repeated or out of order)", pages, m)
			}
			seen[m.ID] = true
		}
		if !more {
			if pages != 3 || len(seen) != 250 {
				t.Fatalf("%d pages, %d rows", pages, len(seen))
			}
			break
		}
		p.After = page[len(page)-1].ID
	}
}
