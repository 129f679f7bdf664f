package register

import (
	"fmt"
	"regexp"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/csvout"
)

// buildTable turns raw records (the first non-empty one is the header) into
// a Table: it realigns a shifted header, names unnamed columns, makes
// headers unique and drops empty rows. nums are the records' row numbers;
// in keeps one copy of each value (nil: a new one).
func buildTable(records [][]string, nums []int, in interner) (*Table, error) {
	if in == nil {
		in = interner{}
	}
	for i := range records {
		for j, c := range records[i] {
			records[i][j] = in.cell(c)
		}
	}
	h := -1
	for i, r := range records {
		if width(r) > 0 {
			h = i
			break
		}
	}
	if h < 0 {
		return nil, apperr.Invalidf("file", "The file holds no table.")
	}
	header := records[h][:width(records[h])]
	var rows []Row
	cols := len(header)
	for i := h + 1; i < len(records); i++ {
		r := records[i][:width(records[i])]
		if len(r) == 0 {
			continue
		}
		rows = append(rows, Row{Num: nums[i], Cells: r})
		cols = max(cols, len(r))
	}
	if len(rows) == 0 {
		return nil, apperr.Invalidf("file", "The table has a header but no rows.")
	}
	header = realign(header, rows)
	for len(header) < cols {
		header = append(header, "")
	}
	nameColumns(header, rows)
	for i := range rows {
		for len(rows[i].Cells) < len(header) {
			rows[i].Cells = append(rows[i].Cells, "")
		}
	}
	return &Table{Headers: header, Rows: rows}, nil
}

// cleanCell trims spaces, including the no-break spaces Excel leaves, and
// takes off the quote our CSV exports put before a value that a
// spreadsheet would read as a formula (csvout.Cell), so an export reads
// back as it was.
// interner keeps one copy of each short cell value, cleaned: a register
// repeats its departments, bases and yes/no answers on every row, and as
// strings of their own 100,000 rows of them cost tens of MB more while an
// import runs. It stops adding values at maxInterned, so a file of unique
// values does not grow it without end.
type interner map[string]string

const maxInterned = 1 << 16

func (in interner) cell(s string) string {
	s = cleanCell(s)
	if len(s) > 64 {
		return s
	}
	if v, ok := in[s]; ok {
		return v
	}
	if len(in) < maxInterned {
		in[s] = s
	}
	return s
}

func cleanCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte(csvout.FormulaStart, s[1]) >= 0 {
		s = s[1:]
	}
	return strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
}

// width is the length of r without trailing empty cells.
func width(r []string) int {
	n := len(r)
	for n > 0 && r[n-1] == "" {
		n--
	}
	return n
}

// realign handles a header line that starts with fewer empty cells than the
// data rows have leading columns (the seed register: three empty cells
// above five columns). Its named cells belong to the rightmost columns, so
// the header is shifted right until its end meets the widest rows' end.
func realign(header []string, rows []Row) []string {
	if header[0] != "" {
		return header
	}
	widths := map[int]int{}
	for _, r := range rows {
		widths[len(r.Cells)]++
	}
	common := 0 // the most frequent row width
	for w, n := range widths {
		if n > widths[common] || (n == widths[common] && w > common) {
			common = w
		}
	}
	if shift := common - len(header); shift > 0 {
		header = append(make([]string, shift), header...)
	}
	return header
}

var (
	intRE  = regexp.MustCompile(`^\d{1,4}$`)
	deptRE = regexp.MustCompile(`^\d{1,3}\s+\S`)
)

// nameColumns gives unnamed columns a name: for the leading columns of a
// register (category, intern/extern, department, number, processing) a
// guess from their content, else "Column C" by spreadsheet letter; and makes
// every header unique so a Mapping can be keyed by header.
func nameColumns(header []string, rows []Row) {
	var ints []int
	nameDone := false
	for c := range header {
		if header[c] != "" {
			f, _ := synonymOf(header[c])
			nameDone = nameDone || f == FieldName
			continue
		}
		vals := columnValues(rows, c)
		switch {
		case all(vals, func(v string) bool { f := fold(v); return f == "intern" || f == "extern" }):
			header[c] = "Intern/Extern"
		case all(vals, deptRE.MatchString):
			header[c] = "Afdeling"
		case all(vals, intRE.MatchString):
			ints = append(ints, c)
		case !nameDone && distinct(vals) > len(vals)*3/4:
			header[c] = "Verwerking"
			nameDone = true
		}
	}
	// The last integer column before the name is the number within the
	// department; earlier ones are categories.
	for i, c := range ints {
		if i == len(ints)-1 {
			header[c] = "Nr"
		} else {
			header[c] = "Categorie"
		}
	}
	seen := map[string]int{}
	for c := range header {
		if header[c] == "" {
			header[c] = "Column " + colLetter(c)
		}
		k := strings.ToLower(header[c])
		if seen[k]++; seen[k] > 1 {
			header[c] = fmt.Sprintf("%s (%d)", header[c], seen[k])
		}
	}
}

func columnValues(rows []Row, c int) []string {
	var v []string
	for _, r := range rows {
		if c < len(r.Cells) && r.Cells[c] != "" {
			v = append(v, r.Cells[c])
		}
	}
	return v
}

func all(vals []string, ok func(string) bool) bool {
	for _, v := range vals {
		if !ok(v) {
			return false
		}
	}
	return len(vals) > 0
}

func distinct(vals []string) int {
	m := map[string]bool{}
	for _, v := range vals {
		m[v] = true
	}
	return len(m)
}

// colLetter is the spreadsheet name of column index c (0 -> A, 26 -> AA).
func colLetter(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// parseTextBlock finds the register in a text document: of the blocks of
// consecutive tab-separated lines, the one whose header names the most
// register columns (ties: the larger block). Row numbers are line numbers.
func parseTextBlock(text string, l Limits) (*Table, error) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	type block struct{ start, end, score int }
	var best block
	for i := 0; i < len(lines); {
		if !strings.Contains(lines[i], "\t") {
			i++
			continue
		}
		j := i
		for j < len(lines) && strings.Contains(lines[j], "\t") {
			j++
		}
		score := 0
		for _, h := range strings.Split(lines[i], "\t") {
			if f, ok := synonymOf(h); ok && f != FieldIgnore {
				score++
			}
		}
		score = score*1_000_000 + (j-i)*len(strings.Split(lines[i], "\t"))
		if j-i >= 2 && score > best.score {
			best = block{i, j, score}
		}
		i = j
	}
	if best.end == 0 {
		return nil, apperr.Invalidf("file", "No tab-separated table found in the text.")
	}
	var recs [][]string
	var nums []int
	var count counter
	for i := best.start; i < best.end; i++ {
		rec := strings.Split(lines[i], "\t")
		if err := count.add(l, rec); err != nil {
			return nil, err
		}
		recs = append(recs, rec)
		nums = append(nums, i+1)
	}
	t, err := buildTable(recs, nums, nil)
	if err != nil {
		return nil, err
	}
	t.Format = "text"
	return t, nil
}
