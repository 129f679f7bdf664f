package register

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"privacyregister/internal/apperr"
	"privacyregister/internal/textcheck"
)

// Table is an imported sheet: unique headers and the non-empty rows.
type Table struct {
	Headers  []string `json:"headers"`
	Rows     []Row    `json:"rows"`
	Format   string   `json:"format"`   // csv, xlsx, text
	Encoding string   `json:"encoding"` // utf-8, utf-8-bom, utf-16, windows-1252 (text formats)
	Sheet    string   `json:"sheet,omitempty"`
	// Layout names the tool whose file this is when it was recognised
	// (LayoutCISO, LayoutRDO, LayoutVNG); Sheets are the sheets or files
	// read into the table; Notes are warnings about values the import
	// could not place (they never stop it).
	Layout string   `json:"layout,omitempty"`
	Sheets []string `json:"sheets,omitempty"`
	Notes  []Issue  `json:"notes,omitempty"`
}

// Row is one data row; Num is the row (or line) number a user sees in the
// spreadsheet or editor, 1-based. Cells line up with Table.Headers.
type Row struct {
	Num   int      `json:"num"`
	Cells []string `json:"cells"`
}

// DefaultMaxBytes is the upload limit the web layer should use.
const DefaultMaxBytes = 20 << 20

// Limits bound what an import reads, so a file cannot cost more memory
// than a real register does: the upload itself, what an .xlsx unpacks to,
// and the rows and cells of the table.
type Limits struct {
	MaxBytes        int64 // the file as sent
	MaxUncompressed int64 // an .xlsx unpacked, all parts together
	MaxRows         int   // non-empty rows below the header
	MaxCells        int   // non-empty rows times their width
}

// DefaultLimits lie far beyond a real register (a large one has a few
// thousand rows of some thirty columns).
var DefaultLimits = Limits{MaxBytes: DefaultMaxBytes, MaxUncompressed: 50 << 20, MaxRows: 100_000, MaxCells: 2_000_000}

// ImportLimits are the limits ParseFile applies besides its maxBytes; the
// command line sets them from PRIVACYREGISTER_IMPORT_MAX_* at start.
var ImportLimits = DefaultLimits

// counter counts the rows and cells read, against the limits.
type counter struct{ rows, cells int }

func (c *counter) add(l Limits, cells []string) error {
	c.rows++
	c.cells += width(cells)
	if l.MaxRows > 0 && c.rows > l.MaxRows+1 { // the first row is the header
		return apperr.New(apperr.TooLarge, "The file has more than %d rows.", l.MaxRows)
	}
	if l.MaxCells > 0 && c.cells > l.MaxCells {
		return apperr.New(apperr.TooLarge, "The file has more than %d filled cells.", l.MaxCells)
	}
	return nil
}

// ParseFile reads an uploaded register: .xlsx (Excel), .txt (a document
// with a tab-separated table in it, as the seed policy) or anything else as
// CSV/TSV. It refuses more than maxBytes without reading the rest, and
// more than ImportLimits allow.
func ParseFile(filename string, r io.Reader, maxBytes int64) (*Table, error) {
	l := ImportLimits
	if maxBytes > 0 {
		l.MaxBytes = maxBytes
	}
	return ParseFileWith(filename, r, l)
}

// ParseFileWith is ParseFile with the limits given.
func ParseFileWith(filename string, r io.Reader, l Limits) (*Table, error) {
	maxBytes := l.MaxBytes
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
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".zip" || bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return parseZipped(data, l)
	case ext == ".xls" || bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return nil, apperr.Invalidf("file", "Old Excel files (.xls) are not supported: save the file as .xlsx or CSV.")
	}
	if kind := binaryKind(data); kind != "" {
		return nil, apperr.Invalidf("file", "This is not a spreadsheet or CSV file but %s: save the register as .xlsx or CSV and choose that file.", kind)
	}
	text, enc, damaged := decodeText(data)
	var t *Table
	if ext == ".txt" && strings.Contains(text, "\t") {
		t, err = parseTextBlock(text, l)
	} else {
		t, err = parseCSV(text, l)
	}
	if err != nil {
		return nil, err
	}
	t.Encoding = enc
	if err := t.checkText(damaged); err != nil {
		return nil, err
	}
	t.detectVNG()
	return t, nil
}

// binaryKind is the media type of data when it is not text (a picture,
// a PDF, a file full of control bytes), "" for text. A text file with a
// stray NUL byte is text: checkText names its row and column. Excel's
// UTF-16 text has NUL bytes in every other place, so a file with its BOM
// is text.
func binaryKind(data []byte) string {
	if bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF")) {
		return ""
	}
	kind, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if strings.HasPrefix(kind, "text/") {
		return ""
	}
	if kind != "application/octet-stream" {
		return kind
	}
	sample := data[:min(len(data), 64<<10)]
	control := 0
	for _, b := range sample {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' {
			control++
		}
	}
	if control > 2+len(sample)/100 {
		return kind
	}
	return ""
}

// checkText refuses a table with a NUL byte in a cell, or (damaged) with
// bytes that were not text in the file's encoding, naming each row and
// column (the first twenty).
func (t *Table) checkText(damaged bool) error {
	var l apperr.List
	for _, r := range t.Rows {
		for i, c := range r.Cells {
			col := ""
			if i < len(t.Headers) {
				col = t.Headers[i]
			}
			msg := ""
			switch {
			case strings.IndexByte(c, 0) >= 0:
				msg = textcheck.MsgNUL
			case damaged && strings.ContainsRune(c, utf8.RuneError):
				msg = "The value holds bytes that are not valid text in the file's encoding (UTF-8 or Windows-1252)."
			}
			if msg != "" {
				l = append(l, Issue{Row: r.Num, Column: col, Msg: msg}.Err())
				if len(l) == 20 {
					return l
				}
			}
		}
	}
	for i, h := range t.Headers {
		if strings.IndexByte(h, 0) >= 0 || damaged && strings.ContainsRune(h, utf8.RuneError) {
			l = append(l, apperr.Invalidf(fmt.Sprintf("column %d", i+1), "The column heading holds bytes that are not text."))
		}
	}
	return l.Err()
}

func mb(n int64) int64 { return (n + 1<<20 - 1) >> 20 }

// decodeText detects the encoding: a BOM, else valid UTF-8, else
// Windows-1252 (what Dutch Excel writes for "CSV (gescheiden door
// lijstscheidingsteken)"). A file is read as Windows-1252 only when it has
// no UTF-8 sequence at all: UTF-8 with a few broken bytes is damaged UTF-8,
// not another encoding (reading it as Windows-1252 would garble every
// accented letter silently). damaged reports bytes that are text in neither
// encoding; they are decoded as U+FFFD, and checkText names their cells.
func decodeText(b []byte) (text, enc string, damaged bool) {
	switch {
	case bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")):
		rest := b[3:]
		return strings.ToValidUTF8(string(rest), "\uFFFD"), "utf-8-bom", !utf8.Valid(rest)
	case bytes.HasPrefix(b, []byte("\xFF\xFE")), bytes.HasPrefix(b, []byte("\xFE\xFF")):
		// Excel's "Unicode text" is UTF-16 with a BOM.
		d := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		if s, err := d.Bytes(b); err == nil {
			return string(s), "utf-16", false
		}
	case utf8.Valid(b):
		return string(b), "utf-8", false
	}
	if hasUTF8Sequence(b) {
		return invalidAsRuneError(b), "utf-8", true
	}
	for _, c := range b {
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D: // undefined in Windows-1252
			damaged = true
		}
	}
	s, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	if damaged {
		// x/text maps the undefined bytes to control characters; mark them.
		s = []byte(strings.Map(func(r rune) rune {
			switch r {
			case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
				return utf8.RuneError
			}
			return r
		}, string(s)))
	}
	return string(s), "windows-1252", damaged
}

// hasUTF8Sequence reports whether b holds a valid multi-byte UTF-8
// sequence (Windows-1252 text practically never does).
func hasUTF8Sequence(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError && n > 1 {
			return true
		}
		b = b[n:]
	}
	return false
}

func invalidAsRuneError(b []byte) string {
	return strings.ToValidUTF8(string(b), "\uFFFD")
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

func parseCSV(text string, l Limits) (*Table, error) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sniffSeparator(text)
	cr.FieldsPerRecord = -1
	var records [][]string
	var nums []int
	var count counter
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err, n)
		}
		if width(rec) > 0 {
			if err := count.add(l, rec); err != nil {
				return nil, err
			}
		}
		records = append(records, rec)
		nums = append(nums, n)
	}
	t, err := buildTable(records, nums, nil)
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
