package register

import (
	"bytes"
	"testing"

	"privacyregister/internal/apperr"
)

// The parsers take uploads from anyone: whatever the bytes, they must
// return a table or an *apperr.Error, never panic, and a table they return
// must be rectangular and plan without panicking.
func checkParsed(t *testing.T, tb *Table, err error) {
	if err != nil {
		if apperr.HTTPStatus(err) >= 500 {
			t.Fatalf("error is not an apperr: %v", err)
		}
		return
	}
	seen := map[string]bool{}
	for _, h := range tb.Headers {
		if seen[h] {
			t.Fatalf("duplicate header %q", h)
		}
		seen[h] = true
	}
	for _, r := range tb.Rows {
		if len(r.Cells) != len(tb.Headers) || r.Num < 1 {
			t.Fatalf("row %d has %d cells for %d headers", r.Num, len(r.Cells), len(tb.Headers))
		}
	}
	m := AutoMapping(tb.Headers)
	if _, ok := func() (Field, bool) {
		for _, f := range m {
			if f == FieldName {
				return f, true
			}
		}
		return "", false
	}(); !ok {
		return
	}
	if _, err := Plan(tb, m, DemoActivities(), testRefs()); err != nil && apperr.CodeOf(err) == "" {
		t.Fatalf("Plan: %v", err)
	}
}

func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		"Nr,Verwerking,Bewaartermijn\n1,Leden,2 jaar na einde lidmaatschap\n",
		"Nr;Verwerking;Wie\r\n1;\"Caf\xe9; bar\";RH\r\n",
		"\t\t\tVerwerker\tWie\n1\tIntern\t1 HR\t1\tSalaris\tAFAS\tRH\n",
		"\xEF\xBB\xBFVerwerking,Doel\n\"a\"\"b\",\"x\ny\"\n",
		"Verwerking\n\"open",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ParseFile("fuzz.csv", bytes.NewReader(data), 1<<20)
		checkParsed(t, tb, err)
		tb, err = ParseFile("fuzz.txt", bytes.NewReader(data), 1<<20)
		checkParsed(t, tb, err)
	})
}

func FuzzParseXLSX(f *testing.F) {
	f.Add(toXLSX(f, []byte("Nr,Verwerking,Verwerker\n1,Leden,BiSC\n2,Salaris,AFAS\n")))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ParseFile("fuzz.xlsx", bytes.NewReader(data), 1<<20)
		checkParsed(t, tb, err)
	})
}
