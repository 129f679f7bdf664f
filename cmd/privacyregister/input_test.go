package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	reg "privacyregister/internal/register"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

// openCLIStore opens the database the cli's flags name.
func openCLIStore(t *testing.T, c *cli) *store.Store {
	t.Helper()
	opts := store.Options{DataDir: c.dbFlags[1]}
	if c.dbFlags[0] == "--db" {
		opts = store.Options{URL: c.dbFlags[1], DataDir: c.dbFlags[3]}
	}
	st, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestExportsPrivateAndFormulaSafe: exports of agreements, requests, DPIAs
// and the annual report were written 0644 (readable by every user of the
// machine), and the requests and DPIA CSVs wrote =, +, -, @ values
// unchanged. Every export file is now 0600, also over an existing file,
// and every CSV goes through the one escaping writer.
func TestExportsPrivateAndFormulaSafe(t *testing.T) {
	c := newCLI(t)
	if code, _, errs := c.run("", "org", "add", "--name", "Bieb", "--short", "bieb"); code != 0 {
		t.Fatalf("org add: %s", errs)
	}
	ctx := context.Background()
	st := openCLIStore(t, c)
	o, err := st.OrgByShort(ctx, "bieb")
	if err != nil {
		t.Fatal(err)
	}
	const evil = "=HYPERLINK(\"http://x\")"
	err = st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAgreement(ctx, &agreement.Agreement{OrgID: o.ID, Title: evil}); err != nil {
			return err
		}
		r := &store.SubjectRequest{}
		r.ReceivedAt, r.Rights, r.Channel = time.Now().Add(-time.Hour), []request.Right{request.Access}, request.ByEmail
		r.Requester.Name = evil
		if err := tx.CreateRequest(ctx, o.ID, r); err != nil {
			return err
		}
		return tx.CreateDPIA(ctx, o.ID, &store.DPIA{Title: evil})
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	want := `"'` + strings.ReplaceAll(evil, `"`, `""`) + `"`
	for _, exp := range [][]string{
		{"agreements", "csv"}, {"requests", "csv"}, {"dpias", "csv"}, {"incidents", "csv"}, {"register", "csv"},
		{"agreements", "xlsx"}, {"requests", "json"}, {"dpias", "xlsx"}, {"incidents", "pdf"}, {"register", "xlsx"},
		{"annual-report", "pdf"}, {"annual-report", "docx"},
	} {
		out := filepath.Join(dir, exp[0]+"."+exp[1])
		// An existing file with a wide mode is replaced by a private one.
		if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"export", exp[0], "--org", "bieb", "--format", exp[1], "-o", out}
		if exp[0] == "annual-report" {
			args = append(args, "--year", "2026")
		}
		if code, _, errs := c.run("", args...); code != 0 {
			t.Fatalf("%v: %d %s", exp, code, errs)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("export %s %s: mode %v, want 0600", exp[0], exp[1], fi.Mode().Perm())
		}
		if exp[1] == "csv" && exp[0] != "incidents" && exp[0] != "register" {
			b, _ := os.ReadFile(out)
			if !strings.Contains(string(b), want) {
				t.Errorf("export %s csv: the formula is not escaped: %s", exp[0], b)
			}
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	if os.Getenv("PRIVACYREGISTER_TEST_DB") == "" {
		backup := filepath.Join(dir, "copy.db")
		if code, _, errs := c.run("", "backup", backup); code != 0 {
			t.Fatalf("backup: %s", errs)
		}
		if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("backup: %v %v, want mode 0600", fi.Mode().Perm(), err)
		}
	}
}

// TestImportLimitsFromEnvironment: the import's limits are configurable;
// a file over a configured limit is refused with a clear message.
func TestImportLimitsFromEnvironment(t *testing.T) {
	env := map[string]string{"PRIVACYREGISTER_IMPORT_MAX_ROWS": "2", "PRIVACYREGISTER_IMPORT_MAX_UNPACKED_MB": "7"}
	l, err := importLimits(func(k string) string { return env[k] })
	if err != nil || l.MaxRows != 2 || l.MaxUncompressed != 7<<20 || l.MaxCells != 2_000_000 {
		t.Fatalf("%+v %v", l, err)
	}
	if _, err := importLimits(func(k string) string { return map[string]string{"PRIVACYREGISTER_IMPORT_MAX_CELLS": "veel"}[k] }); err == nil {
		t.Fatal("a bad limit must be refused")
	}
	t.Setenv("PRIVACYREGISTER_IMPORT_MAX_ROWS", "2")
	defer func() { reg.ImportLimits = reg.DefaultLimits }()
	c := newCLI(t)
	c.run("", "org", "add", "--name", "Bieb", "--short", "bieb")
	f := filepath.Join(t.TempDir(), "r.csv")
	os.WriteFile(f, []byte("Naam\na\nb\nc\n"), 0o600)
	if code, _, errs := c.run("", "import", "register", "--org", "bieb", f); code != 1 || !strings.Contains(errs, "more than 2 rows") {
		t.Fatalf("import over the row limit: %d %s", code, errs)
	}
}
