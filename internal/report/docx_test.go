package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"privacyregister/internal/report"
)

// docxText opens a DOCX package, checks it has the parts Word needs and
// that every part is well-formed XML, and returns the document's text, one
// line per paragraph.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		if parts[name] == nil {
			t.Fatalf("package lacks %s", name)
		}
	}
	var text strings.Builder
	for name, body := range parts {
		dec := xml.NewDecoder(bytes.NewReader(body))
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if name != "word/document.xml" {
				continue
			}
			switch x := tok.(type) {
			case xml.StartElement:
				inText = x.Name.Local == "t"
			case xml.EndElement:
				inText = false
				if x.Name.Local == "p" {
					text.WriteString("\n")
				}
			case xml.CharData:
				if inText {
					text.Write(x)
				}
			}
		}
	}
	return text.String()
}

func TestDOCXHoldsHeadingsParagraphsAndTables(t *testing.T) {
	d := &report.Doc{Title: "Jaarverslag 2026", Subtitle: "Bibliotheek Lek & IJssel"}
	d.H(1, "Datalekken")
	d.P("Gemeld: 1\nGeïnformeerd: 0 <geen>")
	d.T([]string{"Dossier", "Titel"}, [][]string{{"2026-001", "Laptop \"kwijt\" in café"}})
	d.T([]string{"Leeg"}, nil) // no rows: no table
	var buf bytes.Buffer
	if err := report.WriteDOCX(&buf, d); err != nil {
		t.Fatal(err)
	}
	text := docxText(t, buf.Bytes())
	for _, want := range []string{"Jaarverslag 2026\n", "Bibliotheek Lek & IJssel\n", "Datalekken\n", "Gemeld: 1\n", "Geïnformeerd: 0 <geen>\n", "2026-001\n", "Laptop \"kwijt\" in café\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("document lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Leeg") {
		t.Error("a table without rows was written")
	}
}

func TestPDFStartsAsPDF(t *testing.T) {
	d := &report.Doc{Title: "Privacy in 2026"}
	d.H(2, "Verzoeken")
	d.T([]string{"Recht", "Aantal"}, [][]string{{"inzage (art. 15) met een heel lange omschrijving die over meerdere regels moet lopen in de tabelcel", "3"}})
	d.P("Geïnformeerd € ë")
	var buf bytes.Buffer
	if err := report.WritePDF(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Errorf("not a PDF: %.10q", buf.String())
	}
}
