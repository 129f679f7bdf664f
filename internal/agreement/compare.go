package agreement

import (
	"fmt"
	"sort"
	"strings"

	"privacyregister/internal/contract"
)

// Row is one term of two agreements side by side.
type Row struct {
	Term  string `json:"term"`  // the reference's field name
	Label string `json:"label"` // English message id
	Left  string `json:"left"`
	Right string `json:"right"`
	Same  bool   `json:"same"`
}

func intText(v *int) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprint(*v)
}

func eurText(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("EUR %.0f", *v)
}

func strText(v *string) string {
	if v == nil || *v == "" {
		return "—"
	}
	return *v
}

// TermRows lists the terms of one agreement as label/value pairs.
func TermRows(t Terms) [][3]string {
	subs := make([]string, 0, len(t.Subprocessors.Named))
	for _, s := range t.Subprocessors.Named {
		subs = append(subs, s.Name+" ("+strText(s.Country)+")")
	}
	sort.Strings(subs)
	var missing []string
	for _, l := range contract.Art28Letters {
		if !t.Art28[l].Present {
			missing = append(missing, l)
		}
	}
	flags := append([]string(nil), t.Flags...)
	sort.Strings(flags)
	return [][3]string{
		{"law", "Law", t.Law},
		{"breach_notification.hours", "Breach notice to you within", intText(t.BreachNotification.Hours)},
		{"breach_notification.without_delay", "Breach notice without delay", fmt.Sprint(t.BreachNotification.WithoutDelay)},
		{"subprocessor_notification_hours", "Sub-processor notice to processor", intText(t.SubprocessorNotificationHours)},
		{"subprocessors.regime", "Sub-processor regime", t.Subprocessors.Regime},
		{"subprocessors.objection_days", "Objection window", intText(t.Subprocessors.ObjectionDays)},
		{"subprocessors.named", "Sub-processors", strings.Join(subs, ", ")},
		{"data_location", "Data location", t.DataLocation},
		{"audit.right", "Audit right", fmt.Sprint(t.Audit.Right)},
		{"audit.frequency_months", "Audit frequency", intText(t.Audit.FrequencyMonths)},
		{"audit.cost", "Audit costs", t.Audit.Cost},
		{"end_of_contract", "End of contract", t.EndOfContract},
		{"liability_cap_eur", "Liability cap", eurText(t.LiabilityCapEUR)},
		{"penalty_eur", "Penalty", eurText(t.PenaltyEUR)},
		{"governing_law", "Governing law", strText(t.GoverningLaw)},
		{"art28", "Missing art. 28(3) elements", strings.Join(missing, ", ")},
		{"flags", "Flags", strings.Join(flags, ", ")},
	}
}

// Compare puts two agreements' terms side by side, term by term.
func Compare(left, right Terms) []Row {
	l, r := TermRows(left), TermRows(right)
	out := make([]Row, len(l))
	for i := range l {
		out[i] = Row{Term: l[i][0], Label: l[i][1], Left: l[i][2], Right: r[i][2], Same: l[i][2] == r[i][2]}
	}
	return out
}

// Strictest is what a processor must meet across all its controllers'
// agreements: the shortest breach deadline and who must approve a new
// sub-processor.
type Strictest struct {
	BreachHours       *int     `json:"breach_hours"`
	BreachHoursFrom   string   `json:"breach_hours_from"`
	ConsentRequiredBy []string `json:"consent_required_by"` // controllers with specific consent
	ObjectionBy       []string `json:"objection_by"`        // controllers with a right to object
	ShortestObjection *int     `json:"shortest_objection_days"`
	AuditYearly       []string `json:"audit_yearly"`
}

// StrictestTerms computes the strictest terms over agreements in which this
// organisation is the processor; name gives each one's controller.
func StrictestTerms(as []Agreement) Strictest {
	var s Strictest
	for _, a := range as {
		if a.OurRole != RoleProcessor || a.Status == StatusEnded {
			continue
		}
		who := a.PartyName
		if who == "" {
			who = a.Title
		}
		t := a.Terms
		if h := t.BreachNotification.Hours; h != nil && (s.BreachHours == nil || *h < *s.BreachHours) {
			v := *h
			s.BreachHours, s.BreachHoursFrom = &v, who
		}
		switch t.Subprocessors.Regime {
		case contract.RegimeSpecific:
			s.ConsentRequiredBy = append(s.ConsentRequiredBy, who)
		case contract.RegimeGeneralObjection:
			s.ObjectionBy = append(s.ObjectionBy, who)
			if d := t.Subprocessors.ObjectionDays; d != nil && (s.ShortestObjection == nil || *d < *s.ShortestObjection) {
				v := *d
				s.ShortestObjection = &v
			}
		}
		if f := t.Audit.FrequencyMonths; t.Audit.Right && f != nil && *f <= 12 {
			s.AuditYearly = append(s.AuditYearly, who)
		}
	}
	return s
}
