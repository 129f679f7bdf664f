package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// A DOCX is a zip of WordprocessingML parts. Word, LibreOffice and Google
// Docs open the minimal package: content types, the package relationship
// to the main document, and the document itself. Headings are formatted
// directly (bold, larger) so no styles part is needed.

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`

const packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`

// DOCXContentType is the media type of a .docx file.
const DOCXContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// WriteDOCX writes d as a DOCX package.
func WriteDOCX(w io.Writer, d *Doc) error {
	z := zip.NewWriter(w)
	if err := writeParts(z, []part{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"word/document.xml", documentXML(d)},
	}); err != nil {
		return err
	}
	return z.Close()
}

// part is one file of a zip package (DOCX, ODT).
type part struct{ name, body string }

// writeParts adds the parts to z, compressed, in order.
func writeParts(z *zip.Writer, parts []part) error {
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return nil
}

func documentXML(d *Doc) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	para(&b, d.Title, 36, true)
	if d.Subtitle != "" {
		para(&b, d.Subtitle, 20, false)
	}
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case Heading:
			size := 28
			if bl.Level > 1 {
				size = 24
			}
			para(&b, bl.Text, size, true)
		case Paragraph:
			// One Word paragraph per line keeps lists readable.
			for _, line := range strings.Split(bl.Text, "\n") {
				para(&b, line, 0, false)
			}
		case Table:
			table(&b, bl.Rows)
		}
	}
	// Section properties: A4 portrait with 2 cm margins.
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// para writes a paragraph of one run; size is in half-points, 0 for the
// default.
func para(b *strings.Builder, text string, size int, bold bool) {
	b.WriteString("<w:p>")
	run(b, text, size, bold)
	b.WriteString("</w:p>")
}

func run(b *strings.Builder, text string, size int, bold bool) {
	b.WriteString("<w:r>")
	if bold || size > 0 {
		b.WriteString("<w:rPr>")
		if bold {
			b.WriteString("<w:b/>")
		}
		if size > 0 {
			b.WriteString(`<w:sz w:val="` + strconv.Itoa(size) + `"/>`)
		}
		b.WriteString("</w:rPr>")
	}
	b.WriteString(`<w:t xml:space="preserve">`)
	b.WriteString(escape(text))
	b.WriteString("</w:t></w:r>")
}

func table(b *strings.Builder, rows [][]string) {
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="999999"/>`)
	}
	b.WriteString(`</w:tblBorders></w:tblPr>`)
	for i, row := range rows {
		b.WriteString("<w:tr>")
		for _, cell := range row {
			b.WriteString("<w:tc>")
			for _, line := range strings.Split(cell, "\n") {
				para(b, line, 0, i == 0)
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	// Word needs a paragraph between two tables and after the last one.
	b.WriteString("<w:p/>")
}

// escape makes text safe for XML character data, dropping characters XML
// 1.0 cannot hold (control characters pasted from other programs).
func escape(s string) string {
	var buf bytes.Buffer
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
			return r
		}
		return -1
	}, s)
	_ = xml.EscapeText(&buf, []byte(s))
	return buf.String()
}
