package report

import (
	"io"
	"strings"

	"github.com/go-pdf/fpdf"
)

// WritePDF writes d as an A4 PDF. The core fonts speak cp1252, which covers
// Dutch (ë, é, ï, €); the translator maps UTF-8 to it.
func WritePDF(w io.Writer, d *Doc) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("cp1252")
	pdf.SetTitle(tr(d.Title), false)
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 16)
	pdf.MultiCell(0, 8, tr(d.Title), "", "L", false)
	if d.Subtitle != "" {
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(0, 5, tr(d.Subtitle), "", "L", false)
	}
	pdf.Ln(3)
	for _, b := range d.Blocks {
		switch b.Kind {
		case Heading:
			size := 14.0
			if b.Level > 1 {
				size = 12
			}
			pdf.Ln(1)
			pdf.SetFont("Helvetica", "B", size)
			pdf.MultiCell(0, 7, tr(b.Text), "", "L", false)
		case Paragraph:
			pdf.SetFont("Helvetica", "", 10)
			pdf.MultiCell(0, 5, tr(b.Text), "", "L", false)
			pdf.Ln(2)
		case Table:
			pdfTable(pdf, tr, b.Rows)
			pdf.Ln(2)
		}
	}
	return pdf.Output(w)
}

// pdfTable draws rows in equal columns; a row is as high as its tallest
// cell, and starts on a new page when it would not fit.
func pdfTable(pdf *fpdf.Fpdf, tr func(string) string, rows [][]string) {
	const lineH = 5.0
	pageW, pageH := pdf.GetPageSize()
	left, _, right, bottom := pdf.GetMargins()
	for i, row := range rows {
		if len(row) == 0 {
			continue
		}
		colW := (pageW - left - right) / float64(len(row))
		style := ""
		if i == 0 {
			style = "B"
		}
		pdf.SetFont("Helvetica", style, 9)
		lines := make([][]string, len(row))
		height := lineH
		for j, cell := range row {
			var ls []string
			for _, para := range strings.Split(tr(cell), "\n") {
				ls = append(ls, pdf.SplitText(para, colW-2)...)
			}
			if len(ls) == 0 {
				ls = []string{""}
			}
			lines[j] = ls
			height = max(height, float64(len(ls))*lineH)
		}
		if pdf.GetY()+height > pageH-bottom {
			pdf.AddPage()
		}
		y := pdf.GetY()
		for j := range row {
			x := left + float64(j)*colW
			pdf.Rect(x, y, colW, height, "D")
			for k, l := range lines[j] {
				pdf.SetXY(x+1, y+float64(k)*lineH)
				pdf.CellFormat(colW-2, lineH, l, "", 0, "L", false, 0, "")
			}
		}
		pdf.SetXY(left, y+height)
	}
}
