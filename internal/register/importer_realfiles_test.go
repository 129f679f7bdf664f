package register

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRealFiles reads the real public files of the tools an organisation
// leaves: CISO Assistant's sample_processing_workbook.xlsx
// (intuitem/ciso-assistant-community, product-docs/.gitbook/assets/) and the
// government register's import.zip (minvws/nl-rdo-dataprocessing-register,
// src/cms/tests/.pest/files/). They are other people's work and are not in
// this repository: the test looks for them in $PRIVACYREGISTER_REALFILES or
// /work/realfiles and skips when they are absent, even under CI (the
// fixtures of importer_formats_test.go, made in the same formats, run
// everywhere).
func TestRealFiles(t *testing.T) {
	dir := os.Getenv("PRIVACYREGISTER_REALFILES")
	if dir == "" {
		dir = "/work/realfiles"
	}
	for _, c := range []struct{ file, layout string }{
		{"sample_processing_workbook.xlsx", LayoutCISO},
		{"import.zip", LayoutRDO},
	} {
		t.Run(c.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, c.file))
			if err != nil {
				t.Skipf("real file absent: %v", err)
			}
			defer f.Close()
			tab, err := ParseFile(c.file, f, 0)
			if err != nil {
				t.Fatal(err)
			}
			if tab.Layout != c.layout {
				t.Fatalf("layout %q, want %q", tab.Layout, c.layout)
			}
			p, err := Plan(tab, AutoMapping(tab.Headers), nil, Refs{})
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Err(); err != nil {
				t.Fatalf("rows with errors: %v", err)
			}
			t.Logf("%s: sheets/files %q, columns %q", c.file, tab.Sheets, tab.Headers)
			for _, n := range tab.Notes {
				t.Logf("note: %s", n.Text("en"))
			}
			for _, r := range p.Rows {
				a := r.Activity
				t.Logf("row %d: %s %q status %s, %d purposes %+v, subjects %q, %d data categories, retention %+v, processors %d, recipients %q, transfers %+v, %d new measures, extra %q",
					r.Row, a.Code, a.Name, a.Status, len(a.Purposes), a.Purposes, a.SubjectCategories, len(a.DataCategories), a.Retention,
					len(a.Processors), a.Recipients, a.Transfers, len(r.NewMeasures), a.Extra)
				for _, w := range r.Warnings {
					t.Logf("  warning: %s", w.Text("en"))
				}
			}
		})
	}
}
