package store

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"privacyregister/internal/org"
)

// bulkIncidents inserts n open cases with running AP deadlines straight
// into the tables (no audit rows), spread over the 72 hours around now.
func bulkIncidents(t testing.TB, s *Store, orgID int64, n int) {
	t.Helper()
	ctx := context.Background()
	now := s.now()
	err := s.InTx(ctx, func(tx *Tx) error {
		for k := 0; k < n; k++ {
			aware := now.Add(-time.Duration(k%(96*60)) * time.Minute)
			due := aware.Add(72 * time.Hour)
			if _, err := tx.exec(ctx, `INSERT INTO incidents (org_id, year, seq, dossier, title, source, role, discovered_at, aware_at, ap_due_at, data, search_text, created_at, updated_at)
				VALUES (?, 2026, ?, ?, 'bulk', 'web', 'controller', ?, ?, ?, '{}', 'bulk', ?, ?)`, orgID, k+1, "2026-"+incItoa(int64(k+1)), aware, aware, due, now, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDeadlineScanSpeed measures the reminder job's scan over 100,000 open
// deadlines (target: under 1 s). A measuring script, run with
// PRIVACYREGISTER_BENCH=1 -v; it asserts no time.
func TestDeadlineScanSpeed(t *testing.T) {
	if os.Getenv("PRIVACYREGISTER_BENCH") == "" {
		t.Skip("set PRIVACYREGISTER_BENCH=1 to run the deadline scan benchmark")
	}
	// SQLite: testutil cannot be used from inside package store.
	s, err := Open(context.Background(), Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o := &org.Organisation{Short: "bulk", Name: "Bulk"}
	if err := s.InTx(context.Background(), func(tx *Tx) error { return tx.CreateOrg(context.Background(), o) }); err != nil {
		t.Fatal(err)
	}
	bulkIncidents(t, s, o.ID, 100_000)
	var times []time.Duration
	var n int
	var all []OpenDeadline
	for range 5 {
		start := time.Now()
		ds, err := s.OpenDeadlines(context.Background(), 0, s.now().Add(24*time.Hour+time.Minute), 0)
		if err != nil {
			t.Fatal(err)
		}
		times = append(times, time.Since(start))
		n = len(ds)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	start := time.Now()
	all, err = s.OpenDeadlines(context.Background(), 0, s.now().Add(1000*time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)
	// A measurement, not an assertion (target: under 1 s).
	t.Logf("%s: reminder scan over 100000 open deadlines: median %v (%d due within 24 h); reading all %d: %v; target under 1 s", s.Engine(), times[2], n, len(all), full)
}
