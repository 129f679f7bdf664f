package report

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
)

// An ODT is a zip of OpenDocument parts: the mimetype, stored first and
// uncompressed so programs recognise the file, a manifest, the styles (A4,
// 2 cm margins) and the content. ODF is on the Dutch government's list of
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

const odtStyles = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ` + odfNamespaces + `>
<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
</office:document-styles>`

const odtAutoStyles = `<office:automatic-styles>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>
<style:style style:name="H1" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="H2" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.1cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Head" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
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
		odtPara(&b, "", d.Subtitle)
	}
	tables := 0
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case Heading:
			level := min(max(bl.Level, 1), 2)
			fmt.Fprintf(&b, `<text:h text:style-name="H%d" text:outline-level="%d">%s</text:h>`, level, level, odtText(bl.Text))
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
		b.WriteString("<table:table-row>")
		for c := range cols {
			cell := ""
			if c < len(row) {
				cell = row[c]
			}
			b.WriteString(`<table:table-cell table:style-name="Cell" office:value-type="string">`)
			style := ""
			if i == 0 {
				style = "Head"
			}
			for _, line := range strings.Split(cell, "\n") {
				odtPara(b, style, line)
			}
			b.WriteString("</table:table-cell>")
		}
		b.WriteString("</table:table-row>")
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
