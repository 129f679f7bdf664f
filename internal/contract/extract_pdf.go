package contract

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

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

// pdfText reads the text of every page row by row. Rows are built from the
// glyphs' positions (the reader's own row grouping merges the lines of many
// producers), letter-spaced words are joined, and a running header or
// footer repeated on the pages is dropped so it never runs into the body.
func pdfText(data []byte) (string, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	n := r.NumPage()
	if n > pdfMaxPages {
		n = pdfMaxPages
	}
	var pages [][]string
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		pages = append(pages, pdfRows(p.Content().Text))
	}
	dropRunning(pages)
	var out strings.Builder
	for _, rows := range pages {
		for _, row := range rows {
			if row != "" {
				out.WriteString(row)
				out.WriteByte('\n')
			}
		}
		out.WriteByte('\n')
	}
	return out.String(), nil
}

// pdfChunk is text drawn at one position: a string or a single glyph.
type pdfChunk struct {
	x, end, size float64
	s            string
}

// pdfRows groups the glyphs of a page into rows, top to bottom.
func pdfRows(texts []pdf.Text) []string {
	type row struct {
		y      float64
		chunks []pdfChunk
	}
	var rows []*row
	find := func(y, size float64) *row {
		tol := math.Max(size*0.35, 1)
		for _, r := range rows {
			if math.Abs(r.y-y) <= tol {
				return r
			}
		}
		r := &row{y: y}
		rows = append(rows, r)
		return r
	}
	for _, t := range texts {
		s := stripControls(t.S)
		if s == "" {
			continue
		}
		r := find(t.Y, t.FontSize)
		w := t.W
		if w == 0 {
			w = t.FontSize * 0.5 * float64(utf8.RuneCountInString(s))
		}
		if k := len(r.chunks) - 1; k >= 0 && r.chunks[k].x == t.X {
			// glyphs of one string share its start: keep them together
			r.chunks[k].s += s
			r.chunks[k].end += w
			continue
		}
		r.chunks = append(r.chunks, pdfChunk{x: t.X, end: t.X + w, size: t.FontSize, s: s})
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].y > rows[b].y })
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		sort.SliceStable(r.chunks, func(a, b int) bool { return r.chunks[a].x < r.chunks[b].x })
		out = append(out, strings.TrimSpace(joinChunks(r.chunks)))
	}
	return out
}

// joinChunks writes the chunks of a row with a space where the gap after
// a chunk is wider than a fraction of the font size. A row of single glyphs
// placed one by one with such a gap after nearly every glyph ("A r t i k e
// l") is letter-spaced: there only a gap well above the usual one is a
// space.
func joinChunks(cs []pdfChunk) string {
	gaps := make([]float64, len(cs))
	single, wide := 0, 0
	for i, c := range cs {
		if utf8.RuneCountInString(c.s) == 1 {
			single++
		}
		if i > 0 {
			gaps[i] = c.x - cs[i-1].end
			if gaps[i] > c.size*0.15 {
				wide++
			}
		}
	}
	threshold := func(c pdfChunk) float64 { return c.size * 0.15 }
	if len(cs) >= 4 && single*10 >= len(cs)*7 && wide*10 >= (len(cs)-1)*7 {
		sorted := append([]float64(nil), gaps[1:]...)
		sort.Float64s(sorted)
		med := sorted[len(sorted)/2]
		threshold = func(pdfChunk) float64 { return med * 1.6 }
	}
	var cells []string
	var b strings.Builder
	for i, c := range cs {
		switch {
		case i > 0 && gaps[i] > c.size*2 && strings.TrimSpace(c.s) != "":
			// far wider than any word space: the next column of a table
			cells = append(cells, collapseSpaces(b.String()))
			b.Reset()
		case i > 0 && gaps[i] > threshold(c) && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(c.s, " "):
			b.WriteByte(' ')
		}
		b.WriteString(c.s)
	}
	cells = append(cells, collapseSpaces(b.String()))
	return strings.Join(cells, "\t")
}

// stripControls drops NUL and other control characters some PDFs map
// glyphs to.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f || r == 0xfffd {
			return -1
		}
		return r
	}, s)
}

// dropRunning removes a page's first or last row when the same text (page
// numbers aside) is the first or last row of at least half the pages, and
// of two pages at least: a running header or footer. A header's first
// occurrence stays (it opens the text; a table header repeated on every
// page keeps its first row); footers go everywhere.
func dropRunning(pages [][]string) {
	if len(pages) < 2 {
		return
	}
	key := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '#'
			}
			return r
		}, strings.ToLower(strings.TrimSpace(s)))
	}
	for _, end := range []int{0, -1} {
		at := func(rows []string) int {
			if len(rows) == 0 {
				return -1
			}
			if end == 0 {
				return 0
			}
			return len(rows) - 1
		}
		count := map[string]int{}
		for _, rows := range pages {
			if i := at(rows); i >= 0 && rows[i] != "" {
				count[key(rows[i])]++
			}
		}
		seen := map[string]bool{}
		for pi, rows := range pages {
			if len(rows) < 3 {
				continue // a page of one or two rows has no header apart from its body
			}
			if i := at(rows); i >= 0 && rows[i] != "" {
				k := key(rows[i])
				if c := count[k]; c >= 2 && c*2 >= len(pages) && (seen[k] || end != 0) {
					pages[pi] = append(rows[:i:i], rows[i+1:]...)
				}
				seen[k] = true // the first header stays: a title, or a table's header repeated on each page
			}
		}
	}
}
