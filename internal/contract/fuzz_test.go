package contract

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// The seed corpora are in testdata/fuzz/<FuzzName>; f.Add adds a few more.

func FuzzAnalyse(f *testing.F) {
	f.Add("6.1 Verwerker meldt een datalek binnen achtenveertig (48) uur aan Verwerkingsverantwoordelijke.")
	f.Add("Artikel 9 Subverwerkers\n- a.) OCLC | HKA\n\nNaam organisatie: | X BV |\n")
	f.Add("The liability shall not exceed EUR 1,000,000. boete van € 5.000,- per overtreding")
	f.Fuzz(func(t *testing.T, text string) {
		a := Analyse(text)
		if a == nil || len(a.Art28) != 8 {
			t.Fatal("incomplete analysis")
		}
		runes := []rune(text)
		for _, el := range a.Art28 {
			for _, e := range el.Evidence {
				if e.Start < 0 || e.End > len(runes) || e.Start > e.End {
					t.Fatalf("offsets %d-%d outside text of %d runes", e.Start, e.End, len(runes))
				}
				if utf8.ValidString(text) && string(runes[e.Start:e.End]) != e.Quote {
					t.Fatalf("quote %q not at %d-%d", e.Quote, e.Start, e.End)
				}
			}
		}
		var buf bytes.Buffer
		if err := WriteReport(&buf, a, "nl"); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzExtractDocx(f *testing.F) {
	f.Add(buildDocx(f, wp("Artikel 1")+`<w:tbl><w:tr><w:tc>`+wp("a")+`</w:tc></w:tr></w:tbl>`, testNumbering))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract("x.docx", bytes.NewReader(data), 1<<20)
		if err == nil && strings.TrimSpace(doc.Text) == "" {
			t.Fatal("no error and no text")
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	f.Add([]byte("<html><body><p>Artikel 1</p><table><tr><td>a</td><td>b</td></tr></table></body></html>"))
	f.Add([]byte("<ul><li>x<li>y</ul><tr><td>open"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract("x.html", bytes.NewReader(data), 1<<20)
		if err == nil && !utf8.ValidString(doc.Text) {
			t.Fatal("invalid UTF-8 in extracted text")
		}
	})
}
