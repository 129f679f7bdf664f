package contract

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"

	"privacyregister/internal/apperr"
)

// PDFTimeout bounds the text extraction of one PDF.
var PDFTimeout = 20 * time.Second

// pdfMaxPages bounds the pages read.
const pdfMaxPages = 2000

func extractPDF(data []byte) (*Document, error) {
	type result struct {
		text string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- result{err: fmt.Errorf("pdf reader panicked: %v", r)}
			}
		}()
		t, err := pdfText(data)
		ch <- result{t, err}
	}()
	var res result
	select {
	case res = <-ch:
	case <-time.After(PDFTimeout):
		// the goroutine is abandoned; it holds only its own copy of the work
		return nil, apperr.New(apperr.Invalid, "reading the PDF took too long; upload the Word file instead")
	}
	if res.err != nil {
		return nil, apperr.Wrap(res.err, apperr.Invalid, "the PDF could not be read (damaged or encrypted?)")
	}
	if strings.TrimSpace(res.text) == "" {
		return nil, apperr.Invalidf("file", "this PDF has no text layer (scanned?); run OCR first or upload the Word file")
	}
	return &Document{Text: res.text, Format: FormatPDF}, nil
}

// pdfText reads the text of every page row by row.
func pdfText(data []byte) (string, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	n := r.NumPage()
	if n > pdfMaxPages {
		n = pdfMaxPages
	}
	var out strings.Builder
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		rows, err := p.GetTextByRow()
		if err != nil {
			return "", err
		}
		sort.SliceStable(rows, func(a, b int) bool { return rows[a].Position > rows[b].Position })
		for _, row := range rows {
			var line strings.Builder
			lastEnd := math.Inf(-1)
			for _, t := range row.Content {
				if line.Len() > 0 && t.X-lastEnd > t.FontSize*0.15 && !strings.HasSuffix(line.String(), " ") && !strings.HasPrefix(t.S, " ") {
					line.WriteByte(' ')
				}
				line.WriteString(t.S)
				w := t.W
				if w == 0 {
					w = t.FontSize * 0.5 * float64(len([]rune(t.S)))
				}
				lastEnd = t.X + w
			}
			if s := strings.TrimRight(line.String(), " "); s != "" {
				out.WriteString(s)
				out.WriteByte('\n')
			}
		}
		out.WriteByte('\n')
	}
	return out.String(), nil
}
