package csvout

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// TestWriterEscapesFormulasAndReadsBack: every field is quoted, a value
// that would start a formula gets a quote before it, numbers stay, and a
// standard CSV reader gets the values back (with the quote).
func TestWriterEscapesFormulasAndReadsBack(t *testing.T) {
	rec := []string{"=SUM(A1)", "+1", "-2+3", "@x", "\tt", "\rr", "-5", "+31", "gewoon", `een "quote"`, "a;b", "regel\nnieuw", ""}
	want := []string{"'=SUM(A1)", "+1", "'-2+3", "'@x", "'\tt", "'\rr", "-5", "+31", "gewoon", `een "quote"`, "a;b", "regel\nnieuw", ""}
	var buf bytes.Buffer
	w := NewWriter(&buf, Options{Comma: ';', BOM: true})
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte("\uFEFF\"'=SUM(A1)\";\"+1\";")) {
		t.Fatalf("not quoted and escaped: %q", data)
	}
	r := csv.NewReader(bytes.NewReader(data[3:]))
	r.Comma = ';'
	got, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d: %q, want %q", i, got[i], want[i])
		}
	}
}
