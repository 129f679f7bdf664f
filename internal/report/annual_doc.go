package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/deadline"
	"privacyregister/internal/i18n"
	"privacyregister/internal/incident"
	"privacyregister/internal/request"
)

// conclusionLabels are the message ids of a review's conclusions, as the
// agreements pages name them.
var conclusionLabels = map[string]string{"ok": "in order", "renegotiate": "renegotiate", "terminate": "terminate"}

// ConclusionLabel names a review conclusion in lang.
func ConclusionLabel(lang, c string) string {
	if l, ok := conclusionLabels[c]; ok {
		return i18n.T(lang, l)
	}
	return c
}

// Day formats a date the Dutch way, in Amsterdam.
func Day(t time.Time) string { return t.In(deadline.Amsterdam).Format("02-01-2006") }

// Doc renders the annual report section for orgName in lang.
func (a *Annual) Doc(lang, orgName string) *Doc {
	t := func(msg string, args ...any) string { return i18n.T(lang, msg, args...) }
	n := strconv.Itoa
	d := &Doc{Title: t("Privacy in %d", a.Year), Subtitle: orgName + " - " + t("section of the annual report")}

	d.H(1, t("Incidents and data breaches"))
	o := a.Incidents
	d.P(t("Incidents registered: %d, of which personal data breaches: %d.", o.Incidents, o.Breaches) + "\n" +
		t("Notified to the Autoriteit Persoonsgegevens: %d, of which after 72 hours: %d.", o.NotifiedAP, o.NotifiedLate) + "\n" +
		t("Data subjects informed: %d.", o.InformedSubject))
	if o.NotifiedAP > 0 {
		d.P(t("Average time from awareness to notification: %.0f hours.", o.AverageHoursToAP))
	}
	var rows [][]string
	for _, c := range a.Cases {
		notified := "-"
		if c.NotifiedAP != nil {
			notified = Day(*c.NotifiedAP)
		}
		// A case still being qualified has no outcome yet; say so rather
		// than leave the board guessing.
		outcome := t("not decided yet")
		if c.Outcome != "" {
			outcome = incident.Label(lang, c.Outcome)
		}
		rows = append(rows, []string{c.Dossier, c.Title, Day(c.DiscoveredAt), outcome, notified})
	}
	d.T([]string{t("Dossier"), t("Title"), t("Discovered"), t("Outcome"), t("Notified to the AP")}, rows)

	d.H(1, t("Requests of data subjects"))
	r := a.Requests
	d.P(t("Requests received: %d. Answered: %d; refused: %d; partially refused: %d; still open: %d.", r.Received, r.Answered, r.Refused, r.PartiallyRefused, r.Open) + "\n" +
		t("Deadline extended: %d; answered late or overdue: %d.", r.Extended, r.Late))
	rows = nil
	for _, right := range []request.Right{request.Access, request.Rectification, request.Erasure, request.Restriction, request.Portability, request.Objection, request.AutomatedDecisions} {
		if r.ByRight[right] > 0 {
			rows = append(rows, []string{request.Label(lang, right), n(r.ByRight[right])})
		}
	}
	d.T([]string{t("Right exercised"), t("Requests")}, rows)

	d.H(1, t("Review of the processor agreements"))
	d.P(t("Signed agreements: %d. Reviews this year: %d (in order: %d; renegotiate: %d; terminate: %d).",
		a.SignedAgreements, len(a.Reviews), a.ReviewsBy["ok"], a.ReviewsBy["renegotiate"], a.ReviewsBy["terminate"]))
	rows = nil
	for _, rv := range a.Reviews {
		rows = append(rows, []string{Day(rv.Date), rv.Agreement, rv.Reviewer, ConclusionLabel(lang, rv.Conclusion), rv.Note})
	}
	d.T([]string{t("Date"), t("Agreement"), t("Reviewer"), t("Conclusion"), t("Note")}, rows)
	if len(a.NotReviewed) > 0 {
		d.P(t("Not reviewed this year: %s.", strings.Join(a.NotReviewed, ", ")))
	}

	d.H(1, t("Data protection impact assessments"))
	d.P(t("DPIAs decided this year: %d; DPIAs still in draft: %d.", len(a.DPIAs), a.DPIADrafts))
	rows = nil
	for _, x := range a.DPIAs {
		residual := "-"
		if x.ResidualLevel != "" {
			residual = x.ResidualLevel.Name(lang)
		}
		prior := t("no")
		if x.PriorConsultation {
			prior = t("yes")
		}
		rows = append(rows, []string{x.Title, Day(x.DecidedAt), x.DecidedBy, residual, prior})
	}
	d.T([]string{t("DPIA"), t("Decided"), t("Decided by"), t("Residual risk"), t("Prior consultation of the AP")}, rows)

	d.H(1, t("Register of processing activities"))
	d.P(t("Processing activities in the register: %d; of which last reviewed this year: %d.", a.Activities, a.ActivitiesReviewed))
	return d
}

// DocName is the file name of the year's report without extension.
func (a *Annual) DocName() string { return fmt.Sprintf("jaarverslag-privacy-%d", a.Year) }
