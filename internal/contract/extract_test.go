package contract

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"privacyregister/internal/apperr"
)

// buildDocx zips a minimal Word document around body (the inside of <w:body>).
func buildDocx(t testing.TB, body string, numbering string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, content string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+body+`</w:body></w:document>`)
	if numbering != "" {
		add("word/numbering.xml", `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`+numbering+`</w:numbering>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func wp(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func wpNum(text string, ilvl int) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, ilvl, text)
}

const testNumbering = `<w:abstractNum w:abstractNumId="0">` +
	`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Artikel %1"/></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>` +
	`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`

func TestExtractDocx(t *testing.T) {
	body := wpNum("Meldplicht", 0) +
		wpNum("Verwerker informeert Verwerkingsverantwoordelijke binnen 36 uur over een Datalek.", 1) +
		wp("Subverwerkers:") +
		`<w:tbl><w:tr><w:tc>` + wp("Naam") + `</w:tc><w:tc>` + wp("Locatie") + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + wp("Hostnet B.V.") + `</w:tc><w:tc>` + wp("Amsterdam, Nederland") + `</w:tc></w:tr></w:tbl>` +
		wp("Einde &amp; slot")
	data := buildDocx(t, body, testNumbering)
	doc, err := Extract("dpa.docx", bytes.NewReader(data), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatDocx {
		t.Errorf("format = %q", doc.Format)
	}
	for _, want := range []string{
		"Artikel 1 Meldplicht\n",
		"1.1 Verwerker informeert Verwerkingsverantwoordelijke binnen 36 uur over een Datalek.\n",
		"Naam | Locatie\n",
		"Hostnet B.V. | Amsterdam, Nederland\n",
		"Einde & slot\n",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	a := Analyse(doc.Text)
	if a.BreachNotification.Hours == nil || *a.BreachNotification.Hours != 36 {
		t.Errorf("breach hours = %v, want 36", a.BreachNotification.Hours)
	}
	if len(a.BreachNotification.Evidence) == 0 || a.BreachNotification.Evidence[0].Clause == nil || *a.BreachNotification.Evidence[0].Clause != "1.1" {
		t.Errorf("breach evidence clause: %+v", a.BreachNotification.Evidence)
	}
	if len(a.Subprocessors.Named) != 1 || a.Subprocessors.Named[0].Name != "Hostnet B.V." || a.Subprocessors.Named[0].Country == nil || *a.Subprocessors.Named[0].Country != "NL" {
		t.Errorf("named = %+v", a.Subprocessors.Named)
	}
}

func TestExtractDocxZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("A"), 1<<20)
	for i := 0; i < 64; i++ { // 64 MB of 'A', compresses to ~64 KB
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 1<<20 {
		t.Fatalf("bomb is %d bytes, should be small", buf.Len())
	}
	_, err = Extract("bomb.docx", bytes.NewReader(buf.Bytes()), 1<<20) // limit 20 MB unpacked
	if !apperr.Is(err, apperr.TooLarge) {
		t.Fatalf("err = %v, want TooLarge", err)
	}
	if !strings.Contains(err.Error(), "zip bomb") {
		t.Errorf("message %q does not explain", err.Error())
	}
}

func TestExtractDocxTooManyEntries(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i <= maxDocxEntries; i++ {
		if _, err := zw.Create(fmt.Sprintf("x/%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	_, err := Extract("many.docx", bytes.NewReader(buf.Bytes()), 10<<20)
	if !apperr.Is(err, apperr.TooLarge) {
		t.Fatalf("err = %v, want TooLarge", err)
	}
}

func TestExtractHTML(t *testing.T) {
	src := `<!DOCTYPE html><html><head><title>x</title><style>p{}</style><script>var a = "<p>no</p>";</script></head><body>
<h1>Verwerkersovereenkomst</h1>
<p>6.1 Verwerker meldt een datalek <b>onverwijld</b>, doch uiterlijk binnen
 24 uur aan Verwerkingsverantwoordelijke.</p>
<ul><li>Amazon Web Services EMEA SARL (Dublin, Ierland)</li><li>Mailchimp</li></ul>
<table><tr><th>Naam</th><th>Land</th></tr><tr><td>Hostnet</td><td>Nederland</td></tr></table>
<p>Caf&eacute; &amp; co<br>tweede regel</p></body></html>`
	doc, err := Extract("dpa.html", strings.NewReader(src), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Verwerkersovereenkomst\n",
		"6.1 Verwerker meldt een datalek onverwijld, doch uiterlijk binnen 24 uur aan Verwerkingsverantwoordelijke.\n",
		"- Amazon Web Services EMEA SARL (Dublin, Ierland)\n",
		"Naam | Land\nHostnet | Nederland\n",
		"Café & co\ntweede regel\n",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	if strings.Contains(doc.Text, "no") && strings.Contains(doc.Text, "var a") {
		t.Error("script content leaked into the text")
	}
	a := Analyse(doc.Text)
	if a.BreachNotification.Hours == nil || *a.BreachNotification.Hours != 24 || !a.BreachNotification.WithoutDelay {
		t.Errorf("breach = %+v", a.BreachNotification)
	}
}

func TestExtractText(t *testing.T) {
	// Windows-1252: "één" and the euro sign
	cp := []byte("Aansprakelijkheid is beperkt tot \x80 5.000 per gebeurtenis, \xe9\xe9n keer.")
	doc, err := Extract("a.txt", bytes.NewReader(cp), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Encoding != "windows-1252" || !strings.Contains(doc.Text, "€ 5.000") || !strings.Contains(doc.Text, "één") {
		t.Errorf("got %q (%s)", doc.Text, doc.Encoding)
	}
	doc, err = Extract("a.md", strings.NewReader("\xef\xbb\xbfUTF-8 met BOM: één\r\nregel"), 1<<20)
	if err != nil || doc.Text != "UTF-8 met BOM: één\nregel" {
		t.Errorf("got %q, %v", doc.Text, err)
	}
}

func TestExtractRefuses(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		code apperr.Code
		msg  string
	}{
		{"setup.pdf", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0}, 200)...), apperr.Invalid, "program"},
		{"agreement.pdf", []byte("this is just text, not a pdf"), apperr.Invalid, "not a PDF"},
		{"agreement.docx", []byte("plain text"), apperr.Invalid, "not a Word"},
		{"old.doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, apperr.Invalid, ".docx"},
		{"empty.txt", []byte("   \n"), apperr.Invalid, "empty"},
		{"big.txt", bytes.Repeat([]byte("a"), 2000), apperr.TooLarge, "larger"},
		{"broken.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"), apperr.Invalid, "PDF"},
		{"truncated.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), apperr.Invalid, "PDF"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Extract(c.name, bytes.NewReader(c.data), 1000)
			if !apperr.Is(err, c.code) {
				t.Fatalf("err = %v, want code %s", err, c.code)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("message %q lacks %q", err.Error(), c.msg)
			}
		})
	}
}

func makePDF(t testing.TB, lines []string) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 11)
	for _, l := range lines {
		p.Cell(0, 6, l)
		p.Ln(6)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExtractPDF(t *testing.T) {
	data := makePDF(t, []string{
		"Artikel 7 Datalekken",
		"7.1 Verwerker informeert Verwerkingsverantwoordelijke zonder onredelijke vertraging,",
		"doch uiterlijk binnen 48 uur na ontdekking van een Datalek.",
	})
	doc, err := Extract("dpa.pdf", bytes.NewReader(data), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatPDF || !strings.Contains(doc.Text, "binnen 48 uur") || !strings.Contains(doc.Text, "Artikel 7 Datalekken") {
		t.Fatalf("text = %q", doc.Text)
	}
	a := Analyse(doc.Text)
	if a.BreachNotification.Hours == nil || *a.BreachNotification.Hours != 48 {
		t.Errorf("breach hours = %v (text %q)", a.BreachNotification.Hours, doc.Text)
	}
}

func TestExtractPDFNoText(t *testing.T) {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.Rect(10, 10, 50, 50, "F") // a "scan": graphics, no text
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	_, err := Extract("scan.pdf", &buf, 1<<20)
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "no text layer") {
		t.Fatalf("err = %v", err)
	}
}

// TestExtractPDFLayout: the faults issue 14 saw in a real PDF, rebuilt in
// a PDF of our own: a running header and a page footer on every page must
// not run into the body (the header stays once, at the top), and a letter-spaced heading ("A r t i k e l")
// must come out as words.
func TestExtractPDFLayout(t *testing.T) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetHeaderFunc(func() {
		p.SetFont("Helvetica", "", 8)
		p.Cell(0, 5, "Verwerkersovereenkomst Lesplanner - vertrouwelijk")
		p.Ln(10)
	})
	p.SetFooterFunc(func() {
		p.SetY(-15)
		p.SetFont("Helvetica", "", 8)
		p.Cell(0, 5, fmt.Sprintf("Pagina %d", p.PageNo()))
	})
	spaced := func(s string) {
		// one glyph at a time with a wide gap, as some PDF producers write headings
		p.SetFont("Helvetica", "B", 12)
		x, y := p.GetX(), p.GetY()
		for _, r := range s {
			w := p.GetStringWidth(string(r))
			p.Text(x, y+4, string(r))
			x += w + 1.2
			if r == ' ' {
				x += 2.5
			}
		}
		p.Ln(8)
	}
	for page, body := range [][]string{
		{"7.1 De Verwerker meldt een datalek aan de Opdrachtgever", "binnen 36 uur na ontdekking."},
		{"8.1 De Opdrachtgever mag eens per jaar een audit laten uitvoeren."},
		{"9.1 Op deze overeenkomst is Nederlands recht van toepassing."},
	} {
		p.AddPage()
		spaced(fmt.Sprintf("Artikel %d Bepalingen", page+7))
		p.SetFont("Helvetica", "", 11)
		for _, l := range body {
			p.Cell(0, 6, l)
			p.Ln(6)
		}
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	doc, err := Extract("dpa.pdf", &buf, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("text:\n%s", doc.Text)
	if strings.Count(doc.Text, "vertrouwelijk") > 1 || !strings.HasPrefix(doc.Text, "Verwerkersovereenkomst Lesplanner") || strings.Contains(doc.Text, "Pagina") {
		t.Errorf("running header or footer kept:\n%s", doc.Text)
	}
	if !strings.Contains(doc.Text, "Artikel 8 Bepalingen") {
		t.Errorf("letter-spaced heading not joined:\n%s", doc.Text)
	}
	if strings.ContainsRune(doc.Text, 0) {
		t.Errorf("NUL in text")
	}
	a := Analyse(doc.Text)
	if a.BreachNotification.Hours == nil || *a.BreachNotification.Hours != 36 || !a.Audit.Right || a.GoverningLaw == nil || *a.GoverningLaw != "NL" {
		t.Errorf("hours %v, audit %v, law %v in\n%s", a.BreachNotification.Hours, a.Audit.Right, a.GoverningLaw, doc.Text)
	}
}

// TestExtractPDFTooLarge: the upload limit holds for PDFs before any parsing.
func TestExtractPDFTooLarge(t *testing.T) {
	data := makePDF(t, []string{"Artikel 1 Onderwerp"})
	if _, err := Extract("dpa.pdf", bytes.NewReader(data), int64(len(data)-1)); !apperr.Is(err, apperr.TooLarge) {
		t.Fatalf("err = %v, want TooLarge", err)
	}
}

// TestExtractPDFTable: table cells far apart in a PDF come out as cells, so
// a sub-processor table is read as one.
func TestExtractPDFTable(t *testing.T) {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 11)
	p.Cell(0, 6, "Artikel 6 Subverwerkers")
	p.Ln(8)
	p.Cell(0, 6, "De Opdrachtgever stemt in met de volgende subverwerkers:")
	p.Ln(8)
	for _, row := range [][]string{{"Subverwerker", "Dienst", "Locatie"}, {"Wolkenbak B.V.", "Opslag", "Nederland"}, {"Postduif GmbH", "E-mail", "Duitsland"}} {
		for _, c := range row {
			p.CellFormat(55, 7, c, "", 0, "L", false, 0, "")
		}
		p.Ln(7)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	doc, err := Extract("dpa.pdf", &buf, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	a := Analyse(doc.Text)
	var names []string
	for _, n := range a.Subprocessors.Named {
		names = append(names, n.Name)
	}
	if strings.Join(names, ";") != "Wolkenbak B.V.;Postduif GmbH" {
		t.Errorf("named %q in\n%s", names, doc.Text)
	}
}
