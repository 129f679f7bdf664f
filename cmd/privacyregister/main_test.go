package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/auth"
	"privacyregister/internal/deadline"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// cli runs the command line in-process against one database: SQLite in a
// temporary directory, or a fresh PostgreSQL database in CI's second run.
type cli struct {
	t       *testing.T
	dbFlags []string
}

func newCLI(t *testing.T) *cli {
	if u := testutil.PostgresURL(t); u != "" {
		return &cli{t: t, dbFlags: []string{"--db", u, "--data", t.TempDir()}} // --data: where secret.key goes
	}
	return &cli{t: t, dbFlags: []string{"--data", t.TempDir()}}
}

func (c *cli) run(stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(stdin)}
	code = run(context.Background(), append(args, c.dbFlags...), e)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	c := newCLI(t)
	if code, _, errs := c.run("", "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: %d %q", code, errs)
	}
	if code, _, errs := c.run("", "org", "add", "--name", "X"); code != 2 || !strings.Contains(errs, "--short") {
		t.Errorf("missing flag: %d %q", code, errs)
	}
	if code, _, errs := c.run("", "user", "add", "--org", "nope", "--email", "a@b.nl", "--role", "koning"); code != 2 || !strings.Contains(errs, "unknown role") {
		t.Errorf("bad role: %d %q", code, errs)
	}
	if code, _, errs := c.run("", "user", "add", "--org", "nope", "--email", "a@b.nl", "--role", "lezer"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("unknown org: %d %q", code, errs)
	}
	var out bytes.Buffer
	if code := run(context.Background(), []string{"help"}, &env{stdout: &out, stderr: &out}); code != 0 || !strings.Contains(out.String(), "audit verify") {
		t.Errorf("help: %d", code)
	}
}

func TestAdministrationCommands(t *testing.T) {
	c := newCLI(t)
	if code, out, errs := c.run("", "org", "add", "--name", "Bibliotheek Test", "--short", "bieb"); code != 0 || !strings.Contains(out, "created organisation bieb") {
		t.Fatalf("org add: %d %s %s", code, out, errs)
	}
	code, out, errs := c.run("", "user", "add", "--org", "bieb", "--email", "FG@Bieb.nl", "--role", "privacyofficer")
	if code != 0 || !strings.Contains(out, "one-time password: ") {
		t.Fatalf("user add: %d %s %s", code, out, errs)
	}
	if code, _, errs := c.run("short\n", "user", "add", "--org", "bieb", "--email", "b@bieb.nl", "--role", "lezer", "--password-stdin"); code != 1 || !strings.Contains(errs, "at least 10") {
		t.Fatalf("weak stdin password: %d %s", code, errs)
	}
	if code, _, errs := c.run("een goed wachtwoord\n", "user", "add", "--org", "bieb", "--email", "b@bieb.nl", "--role", "lezer", "--password-stdin"); code != 0 {
		t.Fatalf("stdin password: %d %s", code, errs)
	}
	code, out, _ = c.run("", "token", "create", "--org", "bieb", "--user", "fg@bieb.nl")
	if code != 0 || !strings.HasPrefix(out, "pr_") {
		t.Fatalf("token create: %d %q", code, out)
	}
	if code, out, _ := c.run("", "user", "reset-password", "--email", "fg@bieb.nl"); code != 0 || !strings.Contains(out, "one-time password") {
		t.Fatalf("reset-password: %d %s", code, out)
	}
	code, out, errs = c.run("", "audit", "verify", "--org", "bieb")
	if code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("audit verify: %d %s %s", code, out, errs)
	}
}

func TestBackupIsAConsistentCopy(t *testing.T) {
	if os.Getenv(testutil.TestDBEnv) != "" {
		c := newCLI(t)
		target := filepath.Join(t.TempDir(), "x.dump")
		if code, out, errs := c.run("", "backup", target); code != 0 || !strings.Contains(out, "pg_dump") {
			testutil.SkipOrFail(t, "backup on PostgreSQL runs pg_dump: %s%s", out, errs)
		}
		if f, err := store.BackupFormat(target); err != nil || f != store.FormatPgDump {
			t.Fatalf("backup on PostgreSQL wrote %q %v, want a pg_dump archive", f, err)
		}
		return
	}
	c := newCLI(t)
	c.run("", "org", "add", "--name", "Bieb", "--short", "bieb")
	target := filepath.Join(t.TempDir(), "copy.db")
	if code, out, errs := c.run("", "backup", target); code != 0 {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	// The copy is a working database with the same organisation.
	copyCLI := &cli{t: t, dbFlags: []string{"--data", t.TempDir()}}
	if err := os.Rename(target, filepath.Join(copyCLI.dbFlags[1], "privacyregister.db")); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := copyCLI.run("", "org", "list"); code != 0 || !strings.Contains(out, "bieb") {
		t.Fatalf("org list on the copy: %d %q", code, out)
	}
	if code, _, _ := c.run("", "backup", target+".again"); code != 0 {
		t.Fatal("second backup failed")
	}
	if code, _, errs := c.run("", "backup", target+".again"); code != 2 || !strings.Contains(errs, "exists") {
		t.Fatalf("backup over an existing file: %d %s", code, errs)
	}
}

func TestAnalyseExitCodes(t *testing.T) {
	c := &cli{t: t}
	dir := t.TempDir()
	exe := filepath.Join(dir, "contract.pdf")
	os.WriteFile(exe, []byte("MZ\x90\x00 this is not a pdf"), 0o600)
	if code, _, errs := c.run("", "analyse", exe); code != 2 || errs == "" {
		t.Errorf("executable named .pdf: exit %d, stderr %q", code, errs)
	}
	txt := filepath.Join(dir, "dpa.txt")
	os.WriteFile(txt, []byte("Verwerker meldt een datalek uiterlijk binnen 36 uur aan Verwerkingsverantwoordelijke."), 0o600)
	code, out, errs := c.run("", "analyse", "--json", txt)
	if code != 0 || !strings.Contains(out, `"hours": 36`) {
		t.Errorf("analyse --json: %d %s %s", code, out, errs)
	}
}

// A day equated by decree moves a request's due date: received Friday 3
// April 2026, due Sunday 3 May -> next working day Monday 4 May; with 4 May
// 2026 added as a decree day (a hypothetical decree for this test), the
// next working day after it is Wednesday 6 May (5 May is a holiday).
func TestDecreeDaysFileExtendsCalendar(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "decrees.json")
	os.WriteFile(file, []byte(`{"decrees":[{"title":"test decree","days":["2026-05-04"]}]}`), 0o600)
	received := time.Date(2026, 4, 3, 10, 0, 0, 0, deadline.Amsterdam)
	if got := deadline.DueDate(deadline.AddMonths(received, 1, store.RequestCalendar)); got.Day() != 4 {
		t.Fatalf("before the decree file: due %v, want 4 May", got)
	}
	n, err := addDecreeDays(file)
	if err != nil || n != 1 {
		t.Fatalf("addDecreeDays: %d %v", n, err)
	}
	t.Cleanup(func() { store.RequestCalendar = deadline.DefaultCalendar() })
	if got := deadline.DueDate(deadline.AddMonths(received, 1, store.RequestCalendar)); got.Day() != 6 {
		t.Fatalf("after the decree file: due %v, want 6 May", got)
	}
	os.WriteFile(file, []byte(`{"decrees":[{"title":"bad","days":["4 mei"]}]}`), 0o600)
	if _, err := addDecreeDays(file); err == nil {
		t.Fatal("a malformed date was accepted")
	}
}

// TestAuditCheckpointShowsACutOffTail: removing the newest audit rows and
// rewinding the head to the row before leaves a chain that verifies by
// itself; the checkpoint printed by an earlier verify shows the cut.
func TestAuditCheckpointShowsACutOffTail(t *testing.T) {
	c := newCLI(t)
	c.run("", "org", "add", "--name", "Bieb", "--short", "bieb")
	c.run("", "user", "add", "--org", "bieb", "--email", "fg@bieb.nl", "--role", "privacyofficer")
	code, out, errs := c.run("", "audit", "verify", "--org", "bieb")
	_, cp, ok := strings.Cut(out, "checkpoint (note it; --checkpoint shows later whether rows were cut off): ")
	if code != 0 || !ok {
		t.Fatalf("audit verify: %d %s %s", code, out, errs)
	}
	cp = strings.TrimSpace(cp)
	if code, out, _ := c.run("", "audit", "verify", "--org", "bieb", "--checkpoint", cp); code != 0 {
		t.Fatalf("checkpoint of an intact trail: %d %s", code, out)
	}

	// Behind the program's back: drop the newest row, rewind the head.
	var url, dir string
	for i := 0; i+1 < len(c.dbFlags); i += 2 {
		switch c.dbFlags[i] {
		case "--db":
			url = c.dbFlags[i+1]
		case "--data":
			dir = c.dbFlags[i+1]
		}
	}
	key, err := auth.LoadOrCreateKey(filepath.Join(dir, "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), store.Options{URL: url, DataDir: dir, SecretKey: key})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	o, _ := st.OrgByShort(ctx, "bieb")
	seq, _ := st.AuditHead(ctx, o.ID)
	prev, _ := st.AuditRowHash(ctx, o.ID, seq-1)
	if err := st.RawExec(ctx, "DELETE FROM audit_log WHERE org_id = ? AND seq = ?", o.ID, seq); err != nil {
		t.Fatal(err)
	}
	if err := st.RawExec(ctx, "UPDATE audit_heads SET seq = ?, hash = ? WHERE org_id = ?", seq-1, prev, o.ID); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, out, _ := c.run("", "audit", "verify", "--org", "bieb"); code != 0 {
		t.Fatalf("without the checkpoint the shortened trail is expected to verify: %d %s", code, out)
	}
	if code, out, _ := c.run("", "audit", "verify", "--org", "bieb", "--checkpoint", cp); code == 0 || !strings.Contains(out, "checkpoint is missing") {
		t.Errorf("the cut-off tail was not found with the checkpoint: %d %s", code, out)
	}
}
