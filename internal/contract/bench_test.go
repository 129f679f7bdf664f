package contract_test

import (
	"bytes"
	"fmt"
	"privacyregister/internal/contract"
	"strings"
	"testing"

	"privacyregister/internal/testutil"
)

func BenchmarkAnalyseSeed001(b *testing.B) {
	text := testutil.Seed(b, "001")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		contract.Analyse(text)
	}
}

// docx100Pages builds a Word document of about 100 pages: 50 articles of
// numbered clauses and a table, some 45,000 words.
func docx100Pages(b testing.TB) []byte {
	var body strings.Builder
	for art := 1; art <= 50; art++ {
		body.WriteString(contract.WPNum(fmt.Sprintf("Onderwerp %d", art), 0))
		for c := 1; c <= 12; c++ {
			body.WriteString(contract.WPNum("Verwerker verwerkt de persoonsgegevens uitsluitend op basis van schriftelijke instructies van Verwerkingsverantwoordelijke en neemt passende technische en organisatorische maatregelen; een datalek wordt onverwijld, doch uiterlijk binnen 48 uur gemeld aan Verwerkingsverantwoordelijke.", 1))
		}
		body.WriteString(`<w:tbl>`)
		for r := 0; r < 5; r++ {
			body.WriteString(`<w:tr><w:tc>` + contract.WP("Hostnet B.V.") + `</w:tc><w:tc>` + contract.WP("Amsterdam, Nederland") + `</w:tc><w:tc>` + contract.WP("hosting van de applicatie en back-ups") + `</w:tc></w:tr>`)
		}
		body.WriteString(`</w:tbl>`)
	}
	return contract.BuildDocx(b, body.String(), contract.TestNumbering)
}

func BenchmarkDocx100Pages(b *testing.B) {
	data := docx100Pages(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		doc, err := contract.Extract("big.docx", bytes.NewReader(data), 20<<20)
		if err != nil {
			b.Fatal(err)
		}
		contract.Analyse(doc.Text)
	}
}
