package store

import (
	"context"
	"testing"

	"privacyregister/internal/org"
)

// TestSQLiteTimesMigration: migration 13 rewrites times stored as the text
// of time.String() (in UTC and in another zone) as UTC in SQLite's form,
// the same instant to the nanosecond.
func TestSQLiteTimesMigration(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o := &org.Organisation{Name: "Oud", Short: "oud"}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.CreateOrg(ctx, o) }); err != nil {
		t.Fatal(err)
	}
	old := map[string]string{
		"2026-08-03 23:59:59.999999999 +0200 CEST":  "2026-08-03 21:59:59.999999999+00:00",
		"2026-12-02 23:59:59.999999999 +0100 +0100": "2026-12-02 22:59:59.999999999+00:00",
		"2025-04-01 00:00:00 +0000 UTC":             "2025-04-01 00:00:00+00:00",
		"2025-04-01 00:00:00.1234 +0000 UTC":        "2025-04-01 00:00:00.1234+00:00",
	}
	for stored := range old {
		// Written as strings, the driver keeps the text as it is.
		if err := s.RawExec(ctx, "INSERT INTO activities (org_id, name, next_review_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?)", o.ID, stored, stored, stored, "2025-01-01 00:00:00 +0000 UTC"); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := convertSQLiteTimes(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for stored, want := range old {
		for _, col := range []string{"next_review_at", "created_at"} {
			got, err := s.RawString(ctx, "SELECT "+col+" || '' FROM activities WHERE name = ?", stored)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s %q became %q, want %q", col, stored, got, want)
			}
		}
	}
	if got, _ := s.RawString(ctx, "SELECT updated_at || '' FROM activities LIMIT 1"); got != "2025-01-01 00:00:00+00:00" {
		t.Errorf("updated_at became %q", got)
	}
}
