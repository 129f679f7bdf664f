package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"privacyregister/internal/apperr"
	"privacyregister/internal/csvout"
	"privacyregister/internal/deadline"
	"privacyregister/internal/i18n"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// The breach register's exports (art. 33(5) documentation), for the web
// download and the command line alike.

// incidentColumns are the register's columns in the exports: the art.
// 33(5) documentation (facts, effects, remedial action) and the deadlines.
var incidentColumns = []string{"Dossier", "Title", "Discovered", "Aware", "AP deadline", "Notified to the AP", "AP reference", "Late reason",
	"Outcome", "Decision reasons", "Role", "Other organisation", "Nature", "Personal data", "People (min-max)", "Consequences", "Measures",
	"People concerned informed", "Closed"}

func incExportTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(deadline.Amsterdam).Format("2006-01-02 15:04")
}

// incidentCells is one case as export cells.
func incidentCells(lang string, i *store.Incident) []string {
	labels := func(vs []string) string { return strings.Join(vs, "; ") }
	var natures, data, cons, measures []string
	for _, n := range i.Natures {
		natures = append(natures, incident.Label(lang, n))
	}
	for _, d := range i.DataTypes {
		data = append(data, incident.Label(lang, d))
	}
	for _, c := range i.Consequences {
		cons = append(cons, incident.Label(lang, c))
	}
	for _, m := range i.Measures {
		measures = append(measures, incident.Label(lang, m.Kind)+": "+m.Description)
	}
	outcome := ""
	if i.Outcome != "" {
		outcome = incident.Label(lang, i.Outcome)
	}
	informed := ""
	if i.SubjectsInformed != "" {
		informed = incident.Label(lang, i.SubjectsInformed)
	}
	return []string{i.Dossier, i.Title, incExportTime(&i.DiscoveredAt), incExportTime(i.AwareAt), incExportTime(i.APDue()), incExportTime(i.NotifiedAuthorityAt),
		i.AuthorityReference, i.LateReason, outcome, decisionSummary(lang, i), incident.Label(lang, i.Role), i.OtherOrganisation, labels(natures),
		labels(data), fmt.Sprintf("%d-%d", i.People.Min, i.People.Max), labels(cons), labels(measures), informed, incExportTime(i.ClosedAt)}
}

func incHeaders(lang string) []string {
	out := make([]string, len(incidentColumns))
	for k, h := range incidentColumns {
		out[k] = i18n.T(lang, h)
	}
	return out
}

// WriteIncidentsCSV writes the register as CSV (UTF-8, comma).
func WriteIncidentsCSV(w io.Writer, lang string, list []store.Incident) error {
	cw := csvout.NewWriter(w, csvout.Options{Comma: ','})
	if err := cw.Write(incHeaders(lang)); err != nil {
		return err
	}
	for k := range list {
		if err := cw.Write(incidentCells(lang, &list[k])); err != nil {
			return err
		}
	}
	return cw.Error()
}

// WriteIncidentsJSON writes the whole cases as JSON.
func WriteIncidentsJSON(w io.Writer, list []store.Incident) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if list == nil {
		list = []store.Incident{}
	}
	return enc.Encode(list)
}

// WriteIncidentsXLSX writes the register as one sheet.
func WriteIncidentsXLSX(w io.Writer, lang string, list []store.Incident) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := i18n.T(lang, "Breach register")
	if len(sheet) > 31 {
		sheet = sheet[:31]
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	put := func(row int, cells []string) error {
		vals := make([]any, len(cells))
		for k, c := range cells {
			vals[k] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return f.SetSheetRow(sheet, cell, &vals)
	}
	if err := put(1, incHeaders(lang)); err != nil {
		return err
	}
	for k := range list {
		if err := put(k+2, incidentCells(lang, &list[k])); err != nil {
			return err
		}
	}
	_ = f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	return f.Write(w)
}

// WriteIncidentsPDF writes the register as art. 33(5) documentation for
// the AP: one block per case.
func WriteIncidentsPDF(w io.Writer, lang string, o *org.Organisation, list []store.Incident) error {
	var b strings.Builder
	hs := incHeaders(lang)
	for k := range list {
		cells := incidentCells(lang, &list[k])
		for n, v := range cells {
			if v != "" {
				b.WriteString(hs[n] + ": " + v + "\n")
			}
		}
		b.WriteString("\n")
	}
	if len(list) == 0 {
		b.WriteString(i18n.T(lang, "The register has no cases.") + "\n")
	}
	return WriteTextPDF(w, o.Name, i18n.T(lang, "Breach register")+" (art. 33(5) AVG)", b.String())
}

// WriteTextPDF writes a plain text as an A4 PDF with a title. The core
// fonts speak Windows-1252, which covers Dutch.
func WriteTextPDF(w io.Writer, orgName, title, text string) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("cp1252")
	pdf.SetTitle(title, true)
	pdf.SetAuthor(orgName, true)
	pdf.SetCreator("privacyregister", true)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 5, tr(orgName+" - "+title), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, strconv.Itoa(pdf.PageNo())+"/{nb}", "", 0, "R", false, 0, "")
	})
	pdf.SetAutoPageBreak(true, 15)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 14)
	pdf.MultiCell(0, 7, tr(title), "", "L", false)
	pdf.Ln(2)
	pdf.SetFont("Helvetica", "", 10)
	pdf.MultiCell(0, 5, tr(text), "", "L", false)
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// WriteIncidents writes the register in format (json, csv, xlsx, pdf).
func WriteIncidents(w io.Writer, format, lang string, o *org.Organisation, list []store.Incident) error {
	switch format {
	case "json":
		return WriteIncidentsJSON(w, list)
	case "csv":
		return WriteIncidentsCSV(w, lang, list)
	case "xlsx":
		return WriteIncidentsXLSX(w, lang, list)
	case "pdf":
		return WriteIncidentsPDF(w, lang, o, list)
	}
	return apperr.Invalidf("format", "Unknown format %q: use json, csv, xlsx or pdf.", format)
}

// decisionSummary is the recorded decision in words, for exports.
func decisionSummary(lang string, i *store.Incident) string {
	if i.Decision == nil {
		return ""
	}
	parts := i.Decision.Proposed.Texts(lang)
	if i.Decision.OverrideReason != "" {
		parts = append(parts, i.Decision.OverrideReason)
	}
	return strings.Join(parts, " ")
}
