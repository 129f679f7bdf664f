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

// odtText checks an ODT package as ODF programs need it (the mimetype
// first and stored, every part well-formed XML) and returns the text of
// content.xml, one line per paragraph or heading.
func odtText(t *testing.T, data []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	if len(z.File) == 0 || z.File[0].Name != "mimetype" || z.File[0].Method != zip.Store {
		t.Fatal("the first entry is not an uncompressed mimetype")
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
	if string(parts["mimetype"]) != report.ODTContentType {
		t.Fatalf("mimetype %q", parts["mimetype"])
	}
	var text strings.Builder
	for _, name := range []string{"META-INF/manifest.xml", "styles.xml", "content.xml"} {
		if parts[name] == nil {
			t.Fatalf("package lacks %s", name)
		}
		dec := xml.NewDecoder(bytes.NewReader(parts[name]))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if name != "content.xml" {
				continue
			}
			switch x := tok.(type) {
			case xml.StartElement:
				if x.Name.Local == "s" {
					text.WriteString(" ")
				}
			case xml.EndElement:
				if x.Name.Local == "p" || x.Name.Local == "h" {
					text.WriteString("\n")
				}
			case xml.CharData:
				text.Write(x)
			}
		}
	}
	return text.String()
}

func TestODTHoldsHeadingsParagraphsAndTables(t *testing.T) {
	d := &report.Doc{Title: "Jaarverslag 2026", Subtitle: "Bibliotheek Lek & IJssel"}
	d.H(1, "Datalekken")
	d.P("Gemeld: 1\nGeïnformeerd: 0 <geen>  (twee spaties)")
	d.T([]string{"Dossier", "Titel"}, [][]string{{"2026-001", "Laptop \"kwijt\" in café"}})
	var buf bytes.Buffer
	if err := report.WriteODT(&buf, d); err != nil {
		t.Fatal(err)
	}
	text := odtText(t, buf.Bytes())
	for _, want := range []string{"Jaarverslag 2026\n", "Bibliotheek Lek & IJssel\n", "Datalekken\n", "Gemeld: 1\n",
		"Geïnformeerd: 0 <geen>  (twee spaties)\n", "Dossier\n", "2026-001\n", "Laptop \"kwijt\" in café\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("document lacks %q:\n%s", want, text)
		}
	}
}
