package register

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"privacyregister/internal/apperr"
)

// Table is an imported sheet: unique headers and the non-empty rows.
type Table struct {
	Headers  []string `json:"headers"`
	Rows     []Row    `json:"rows"`
	Format   string   `json:"format"`   // csv, xlsx, text
	Encoding string   `json:"encoding"` // utf-8, utf-8-bom, utf-16, windows-1252 (text formats)
	Sheet    string   `json:"sheet,omitempty"`
}

// Row is one data row; Num is the row (or line) number a user sees in the
// spreadsheet or editor, 1-based. Cells line up with Table.Headers.
type Row struct {
	Num   int      `json:"num"`
	Cells []string `json:"cells"`
}

// DefaultMaxBytes is the upload limit the web layer should use.
const DefaultMaxBytes = 20 << 20

// ParseFile reads an uploaded register: .xlsx (Excel), .txt (a document
// with a tab-separated table in it, as the seed policy) or anything else as
// CSV/TSV. It refuses more than maxBytes without reading the rest.
func ParseFile(filename string, r io.Reader, maxBytes int64) (*Table, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "The file could not be read.")
	}
	if int64(len(data)) > maxBytes {
		return nil, apperr.New(apperr.TooLarge, "The file is larger than %d MB.", mb(maxBytes))
	}
	if len(data) == 0 {
		return nil, apperr.Invalidf("file", "The file is empty.")
	}
	ext := strings.ToLower(filepath.Ext(filename))
	switch {
	case ext == ".xlsx" || ext == ".xlsm" || bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return parseXLSX(data, limitsFor(maxBytes))
	case ext == ".xls" || bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return nil, apperr.Invalidf("file", "Old Excel files (.xls) are not supported: save the file as .xlsx or CSV.")
	}
	text, enc := decodeText(data)
	var t *Table
	if ext == ".txt" && strings.Contains(text, "\t") {
		t, err = parseTextBlock(text)
	} else {
		t, err = parseCSV(text)
	}
	if err != nil {
		return nil, err
	}
	t.Encoding = enc
	return t, nil
}

func mb(n int64) int64 { return (n + 1<<20 - 1) >> 20 }

// decodeText detects the encoding: a BOM, else valid UTF-8, else
// Windows-1252 (what Dutch Excel writes for "CSV (gescheiden door
// lijstscheidingsteken)").
func decodeText(b []byte) (string, string) {
	switch {
	case bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")):
		return string(b[3:]), "utf-8-bom"
	case bytes.HasPrefix(b, []byte("\xFF\xFE")), bytes.HasPrefix(b, []byte("\xFE\xFF")):
		// Excel's "Unicode text" is UTF-16 with a BOM.
		d := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		if s, err := d.Bytes(b); err == nil {
			return string(s), "utf-16"
		}
	case utf8.Valid(b):
		return string(b), "utf-8"
	}
	s, _ := charmap.Windows1252.NewDecoder().Bytes(b) // every byte decodes
	return string(s), "windows-1252"
}

// sniffSeparator picks ; , or TAB by counting them in the first line
// outside quotes. Dutch Excel uses ";" because "," is the decimal comma.
func sniffSeparator(text string) rune {
	line := text
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		line = text[:i]
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ';' || r == ',' || r == '\t'):
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{'\t', ';', ','} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

func parseCSV(text string) (*Table, error) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sniffSeparator(text)
	cr.FieldsPerRecord = -1
	var records [][]string
	var nums []int
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err, n)
		}
		records = append(records, rec)
		nums = append(nums, n)
	}
	t, err := buildTable(records, nums)
	if err != nil {
		return nil, err
	}
	t.Format = "csv"
	return t, nil
}

func csvError(err error, row int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		field := fmt.Sprintf("row %d", row)
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			return withField(apperr.Wrap(err, apperr.Invalid, "Malformed CSV from line %d: a quoted value is not closed.", pe.StartLine), field)
		case errors.Is(pe.Err, csv.ErrBareQuote):
			return withField(apperr.Wrap(err, apperr.Invalid, "Malformed CSV on line %d: a quote inside a value that is not quoted.", pe.Line), field)
		}
		return withField(apperr.Wrap(err, apperr.Invalid, "Malformed CSV on line %d.", pe.Line), field)
	}
	return apperr.Wrap(err, apperr.Invalid, "The file could not be read.")
}

func withField(e *apperr.Error, field string) *apperr.Error {
	e.Field = field
	return e
}
