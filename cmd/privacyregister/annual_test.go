package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportAnnualReport(t *testing.T) {
	c := newCLI(t)
	if code, _, errs := c.run("", "org", "add", "--name", "Bibliotheek Lek & IJssel", "--short", "blij"); code != 0 {
		t.Fatalf("org add: %s", errs)
	}
	out := filepath.Join(t.TempDir(), "jaarverslag.docx")
	if code, _, errs := c.run("", "export", "annual-report", "--org", "blij", "--year", "2026", "--format", "docx", "-o", out); code != 0 {
		t.Fatalf("export docx: %d %s", code, errs)
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var doc string
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			doc = string(b)
		}
	}
	for _, want := range []string{"Privacy in 2026", "Bibliotheek Lek &amp; IJssel", "Incidenten en datalekken", "Verzoeken ontvangen: 0."} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %q", want)
		}
	}

	pdf := filepath.Join(t.TempDir(), "jaarverslag.pdf")
	if code, _, errs := c.run("", "export", "annual-report", "--org", "blij", "--year", "2026", "--format", "pdf", "--lang", "en", "-o", pdf); code != 0 {
		t.Fatalf("export pdf: %d %s", code, errs)
	}
	if b, _ := os.ReadFile(pdf); !strings.HasPrefix(string(b), "%PDF") {
		t.Error("not a PDF")
	}

	odt := filepath.Join(t.TempDir(), "jaarverslag.odt")
	if code, _, errs := c.run("", "export", "annual-report", "--org", "blij", "--year", "2026", "--format", "odt", "-o", odt); code != 0 {
		t.Fatalf("export odt: %d %s", code, errs)
	}
	if b, _ := os.ReadFile(odt); !strings.Contains(string(b[:min(len(b), 100)]), "mimetypeapplication/vnd.oasis.opendocument.text") {
		t.Error("not an ODT (the mimetype must come first, stored)")
	}

	for _, args := range [][]string{
		{"--org", "blij", "--year", "2026", "--format", "doc", "-o", out},
		{"--org", "blij", "--format", "pdf", "-o", out},
		{"--year", "2026", "-o", out},
	} {
		if code, _, _ := c.run("", append([]string{"export", "annual-report"}, args...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, _ := c.run("", "export", "annual-report", "--org", "nope", "--year", "2026", "-o", out); code != 1 {
		t.Errorf("unknown org: exit %d, want 1", code)
	}
}
