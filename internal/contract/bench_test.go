package contract

import (
	"testing"

	"privacyregister/internal/testutil"
)

func BenchmarkAnalyseSeed001(b *testing.B) {
	text := testutil.Seed(b, "001")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		Analyse(text)
	}
}
