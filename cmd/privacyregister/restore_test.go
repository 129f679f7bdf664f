package main

import (
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// rawDB opens the CLI's database behind the application's back, to lose
// data as a mistake or a broken disk would.
func (c *cli) rawDB() *sql.DB {
	c.t.Helper()
	var db *sql.DB
	var err error
	if c.dbFlags[0] == "--db" {
		db, err = sql.Open("pgx", c.dbFlags[1])
	} else {
		db, err = sql.Open("sqlite", filepath.Join(c.dbFlags[1], "privacyregister.db"))
	}
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { db.Close() })
	return db
}

func (c *cli) must(args ...string) string {
	c.t.Helper()
	code, out, errs := c.run("", args...)
	if code != 0 {
		c.t.Fatalf("%s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

var exportedAt = regexp.MustCompile(`"exported_at": "[^"]*"`)

func (c *cli) registerJSON() string {
	c.t.Helper()
	f := filepath.Join(c.t.TempDir(), "register.json")
	c.must("export", "register", "--org", "bieb", "--format", "json", "-o", f)
	b, err := os.ReadFile(f)
	if err != nil {
		c.t.Fatal(err)
	}
	return exportedAt.ReplaceAllString(string(b), "")
}

// TestBackupRestoreRoundTrip: back up, lose and change data, restore: the
// data is back as it was and every audit trail verifies. On SQLite and,
// with PRIVACYREGISTER_TEST_DB, on PostgreSQL (pg_dump/pg_restore).
func TestBackupRestoreRoundTrip(t *testing.T) {
	c := newCLI(t)
	if c.dbFlags[0] == "--db" {
		if _, err := exec.LookPath("pg_restore"); err != nil {
			testutil.SkipOrFail(t, "pg_dump and pg_restore (postgresql-client) are not installed")
		}
	}
	c.must("org", "add", "--name", "Bibliotheek", "--short", "bieb")
	c.must("demo", "--org", "bieb", "--scale", "2")
	c.must("user", "add", "--org", "bieb", "--email", "fg@bieb.example", "--role", "privacyofficer")
	before := c.registerJSON()
	if !strings.Contains(before, `"code": "G1"`) {
		t.Fatalf("no activities to lose:\n%.400s", before)
	}
	backup := filepath.Join(t.TempDir(), "backup")
	c.must("backup", backup)

	// Lose the register and the newest audit rows, and add what the
	// backup does not hold.
	db := c.rawDB()
	for _, q := range []string{"DELETE FROM activity_measures", "DELETE FROM activities", "DELETE FROM audit_log WHERE seq > 3"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	c.must("org", "add", "--name", "Later", "--short", "later")
	if code, _, _ := c.run("", "audit", "verify", "--org", "bieb"); code == 0 {
		t.Fatal("the audit trail verified with rows cut off; the test proves nothing")
	}

	// Not over a database that holds organisations, unless forced.
	code, _, errs := c.run("", "restore", backup)
	if code != 2 || !strings.Contains(errs, "--force") || !strings.Contains(errs, "2 organisation(s)") {
		t.Fatalf("restore over a full database: exit %d %s", code, errs)
	}
	out := c.must("restore", "--force", backup)
	if !strings.Contains(out, "bieb: audit trail intact") {
		t.Fatalf("restore output:\n%s", out)
	}
	if after := c.registerJSON(); after != before {
		t.Fatalf("register after restore differs:\nbefore %.600s\nafter  %.600s", before, after)
	}
	if out := c.must("audit", "verify", "--org", "bieb"); !strings.Contains(out, "intact") {
		t.Fatalf("audit verify after restore: %s", out)
	}
	orgs := c.must("org", "list")
	if !strings.Contains(orgs, "bieb") || strings.Contains(orgs, "later") {
		t.Fatalf("organisations after restore:\n%s", orgs)
	}
	if out := c.must("user", "reset-password", "--email", "fg@bieb.example"); !strings.Contains(out, "one-time password") {
		t.Fatalf("the user is not back: %s", out)
	}
}

func TestRestoreRefusesWhatIsNotABackup(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	junk := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := c.run("", "restore", junk); code != 2 || !strings.Contains(errs, "not a backup") {
		t.Errorf("junk file: exit %d %s", code, errs)
	}
	if code, _, errs := c.run("", "restore", filepath.Join(dir, "missing")); code != 2 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing file: exit %d %s", code, errs)
	}
	if code, _, errs := c.run("", "restore"); code != 2 || !strings.Contains(errs, "FILE") {
		t.Errorf("no file: exit %d %s", code, errs)
	}
	// A backup of the other engine says where it belongs.
	other := filepath.Join(dir, "other")
	head := "SQLite format 3\x00"
	if c.dbFlags[0] != "--db" {
		head = "PGDMP"
	}
	if err := os.WriteFile(other, []byte(head+"rest"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := c.run("", "restore", other); code != 2 || !strings.Contains(errs, "can only be restored to SQLite") && !strings.Contains(errs, "restore it to PostgreSQL") {
		t.Errorf("other engine's backup: exit %d %s", code, errs)
	}
	if f, _ := store.BackupFormat(other); f == "" {
		t.Error("no format")
	}
}
