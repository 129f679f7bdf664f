package contract

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"privacyregister/internal/i18n"
)

// art28Names describes the elements of art. 28(3) for the report.
var art28Names = map[string]string{
	"a": "(a) only on documented instructions",
	"b": "(b) confidentiality of authorised persons",
	"c": "(c) security measures (art. 32)",
	"d": "(d) conditions for sub-processors",
	"e": "(e) help with data-subject rights",
	"f": "(f) help with security, breaches, DPIA (arts. 32-36)",
	"g": "(g) delete or return at the end",
	"h": "(h) information and audits",
}

// enumTexts are the readable forms of the enum values.
var enumTexts = map[string]string{
	RegimeSpecific:           "prior specific consent for each sub-processor",
	RegimeGeneralObjection:   "general permission; you are informed and may object",
	RegimeGeneralNoObjection: "general permission without a right to object",
	NotAddressed:             "not addressed",
	LocEEAOnly:               "only inside the EEA",
	LocEUOnly:                "only inside the EU",
	LocEEAOrAdequate:         "inside the EEA or in countries with an adequate level of protection",
	LocOutsideConsent:        "outside the EEA with your consent",
	LocOutsideAllowed:        "outside the EEA allowed without your consent",
	CostController:           "paid by you (the controller)",
	CostProcessor:            "paid by the processor",
	CostDepends:              "depends on the findings",
	CostNotStated:            "not stated",
	EndDelete:                "delete",
	EndReturn:                "return",
	EndControllerChoice:      "delete or return, at your choice",
}

// WriteReport writes a readable report of a in lang ("nl" or "en").
func WriteReport(w io.Writer, a *Analysis, lang string) error {
	bw := bufio.NewWriter(w)
	T := func(msg string, args ...any) string { return i18n.T(lang, msg, args...) }
	line := func(label, value string) { fmt.Fprintf(bw, "  %-34s %s\n", T(label)+":", value) }
	unknown := T("not stated")
	str := func(p *string) string {
		if p == nil {
			return unknown
		}
		return *p
	}
	yes := func(b bool) string {
		if b {
			return T("yes")
		}
		return T("no")
	}

	fmt.Fprintf(bw, "%s\n\n", T("Processor agreement analysis"))
	fmt.Fprintf(bw, "%s\n", T("Terms"))
	line("Processor", str(a.Parties.Processor))
	line("Controller", str(a.Parties.Controller))
	line("Language", a.Language)
	lawText := T("GDPR (AVG)")
	if a.Law == "wbp" {
		lawText = T("Wbp (before 25 May 2018)")
	}
	line("Law", lawText)
	bh := unknown
	if h := a.BreachNotification.Hours; h != nil {
		bh = T("%d hours", *h)
	} else if a.BreachNotification.DeadlineText != nil {
		bh = *a.BreachNotification.DeadlineText
	}
	line("Breach notice to you within", bh)
	line("Breach notice without delay", yes(a.BreachNotification.WithoutDelay))
	sh := unknown
	if h := a.SubprocessorNotificationHours; h != nil {
		sh = T("%d hours", *h)
	}
	line("Sub-processor notice to processor", sh)
	line("Sub-processors", T(enumTexts[a.Subprocessors.Regime]))
	if d := a.Subprocessors.ObjectionDays; d != nil {
		line("Objection window", T("%d days", *d))
	}
	for _, n := range a.Subprocessors.Named {
		loc := ""
		if n.Location != nil {
			loc = " (" + *n.Location + ")"
		}
		fmt.Fprintf(bw, "  %-34s %s%s\n", "", n.Name, loc)
	}
	line("Data location", T(enumTexts[a.DataLocation]))
	line("Audit right", yes(a.Audit.Right))
	freq := unknown
	if f := a.Audit.FrequencyMonths; f != nil {
		freq = T("every %d months", *f)
	}
	line("Audit frequency", freq)
	line("Audit costs", T(enumTexts[a.Audit.Cost]))
	line("End of contract", T(enumTexts[a.EndOfContract]))
	money := func(p *float64) string {
		if p == nil {
			return unknown
		}
		return "EUR " + formatEUR(*p)
	}
	line("Liability cap", money(a.LiabilityCapEUR))
	line("Penalty per breach", money(a.PenaltyEUR))
	line("Governing law", str(a.GoverningLaw))

	fmt.Fprintf(bw, "\n%s\n", T("Article 28(3) GDPR checklist"))
	for _, l := range Art28Letters {
		el := a.Art28[l]
		mark := "[x]"
		if !el.Present {
			mark = "[ ]"
		}
		fmt.Fprintf(bw, "  %s %s\n", mark, T(art28Names[l]))
		if !el.Present {
			fmt.Fprintf(bw, "      %s\n", T("not found in the agreement"))
		}
		for i, e := range el.Evidence {
			if i == 2 {
				break
			}
			fmt.Fprintf(bw, "      %s\n", quoteLine(e))
		}
	}

	fmt.Fprintf(bw, "\n%s\n", T("Warnings"))
	if len(a.Warnings) == 0 {
		fmt.Fprintf(bw, "  %s\n", T("none"))
	}
	for _, wn := range a.Warnings {
		where := ""
		if wn.Clause != nil {
			where = " (" + *wn.Clause + ")"
		}
		fmt.Fprintf(bw, "  ! %s%s\n", T(wn.Message), where)
	}
	for _, f := range a.Unclear {
		fmt.Fprintf(bw, "  ? %s\n", T(UnclearText(f)))
	}
	writeModels(bw, a, T)
	return bw.Flush()
}

// writeModels lists, per model agreement, the items where the agreement
// deviates; points that meet the model are counted, not listed.
func writeModels(bw *bufio.Writer, a *Analysis, T func(string, ...any) string) {
	for _, m := range a.Models {
		fmt.Fprintf(bw, "\n%s\n", T(m.Name))
		meets := 0
		for _, d := range m.Items {
			if d.Status == StatusMeets {
				meets++
				continue
			}
			fmt.Fprintf(bw, "  [%s] %s (%s)\n", T(d.Status), T(d.Requirement), T(d.Source))
			if d.Quote != nil {
				fmt.Fprintf(bw, "      %s\n", quoteLine(*d.Quote))
			}
		}
		fmt.Fprintf(bw, "  %s\n", T("%d of %d points meet the model", meets, len(m.Items)))
		if m.Note != "" {
			fmt.Fprintf(bw, "  %s\n", T(m.Note))
		}
	}
}

func quoteLine(e Evidence) string {
	q := collapseSpaces(e.Quote)
	if r := []rune(q); len(r) > 160 {
		q = string(r[:157]) + "..."
	}
	if e.Clause != nil {
		return *e.Clause + ": \"" + q + "\""
	}
	return "\"" + q + "\""
}

// formatEUR writes 25000 as "25.000" and 5000.5 as "5.000,50".
func formatEUR(v float64) string {
	whole := int64(v)
	s := strconv.FormatInt(whole, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if cents := int64((v-float64(whole))*100 + 0.5); cents > 0 {
		fmt.Fprintf(&b, ",%02d", cents)
	}
	return b.String()
}
