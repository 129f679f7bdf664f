package register

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/go-pdf/fpdf"

	"privacyregister/internal/i18n"
)

// pdfCompress is off in tests that search the raw PDF for text.
var pdfCompress = true

// WritePDF writes the register as a landscape A4 document to hand to the
// Autoriteit Persoonsgegevens on request (art. 30(4)): the controller and
// its DPO, then every activity with the fields of art. 30(1), the export
// date and page numbers. The core fonts speak Windows-1252, which covers
// Dutch (é, ë, ï, ĳ as "ij"); text is translated to it.
func WritePDF(w io.Writer, org OrgInfo, acts []Activity, measures []Measure, lang string) error {
	t := func(s string, args ...any) string { return i18n.T(lang, s, args...) }
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetCompression(pdfCompress)
	tr := pdf.UnicodeTranslatorFromDescriptor("cp1252")
	title := t("Register of processing activities")
	pdf.SetTitle(title, true)
	pdf.SetAuthor(org.Name, true)
	pdf.SetCreator("privacyregister", true)
	pdf.AliasNbPages("{nb}")
	exported := now().Format("2006-01-02")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 5, tr(org.Name+" - "+title+" - "+t("exported on %s", exported)), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, tr(t("page %d of %s", pdf.PageNo(), "{nb}")), "", 0, "R", false, 0, "")
	})
	pdf.SetAutoPageBreak(true, 15)
	pdf.AddPage()

	pdf.SetFont("Helvetica", "B", 16)
	pdf.CellFormat(0, 10, tr(title), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	for _, l := range orgLines(org, lang)[1:] {
		if strings.TrimSpace(l[1]) == "" {
			continue
		}
		pdf.CellFormat(70, 5, tr(l[0]), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, tr(l[1]), "", 1, "L", false, 0, "")
	}
	pdf.Ln(2)
	pdf.SetFont("Helvetica", "I", 9)
	pdf.MultiCell(0, 4.5, tr(t("%d processing activities. The letters refer to art. 30(1) AVG (GDPR).", len(acts))), "", "L", false)
	pdf.Ln(3)

	byID := map[int64]Measure{}
	for _, m := range measures {
		byID[m.ID] = m
	}
	const labelW = 75.0
	left, _, right, _ := pdf.GetMargins()
	pageW, _ := pdf.GetPageSize()
	valueW := pageW - left - right - labelW
	for i := range acts {
		a := &acts[i]
		rows := pdfRows(a, byID, lang)
		// keep the heading with at least its first lines
		if pdf.GetY()+25 > 210-15 {
			pdf.AddPage()
		}
		pdf.SetFont("Helvetica", "B", 11)
		pdf.SetFillColor(225, 232, 240)
		head := strings.TrimSpace(a.Code + "  " + a.Name)
		pdf.CellFormat(0, 7, tr(head), "", 1, "L", true, 0, "")
		pdf.SetFont("Helvetica", "", 9)
		for _, r := range rows {
			val := tr(r[1])
			lines := pdf.SplitLines([]byte(val), valueW)
			h := 4.5 * float64(max(len(lines), 1))
			if pdf.GetY()+h > 210-15 {
				pdf.AddPage()
			}
			y := pdf.GetY()
			pdf.SetFont("Helvetica", "B", 9)
			pdf.MultiCell(labelW, 4.5, tr(r[0]), "", "L", false)
			pdf.SetFont("Helvetica", "", 9)
			pdf.SetXY(left+labelW, y)
			pdf.MultiCell(valueW, 4.5, val, "", "L", false)
			pdf.SetY(max(pdf.GetY(), y+4.5))
		}
		pdf.Ln(3)
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// pdfRows are the label/value lines of one activity, art. 30(1) first.
func pdfRows(a *Activity, measures map[int64]Measure, lang string) [][2]string {
	t := func(s string, args ...any) string { return i18n.T(lang, s, args...) }
	var rows [][2]string
	add := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			rows = append(rows, [2]string{t(label), value})
		}
	}
	var purposes []string
	for _, p := range a.Purposes {
		s := p.Description
		var refs []string
		if p.LawfulBasis != "" {
			refs = append(refs, t("art. 6(1)(%s)", p.LawfulBasis)+" "+t(basisName[p.LawfulBasis]))
		}
		if p.SpecialException != "" {
			refs = append(refs, t("art. 9(2)(%s)", p.SpecialException))
		}
		if len(refs) > 0 {
			s += " (" + strings.Join(refs, "; ") + ")"
		}
		purposes = append(purposes, s)
	}
	var data []string
	for _, d := range a.DataCategories {
		s := d.Name
		if d.Kind != "" && d.Kind != KindOrdinary {
			s += " [" + labelOf(kindLabels, d.Kind, lang) + "]"
		}
		if r := d.Retention.Format(lang); r != "" {
			s += ": " + t("retention") + " " + r
		}
		data = append(data, s)
	}
	var procs []string
	for _, p := range a.Processors {
		s := p.Name
		if p.AgreementStatus != "" {
			s += " (" + t("processor agreement") + ": " + labelOf(agreementLabels, p.AgreementStatus, lang) + ")"
		}
		if p.Note != "" {
			s += " - " + p.Note
		}
		procs = append(procs, s)
	}
	var transfers []string
	for _, tr := range a.Transfers {
		transfers = append(transfers, fmt.Sprintf("%s (%s): %s", tr.Country, t(string(tr.Class)), tr.Safeguard))
	}
	var ms []string
	for _, id := range a.MeasureIDs {
		if m, ok := measures[id]; ok {
			ms = append(ms, m.Name)
		}
	}
	var joint []string
	for _, j := range a.JointControllers {
		joint = append(joint, strings.TrimSpace(j.Name+" "+j.Arrangement))
	}
	add("(a) Joint controllers", strings.Join(joint, "; "))
	add("(b) Purposes and lawful basis", strings.Join(purposes, "\n"))
	add("(c) Categories of data subjects", strings.Join(a.SubjectCategories, ", "))
	add("(c) Categories of personal data", strings.Join(data, "\n"))
	add("(d) Recipients", strings.Join(a.Recipients, ", "))
	add("(d) Processors", strings.Join(procs, "\n"))
	inEU := ""
	if a.InEU != "" {
		inEU = t("In the EU") + ": " + answerCell(a.InEU, lang)
	}
	add("(e) Transfers outside the EEA", firstNonEmpty(strings.Join(transfers, "\n"), inEU))
	add("(f) Retention period", a.Retention.Format(lang))
	add("Clean-up moment", a.CleanupMoment)
	add("(g) Security measures", strings.Join(ms, ", "))
	add("Description", a.Description)
	add("Department", strings.TrimSpace(a.Domain+" "+a.Department))
	add("Owner", a.Owner)
	add("Contact person", a.Contact)
	add("Systems", strings.Join(a.Systems, ", "))
	add("Status", labelOf(statusLabels, a.Status, lang))
	add("Risk analysis done", boolPtrCell(a.RiskAnalysisDone, lang))
	add("DPIA needed", strings.TrimSpace(labelOf(dpiaLabels, a.DPIANeeded, lang)+" "+a.DPIARef))
	add("Consent records", a.ConsentRecords)
	add("Opt-in mail", answerCell(a.OptInMail, lang))
	add("Last reviewed", strings.TrimSpace(formatDate(a.LastReviewedAt)+" "+a.LastReviewedBy))
	add("Next review", formatDate(a.NextReviewAt))
	keys := make([]string, 0, len(a.Extra))
	for k := range a.Extra {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		rows = append(rows, [2]string{k, a.Extra[k]})
	}
	return rows
}

var basisName = map[LawfulBasis]string{
	"a": "consent", "b": "contract", "c": "legal obligation",
	"d": "vital interests", "e": "public task", "f": "legitimate interests",
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
