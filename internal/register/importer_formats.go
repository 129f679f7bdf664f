package register

import (
	"strings"

	"privacyregister/internal/apperr"
)

// Layouts the importer recognises from the file itself. Each is turned into
// one table of one row per processing activity, with our own column
// headings (the Fields labels), so the mapping step, the dry run and the
// import treat it like any register spreadsheet.
const (
	LayoutCISO = "ciso-assistant" // CISO Assistant's processing workbook (.xlsx)
	LayoutRDO  = "rdo-register"   // the Dutch government register's JSON-in-ZIP export
	LayoutVNG  = "vng-ibd"        // the VNG/IBD model register for municipalities
)

// parseZipped reads a zip: the government register's export when it holds
// its folders of JSON files, else an Excel workbook. The central directory
// is checked first (entries, unpacked size, ratio) whichever it is.
func parseZipped(data []byte, l Limits) (*Table, error) {
	zr, err := checkZip(data, zipLimitsOf(l))
	if err != nil {
		return nil, err
	}
	if isRDOExport(zr) {
		return parseRDO(zr, l)
	}
	return parseXLSX(data, l)
}

// flat builds the one-row-per-activity table of a recognised layout. Its
// columns are those given, in that order; columns no row fills are left
// out, so the mapping step shows only what the file had.
type flat struct {
	headers []string
	rows    []map[string]string
	nums    []int
	count   counter
	l       Limits
}

func newFlat(l Limits, headers ...string) *flat { return &flat{headers: headers, l: l} }

func (f *flat) add(num int, vals map[string]string) error {
	cells := make([]string, 0, len(vals))
	for _, v := range vals {
		cells = append(cells, v)
	}
	if err := f.count.add(f.l, cells); err != nil {
		return err
	}
	f.rows, f.nums = append(f.rows, vals), append(f.nums, num)
	return nil
}

func (f *flat) table(layout string, sheets []string, notes []Issue) (*Table, error) {
	var used []string
	for _, h := range f.headers {
		for _, r := range f.rows {
			if strings.TrimSpace(r[h]) != "" {
				used = append(used, h)
				break
			}
		}
	}
	recs := [][]string{used}
	nums := []int{0}
	for i, r := range f.rows {
		rec := make([]string, len(used))
		for j, h := range used {
			rec[j] = r[h]
		}
		recs, nums = append(recs, rec), append(nums, f.nums[i])
	}
	t, err := buildTable(recs, nums, nil)
	if err != nil {
		return nil, err
	}
	t.Layout, t.Sheets, t.Notes = layout, sheets, notes
	return t, nil
}

// uniqueLines joins the non-empty values one per line, each once. A value
// is one item of a structured cell: its line breaks and ";" would split
// it, its "|" separate its parts (joinParts made them).
var itemText = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", ";", ",")

func uniqueLines(vals []string) string {
	var out []string
	seen := map[string]bool{}
	for _, v := range vals {
		v = strings.Join(strings.Fields(itemText.Replace(v)), " ")
		if v != "" && !seen[fold(v)] {
			seen[fold(v)] = true
			out = append(out, v)
		}
	}
	return strings.Join(out, "\n")
}

// vngHeaders are column headings of the VNG/IBD model register for
// municipalities that other registers seldom use (folded); see
// detectVNG.
var vngHeaders = map[string]Field{
	"naamverwerkingsactiviteit": FieldName, "verwerkingsdoeleinden": FieldPurposes, "doelvandeverwerking": FieldPurposes,
	"doelverwerking": FieldPurposes, "rechtmatigegrondslag": FieldLawfulBasis, "grondslagverwerking": FieldLawfulBasis,
	"wettelijkegrondslag": FieldLawfulBasis, "categorieenvanbetrokkenen": FieldSubjects, "categoriebetrokkenen": FieldSubjects,
	"categorieenvanpersoonsgegevens": FieldDataCategories, "categoriepersoonsgegevens": FieldDataCategories,
	"categorieenvanontvangers": FieldRecipients, "ketenpartners": FieldRecipients, "ontvangersvandegegevens": FieldRecipients,
	"doorgiftenaarhetbuitenland": FieldTransfers, "doorgiftebuitendeeu": FieldTransfers, "doorgiftenaarderdelanden": FieldTransfers,
	"bewaartermijnen": FieldRetention, "beoogdebewaartermijn": FieldRetention, "voorgenomenbewaartermijn": FieldRetention,
	"technischeenorganisatorischemaatregelen": FieldMeasures, "beveiligingsmaatregelen": FieldMeasures,
	"verwerkersovereenkomstaanwezig": FieldAgreementStatus, "dpiauitgevoerd": FieldDPIA, "dpiavereist": FieldDPIA,
	"dpiaverplicht": FieldDPIA, "verwerkingsverantwoordelijke": FieldOwner, "proceseigenaar": FieldOwner,
	"afdelingteam": FieldDepartment, "bronvandegegevens": FieldExtra, "bijzonderepersoonsgegevensjanee": FieldSpecialData,
	"verwerker": FieldProcessors, "naamverwerker": FieldProcessors, "gemeentelijkproces": FieldName,
}

func init() {
	for h, f := range vngHeaders {
		if _, taken := synonyms[h]; !taken && f != FieldExtra {
			synonyms[h] = f
		}
	}
}

// detectVNG marks a spreadsheet whose headings are those of the VNG/IBD
// model register: three or more of its typical headings.
func (t *Table) detectVNG() {
	n := 0
	for _, h := range t.Headers {
		if _, ok := vngHeaders[fold(h)]; ok {
			n++
		}
	}
	if n >= 3 {
		t.Layout = LayoutVNG
	}
}

// Status values a file uses that the importer does not know are asked in
// the mapping step; the answer travels in the Mapping under
// StatusValueKey(value), beside the columns.
const statusValuePrefix = "status="

// StatusValueKey is the Mapping key for the answer to an unknown status
// value.
func StatusValueKey(v string) string { return statusValuePrefix + fold(v) }

// IsValueKey reports whether a Mapping key is a value answer, not a column.
func IsValueKey(k string) bool { return strings.HasPrefix(k, statusValuePrefix) }

// NormalValueKey is a value answer's key as StatusValueKey writes it, for
// keys given by hand ("status=privacy_archived").
func NormalValueKey(k string) string { return StatusValueKey(strings.TrimPrefix(k, statusValuePrefix)) }

// UnknownStatuses lists the values of the column mapped to the status that
// the importer cannot read, each once, in file order (at most 20).
func UnknownStatuses(t *Table, m Mapping) []string {
	col := -1
	for i, h := range t.Headers {
		if m[h] == FieldStatus {
			col = i
		}
	}
	if col < 0 {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, r := range t.Rows {
		v := r.Cells[col]
		if _, err := parseStatus(v); err == nil || seen[fold(v)] {
			continue
		}
		seen[fold(v)] = true
		if out = append(out, v); len(out) == 20 {
			break
		}
	}
	return out
}

func errNoProcessing() error {
	return apperr.Invalidf("file", "The file holds no processing activities.")
}
