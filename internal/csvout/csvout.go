// Package csvout is the one CSV writer of every export (register,
// incidents, requests, DPIAs, agreements, reviews). A value that starts
// with =, +, -, @, a tab or a carriage return is read by Excel and
// LibreOffice as a formula, so a name typed into the register could run a
// formula on the computer of whoever opens the export ("CSV injection").
// As OWASP recommends, such a value gets a single quote in front, and every
// field is wrapped in double quotes with inner quotes doubled (RFC 4180),
// so no separator or quote in a value can start a new cell either.
//
// Numbers such as -5 or +31 are left as they are: a spreadsheet reads them
// as numbers, which cannot run anything.
package csvout

import (
	"io"
	"strconv"
	"strings"
)

// FormulaStart are the characters that make a spreadsheet read a cell as a
// formula.
const FormulaStart = "=+-@\t\r"

// Cell returns s as it is safe to put in a spreadsheet cell of a CSV file:
// with a single quote before it when it would start a formula.
func Cell(s string) string {
	if s == "" || strings.IndexByte(FormulaStart, s[0]) < 0 {
		return s
	}
	if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil && s[0] != '\t' && s[0] != '\r' {
		return s
	}
	return "'" + s
}

// Writer writes records with every field quoted and escaped.
type Writer struct {
	w     io.Writer
	comma byte
	err   error
	buf   []byte
}

// Options: Comma is the separator (',' or ';'); BOM writes the UTF-8
// byte-order mark Dutch Excel needs to read UTF-8.
type Options struct {
	Comma byte
	BOM   bool
}

// NewWriter returns a writer on w.
func NewWriter(w io.Writer, o Options) *Writer {
	if o.Comma == 0 {
		o.Comma = ','
	}
	cw := &Writer{w: w, comma: o.Comma}
	if o.BOM {
		_, cw.err = io.WriteString(w, "\uFEFF")
	}
	return cw
}

// Write writes one record, ending in CRLF as RFC 4180 has it.
func (cw *Writer) Write(rec []string) error {
	if cw.err != nil {
		return cw.err
	}
	b := cw.buf[:0]
	for i, f := range rec {
		if i > 0 {
			b = append(b, cw.comma)
		}
		b = append(b, '"')
		f = Cell(f)
		for j := 0; j < len(f); j++ {
			if f[j] == '"' {
				b = append(b, '"')
			}
			b = append(b, f[j])
		}
		b = append(b, '"')
	}
	b = append(b, '\r', '\n')
	cw.buf = b
	_, cw.err = cw.w.Write(b)
	return cw.err
}

// WriteAll writes every record.
func (cw *Writer) WriteAll(recs [][]string) error {
	for _, r := range recs {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	return cw.err
}

// Error is the first error of a write.
func (cw *Writer) Error() error { return cw.err }
