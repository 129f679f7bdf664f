package register

import (
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"privacyregister/internal/csvout"
	"privacyregister/internal/i18n"
)

// WriteXLSX writes the register as a workbook: sheet "Register" with one
// row per activity and every field (re-importable), sheets for the linked
// lists (purposes, data categories with retention, processors, transfers,
// measures) and one with the organisation. Rows are streamed, so 10,000
// activities take seconds, not minutes.
func WriteXLSX(w io.Writer, org OrgInfo, acts []Activity, refs Refs, lang string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Register"); err != nil {
		return err
	}
	cols := registerColumns(lang, acts, refs)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.head
	}
	if err := stream(f, "Register", head, len(acts), func(i int) []string {
		row := make([]string, len(cols))
		for j, c := range cols {
			row[j] = c.cell(&acts[i])
		}
		return row
	}); err != nil {
		return err
	}
	for _, s := range linkedSheets(lang, acts, refs) {
		if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		if err := stream(f, s.name, s.head, len(s.rows), func(i int) []string { return s.rows[i] }); err != nil {
			return err
		}
	}
	orgSheet := i18n.T(lang, "Organisation")
	if _, err := f.NewSheet(orgSheet); err != nil {
		return err
	}
	orgRows := orgLines(org, lang)
	if err := stream(f, orgSheet, nil, len(orgRows), func(i int) []string { return orgRows[i] }); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

func stream(f *excelize.File, sheet string, head []string, n int, row func(i int) []string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	r := 1
	put := func(cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		r++
		return sw.SetRow(cell, vals)
	}
	if head != nil {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		if err := put(head); err != nil {
			return err
		}
	}
	for i := range n {
		if err := put(row(i)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

type sheet struct {
	name string
	head []string
	rows [][]string
}

// linkedSheets lay out the lists of each activity one item per row, keyed
// by number and name, for filtering in Excel.
func linkedSheets(lang string, acts []Activity, refs Refs) []sheet {
	t := func(s string) string { return i18n.T(lang, s) }
	key := []string{t("Number"), t("Processing activity")}
	h := func(more ...string) []string {
		out := append([]string(nil), key...)
		for _, m := range more {
			out = append(out, t(m))
		}
		return out
	}
	purposes := sheet{t("Purposes"), h("Purpose", "Lawful basis (art. 6(1))", "Exception (art. 9(2))"), nil}
	data := sheet{t("Personal data"), h("Category", "Kind", "Retention period", "Amount", "Unit", "Starts at"), nil}
	procs := sheet{t("Processors"), h("Processor", "Agreement status", "Processor agreement with", "Note", "Agreement"), nil}
	transfers := sheet{t("Transfers"), h("Country", "Class", "Safeguard"), nil}
	used := map[int64][]string{}
	for i := range acts {
		a := &acts[i]
		k := []string{a.Code, a.Name}
		row := func(more ...string) []string { return append(append([]string(nil), k...), more...) }
		for _, p := range a.Purposes {
			purposes.rows = append(purposes.rows, row(p.Description, string(p.LawfulBasis), string(p.SpecialException)))
		}
		for _, d := range a.DataCategories {
			data.rows = append(data.rows, row(d.Name, labelOf(kindLabels, d.Kind, lang), d.Retention.Format(lang),
				amount(d.Retention.Amount), t(string(d.Retention.Unit)), d.Retention.StartEvent))
		}
		for _, p := range a.Processors {
			procs.rows = append(procs.rows, row(p.Name, labelOf(agreementLabels, p.AgreementStatus, lang), p.AgreementWith, p.Note, refs.agreementCell(p.AgreementID)))
		}
		for _, tr := range a.Transfers {
			transfers.rows = append(transfers.rows, row(tr.Country, t(string(tr.Class)), tr.Safeguard))
		}
		for _, id := range a.MeasureIDs {
			used[id] = append(used[id], a.Code+" "+a.Name)
		}
	}
	ms := sheet{t("Security measures"), []string{t("Measure"), t("Kind"), t("Description"), t("Used by")}, nil}
	for _, m := range refs.Measures {
		ms.rows = append(ms.rows, []string{m.Name, labelOf(measureKindLabels, m.Kind, lang), m.Description, joinLines(used[m.ID])})
	}
	return []sheet{purposes, data, procs, transfers, ms}
}

func amount(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func orgLines(org OrgInfo, lang string) [][]string {
	t := func(s string) string { return i18n.T(lang, s) }
	return [][]string{
		{t("Register of processing activities")},
		{t("Organisation"), org.Name},
		{t("Address"), org.Address},
		{t("Chamber of Commerce number"), org.KvK},
		{t("Role"), t(org.Role)},
		{t("Data protection officer"), org.DPOName},
		{t("E-mail"), org.DPOEmail},
		{t("Phone"), org.DPOPhone},
		{t("Exported on"), now().UTC().Format("2006-01-02 15:04 MST")},
	}
}

// WriteCSV writes the Register sheet as CSV. Dutch ("nl") gets what Dutch
// Excel opens directly: ";" separators and a UTF-8 byte-order mark; English
// gets plain comma-separated UTF-8.
func WriteCSV(w io.Writer, acts []Activity, refs Refs, lang string) error {
	o := csvout.Options{Comma: ','}
	if lang == "nl" {
		o = csvout.Options{Comma: ';', BOM: true}
	}
	cw := csvout.NewWriter(w, o)
	cols := registerColumns(lang, acts, refs)
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.head
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for i := range acts {
		for j, c := range cols {
			rec[j] = c.cell(&acts[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Error()
}

// Export is the JSON export document.
type Export struct {
	Organisation OrgInfo    `json:"organisation"`
	ExportedAt   time.Time  `json:"exported_at"`
	Activities   []Activity `json:"activities"`
	Measures     []Measure  `json:"measures"`
}

// WriteJSON writes the whole register as one JSON document.
func WriteJSON(w io.Writer, org OrgInfo, acts []Activity, measures []Measure) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(Export{Organisation: org, ExportedAt: now().UTC(), Activities: acts, Measures: measures})
}
