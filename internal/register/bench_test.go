package register

import (
	"bytes"
	"io"
	"testing"
)

func xlsx10k(b *testing.B) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, testOrg, Generate(10_000, 1), testRefs(), "nl"); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkImportXLSX10k: parse and plan 10,000 rows (target < 10 s).
func BenchmarkImportXLSX10k(b *testing.B) {
	data := xlsx10k(b)
	existing := Generate(1_000, 2) // some updates by number
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		tb, err := ParseFile("register.xlsx", bytes.NewReader(data), DefaultMaxBytes)
		if err != nil {
			b.Fatal(err)
		}
		p, err := Plan(tb, AutoMapping(tb.Headers), existing, testRefs())
		if err != nil || len(p.Rows) != 10_000 || !p.OK() {
			b.Fatalf("%v %d", err, len(p.Rows))
		}
	}
}

// BenchmarkExportXLSX10k: write 10,000 activities (target < 5 s).
func BenchmarkExportXLSX10k(b *testing.B) {
	acts, ms := Generate(10_000, 1), testRefs()
	b.ResetTimer()
	for b.Loop() {
		if err := WriteXLSX(io.Discard, testOrg, acts, ms, "nl"); err != nil {
			b.Fatal(err)
		}
	}
}
