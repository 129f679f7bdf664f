package report

import (
	"strconv"

	"privacyregister/internal/i18n"
	"privacyregister/internal/store"
)

// DPIADoc renders a DPIA in the order of art. 35(7), as the PDF export of
// the DPIA page does, with the risks and measures as tables.
func DPIADoc(lang, orgName string, d *store.DPIA, activity string) *Doc {
	t := func(msg string, args ...any) string { return i18n.T(lang, msg, args...) }
	doc := &Doc{Title: t("Data protection impact assessment") + ": " + d.Title, Subtitle: orgName}
	doc.Section(t("Processing activity"), activity)
	doc.Section(t("Description of the processing"), d.Description)
	doc.Section(t("Purposes"), d.Purposes)
	doc.Section(t("Necessity and proportionality"), d.Necessity)

	doc.H(1, t("Risks and measures"))
	var risks, measures [][]string
	for i, rk := range d.Risks {
		no := strconv.Itoa(i + 1)
		risks = append(risks, []string{no, rk.Description, rk.Likelihood.Name(lang), rk.Impact.Name(lang), rk.Level.Name(lang), rk.ResidualLevel.Name(lang)})
		for _, m := range rk.Measures {
			measures = append(measures, []string{no, m.Description, m.Owner, m.State.Label(lang)})
		}
	}
	if len(risks) == 0 {
		doc.P("")
	}
	doc.T([]string{"#", t("Risk"), t("Likelihood"), t("Impact"), t("Level"), t("Residual risk")}, risks)
	doc.T([]string{t("Risk"), t("Measure"), t("Owner"), t("State")}, measures)

	residual := ""
	if d.ResidualLevel != "" {
		residual = d.ResidualLevel.Name(lang)
	}
	doc.Section(t("Residual risk"), residual)
	if d.PriorConsultation {
		doc.Section(t("Prior consultation of the AP"), t("The residual risk stays high: consult the Autoriteit Persoonsgegevens before the processing starts (art. 36 AVG).")+"\n"+d.ConsultationNote)
	}
	doc.Section(t("Advice of the data protection officer"), d.DPOAdvice)
	decided := d.Decision
	if d.DecidedBy != "" {
		when := ""
		if d.DecidedAt != nil {
			when = " " + Day(*d.DecidedAt)
		}
		decided += "\n" + t("Decided by") + ": " + d.DecidedBy + when
	}
	doc.Section(t("Decision"), decided)
	next := ""
	if d.NextReviewAt != nil {
		next = Day(*d.NextReviewAt)
	}
	doc.Section(t("Next review"), next)
	return doc
}
