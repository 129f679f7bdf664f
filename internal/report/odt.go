package report

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
)

// An ODT is a zip of OpenDocument parts: the mimetype, stored first and
// uncompressed so programs recognise the file, a manifest, the styles
// (headings, A4, 2 cm margins) and the content. ODF is on the Dutch government's list of
// open standards ("pas toe of leg uit"), so public bodies ask for it.

// ODTContentType is the media type of a .odt file.
const ODTContentType = "application/vnd.oasis.opendocument.text"

const odfNamespaces = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
	`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"`

const odtManifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`

// odtStyles holds the common styles, named as LibreOffice names its own
// (Heading_20_1 is "Heading 1"), so the navigator, the table of contents
// and export to PDF or DOCX know them as headings; the outline style ties
// each level to its heading style.
var odtStyles = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ` + odfNamespaces + `>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.14cm"/><style:text-properties fo:font-size="10.5pt" fo:language="nl" fo:country="NL"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Standard" style:class="text"><style:paragraph-properties fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" style:class="chapter"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="18pt"/></style:style>
<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:paragraph-properties fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="10pt" fo:color="#404040"/></style:style>
` + odtHeading(1, "14pt", "0.4cm") + odtHeading(2, "12pt", "0.3cm") + odtHeading(3, "11pt", "0.25cm") + `
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-bottom="0cm"/></style:style>
<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:text-properties fo:font-weight="bold"/></style:style>
<text:outline-style style:name="Outline">` + odtOutlineLevels() + `</text:outline-style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
</office:document-styles>`

// odtHeading is the common style "Heading <level>".
func odtHeading(level int, size, above string) string {
	return fmt.Sprintf(`<style:style style:name="Heading_20_%d" style:display-name="Heading %d" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Standard" style:default-outline-level="%d" style:class="text">`+
		`<style:paragraph-properties fo:margin-top="%s" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="%s"/></style:style>`, level, level, level, above, size)
}

// odtOutlineLevels are the ten levels of the outline, unnumbered.
func odtOutlineLevels() string {
	var b strings.Builder
	for l := 1; l <= 10; l++ {
		fmt.Fprintf(&b, `<text:outline-level-style text:level="%d" style:num-format=""/>`, l)
	}
	return b.String()
}

const odtAutoStyles = `<office:automatic-styles>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm" table:align="left" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #999999"/></style:style>
</office:automatic-styles>`

// WriteODT writes d as an OpenDocument text.
func WriteODT(w io.Writer, d *Doc) error {
	z := zip.NewWriter(w)
	mt, err := z.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(mt, ODTContentType); err != nil {
		return err
	}
	if err := writeParts(z, []part{
		{"META-INF/manifest.xml", odtManifest},
		{"styles.xml", odtStyles},
		{"content.xml", contentXML(d)},
	}); err != nil {
		return err
	}
	return z.Close()
}

func contentXML(d *Doc) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<office:document-content ` + odfNamespaces + `>` + odtAutoStyles + `<office:body><office:text>`)
	odtPara(&b, "Title", d.Title)
	if d.Subtitle != "" {
		odtPara(&b, "Subtitle", d.Subtitle)
	}
	tables := 0
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case Heading:
			level := bl.HeadingLevel()
			fmt.Fprintf(&b, `<text:h text:style-name="Heading_20_%d" text:outline-level="%d">%s</text:h>`, level, level, odtText(bl.Text))
		case Paragraph:
			for _, line := range strings.Split(bl.Text, "\n") {
				odtPara(&b, "", line)
			}
		case Table:
			tables++
			odtTable(&b, tables, bl.Rows)
		}
	}
	b.WriteString(`</office:text></office:body></office:document-content>`)
	return b.String()
}

func odtPara(b *strings.Builder, style, text string) {
	if style != "" {
		fmt.Fprintf(b, `<text:p text:style-name="%s">%s</text:p>`, style, odtText(text))
		return
	}
	b.WriteString(`<text:p>` + odtText(text) + `</text:p>`)
}

func odtTable(b *strings.Builder, n int, rows [][]string) {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	fmt.Fprintf(b, `<table:table table:name="Table%d" table:style-name="Tbl"><table:table-column table:number-columns-repeated="%d"/>`, n, max(cols, 1))
	for i, row := range rows {
		style := "Table_20_Contents"
		if i == 0 {
			// The header row repeats on every page the table spans.
			style = "Table_20_Heading"
			b.WriteString("<table:table-header-rows>")
		}
		b.WriteString("<table:table-row>")
		for c := range cols {
			cell := ""
			if c < len(row) {
				cell = row[c]
			}
			b.WriteString(`<table:table-cell table:style-name="Cell" office:value-type="string">`)
			for _, line := range strings.Split(cell, "\n") {
				odtPara(b, style, line)
			}
			b.WriteString("</table:table-cell>")
		}
		b.WriteString("</table:table-row>")
		if i == 0 {
			b.WriteString("</table:table-header-rows>")
		}
	}
	b.WriteString("</table:table>")
}

// odtText escapes text for ODF, where runs of spaces and tabs need
// elements of their own to survive.
func odtText(s string) string {
	e := escape(s)
	e = strings.ReplaceAll(e, "\t", "<text:tab/>")
	return strings.ReplaceAll(e, "  ", " <text:s/>")
}
