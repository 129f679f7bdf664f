package main

import (
	"strings"
	"testing"
)

// `import register` takes the files of other tools: it says what it
// recognised, asks for unknown status values, and takes --status answers.
func TestImportRegisterFormats(t *testing.T) {
	c := newCLI(t)
	if code, _, errs := c.run("", "org", "add", "--name", "Basisschool De Linde", "--short", "linde"); code != 0 {
		t.Fatal(errs)
	}
	wb := "../../internal/register/testdata/ciso_workbook.xlsx"
	code, out, errs := c.run("", "import", "register", "--org", "linde", wb, "--dry-run")
	if code != 0 || !strings.Contains(out, "recognised: ciso-assistant (read: Processing, Purposes") || !strings.Contains(out, `unknown status "privacy_archived"`) ||
		!strings.Contains(out, `"LL-99"`) || !strings.Contains(out, "2 rows: 2 to create") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := c.run("", "import", "register", "--org", "linde", "--status", "privacy_archived=retired", wb); code != 0 ||
		strings.Contains(out, "unknown status") || !strings.Contains(out, "imported: 2 created") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := c.run("", "import", "register", "--org", "linde", "--status", "x=gone", wb); code != 2 || !strings.Contains(errs, "unknown status") {
		t.Errorf("bad --status: %d %s", code, errs)
	}
	zip := "../../internal/register/testdata/rdo_export.zip"
	if code, out, errs := c.run("", "import", "register", "--org", "linde", zip); code != 0 || !strings.Contains(out, "recognised: rdo-register") || !strings.Contains(out, "imported: 3 created") {
		t.Fatalf("zip: %d\n%s\n%s", code, out, errs)
	}
}
