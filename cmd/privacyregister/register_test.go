package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	reg "privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

func TestRegisterCommands(t *testing.T) {
	c := newCLI(t)
	seed := testutil.SeedPath(t, "003_register.csv")
	if code, _, errs := c.run("", "org", "add", "--name", "Bibliotheek Lek & IJssel", "--short", "blij"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := c.run("", "import", "register", "--org", "blij", seed, "--dry-run")
	if code != 0 || !strings.Contains(out, "26 rows: 26 to create") || !strings.Contains(out, "dry run: nothing was written") || !strings.Contains(out, `"Bewaars termijn"`) {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := c.run("", "import", "register", "--org", "blij", seed); code != 0 || !strings.Contains(out, "imported: 26 created, 0 updated") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	if code, out, _ := c.run("", "import", "register", "--org", "blij", seed); code != 0 || !strings.Contains(out, "imported: 0 created, 26 updated") {
		t.Fatalf("re-import: %d\n%s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("Nr;Verwerking;GEB?\n1;Een;misschien\n2;;nee\n"), 0o600)
	if code, out, errs := c.run("", "import", "register", "--org", "blij", bad); code != 1 || !strings.Contains(errs, "row 2, column GEB?") || !strings.Contains(errs, "row 3") || !strings.Contains(out, "nothing was imported") {
		t.Errorf("bad file: %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := c.run("", "import", "register", "--org", "blij"); code != 2 || !strings.Contains(errs, "FILE") {
		t.Errorf("no file: %d %s", code, errs)
	}

	dir := t.TempDir()
	for _, f := range []string{"xlsx", "csv", "json", "pdf"} {
		path := filepath.Join(dir, "register."+f)
		if code, out, errs := c.run("", "export", "register", "--org", "blij", "--format", f, "-o", path); code != 0 || !strings.Contains(out, "wrote 26 processing activities") {
			t.Fatalf("export %s: %d %s %s", f, code, out, errs)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "register.json"))
	var doc reg.Export
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Activities) != 26 || doc.Organisation.Name != "Bibliotheek Lek & IJssel" {
		t.Errorf("JSON export: %d activities, %v", len(doc.Activities), err)
	}
	// The XLSX export imports again as the same register: 26 updates.
	if code, out, errs := c.run("", "import", "register", "--org", "blij", filepath.Join(dir, "register.xlsx"), "--dry-run"); code != 0 || !strings.Contains(out, "0 to create, 26 to update by number") {
		t.Errorf("re-import of the XLSX export: %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := c.run("", "export", "register", "--org", "blij", "--format", "docx", "-o", "x"); code != 2 || !strings.Contains(errs, "--format") {
		t.Errorf("bad format: %d %s", code, errs)
	}

	if code, out, errs := c.run("", "demo", "--org", "blij", "--scale", "40"); code != 0 || !strings.Contains(out, "added 40 generated processing activities") {
		t.Fatalf("demo --scale: %d %s %s", code, out, errs)
	}
	code, out, _ = c.run("", "export", "register", "--org", "blij", "--format", "csv", "-o", "-")
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF")))
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if code != 0 || err != nil || len(recs) != 1+26+40 {
		t.Errorf("CSV after demo --scale 40: %d records, %v", len(recs), err)
	}
	if code, _, errs := c.run("", "demo", "--org", "blij", "--scale", "0"); code != 2 {
		t.Errorf("scale 0: %d %s", code, errs)
	}
}

// TestDemoRegister: the demo organisation holds the seed library's 26
// processing activities.
func TestDemoRegister(t *testing.T) {
	ctx := context.Background()
	opts := store.Options{DataDir: t.TempDir()}
	if u := testutil.PostgresURL(t); u != "" {
		opts = store.Options{URL: u}
	}
	st, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := ensureDemo(ctx, st, io.Discard); err != nil {
		t.Fatal(err)
	}
	o, _ := st.OrgByShort(ctx, demoShort)
	acts, _, err := st.Activities(ctx, o.ID, store.ActivityFilter{IncludeRetired: true, Sort: "code"})
	if err != nil || len(acts) != 26 {
		t.Fatalf("demo register: %d activities, %v", len(acts), err)
	}
	want := reg.DemoActivities()
	for i := range want {
		a, w := acts[i], want[i]
		if a.Code != w.Code || a.Name != w.Name || a.Department != w.Department {
			t.Errorf("demo activity %d: %s %s, want %s %s", i, a.Code, a.Name, w.Code, w.Name)
		}
	}
	var buf bytes.Buffer
	if err := reg.WriteCSV(&buf, acts, reg.Refs{}, "nl"); err != nil || !strings.Contains(buf.String(), "Ledenadministratie") {
		t.Errorf("demo register export: %v", err)
	}
}
