package web

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/contract"
)

// agFmt formats values for the agreement templates (form values need
// yyyy-mm-dd dates and empty strings for "not stated").
type agFmt struct{}

func (agFmt) ISO(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(Amsterdam).Format("2006-01-02")
}

func (agFmt) Int(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}

func (agFmt) Num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func (agFmt) Str(v *string) string {
	if v == nil {
		return ""
	}
	return *v
}

func (agFmt) List(v []string) string { return strings.Join(v, "; ") }

func (agFmt) Flag(t agreement.Terms, f string) bool { return t.HasFlag(f) }

func (agFmt) El(t agreement.Terms, l string) contract.Element { return t.Art28[l] }

// Clause and Quote are the first evidence of an element.
func (agFmt) Clause(e contract.Element) string {
	if len(e.Evidence) > 0 && e.Evidence[0].Clause != nil {
		return *e.Evidence[0].Clause
	}
	return ""
}

func (agFmt) Quote(e contract.Element) string {
	if len(e.Evidence) > 0 {
		return e.Evidence[0].Quote
	}
	return ""
}

func (agFmt) Idx(i int) string { return strconv.Itoa(i) }

// Is reports whether an optional id is id.
func (agFmt) Is(p *int64, id int64) bool { return p != nil && *p == id }

// agLabels are the message ids of enum values.
var agLabels = map[string]string{
	"controller": "controller", "processor": "processor", "joint_controller": "joint controller",
	"subprocessor":           "sub-processor",
	"verwerkersovereenkomst": "processor agreement (verwerkersovereenkomst)", "bewerkersovereenkomst": "Wbp-era agreement (bewerkersovereenkomst)",
	"covenant_model": "model of the education covenant", "scc": "standard contractual clauses", "joint_arrangement": "arrangement between joint controllers", "other": "other",
	"none": "none", "draft_sent": "draft sent", "negotiating": "in negotiation", "signed": "signed", "ended": "ended", "not_needed": "not needed",
	contract.RegimeSpecific: "specific prior consent", contract.RegimeGeneralObjection: "general consent, right to object",
	contract.RegimeGeneralNoObjection: "general consent, no right to object", contract.NotAddressed: "not addressed",
	contract.LocEEAOnly: "inside the EEA only", contract.LocEUOnly: "inside the EU only", contract.LocEEAOrAdequate: "EEA or adequate countries",
	contract.LocOutsideConsent: "outside the EEA with consent", contract.LocOutsideAllowed: "outside the EEA allowed",
	contract.EndDelete: "delete", contract.EndReturn: "return", contract.EndControllerChoice: "delete or return, at the controller's choice",
	"account_manager": "account manager", "dpo": "data protection officer", "breach": "breach contact",
	"eea": "EEA", "adequate": "adequate country", "third": "third country",
	"accept": "accept", "object": "object", "terminate": "terminate", "ok": "in order", "renegotiate": "renegotiate",
	"avg": "GDPR (AVG)", "wbp": "Wbp (before 25 May 2018)", "nl": "Dutch", "en": "English",
}

// agCostLabels name who pays an audit ("controller" is also a role).
var agCostLabels = map[string]string{contract.CostController: "the controller pays", contract.CostProcessor: "the processor pays",
	contract.CostDepends: "depends on the outcome", contract.CostNotStated: "not stated"}

// Label is the message id of an enum value; Cost of an audit cost value.
func (agFmt) Label(v any) string { return agLabel(fmt.Sprint(v)) }
func (agFmt) Cost(v string) string {
	if l, ok := agCostLabels[v]; ok {
		return l
	}
	return v
}
func (agFmt) Art28Label(l string) string { return art28Labels[l] }

// agLabel returns the message id of an enum value (the value itself when unknown).
func agLabel(v string) string {
	if l, ok := agLabels[v]; ok {
		return l
	}
	return v
}

// art28Labels name the elements of art. 28(3).
var art28Labels = map[string]string{
	"a": "(a) only on documented instructions",
	"b": "(b) confidentiality of authorised persons",
	"c": "(c) security measures (art. 32)",
	"d": "(d) conditions for sub-processors",
	"e": "(e) assistance with data-subject rights",
	"f": "(f) assistance with arts. 32-36",
	"g": "(g) delete or return at the end",
	"h": "(h) information and audits",
}

type agWarning struct {
	Code, Text, Clause string
}

func agWarnings(c *Ctx, ws []agreement.Warning) []agWarning {
	out := make([]agWarning, len(ws))
	for i, w := range ws {
		out[i] = agWarning{Code: w.Code, Text: c.T(w.Msg, w.Args...), Clause: w.Clause}
	}
	return out
}

// agSegment is a piece of agreement text, marked when evidence quotes it.
type agSegment struct {
	Text  string
	Mark  bool
	Label string
	ID    string
}

type agSpan struct {
	start, end int
	label      string
}

// agHighlight cuts text at the evidence offsets (code points) of an
// analysis, so the template can wrap quoted passages in <mark> while
// html/template escapes every piece.
func agHighlight(text string, a *contract.Analysis) []agSegment {
	runes := []rune(text)
	var spans []agSpan
	addEv := func(label string, evs []contract.Evidence) {
		for _, e := range evs {
			if e.Start >= 0 && e.End > e.Start && e.End <= len(runes) {
				spans = append(spans, agSpan{e.Start, e.End, label})
			}
		}
	}
	addEv("breach_notification", a.BreachNotification.Evidence)
	addEv("subprocessors", a.Subprocessors.Evidence)
	addEv("audit", a.Audit.Evidence)
	addEv("subprocessor_notification_hours", a.SubprocessorEvidence)
	for _, l := range contract.Art28Letters {
		addEv("art28."+l, a.Art28[l].Evidence)
	}
	keys := make([]string, 0, len(a.Evidence))
	for k := range a.Evidence {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		addEv(k, a.Evidence[k])
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	// Merge overlaps so marks never nest.
	var merged []agSpan
	for _, s := range spans {
		if n := len(merged); n > 0 && s.start < merged[n-1].end {
			if s.end > merged[n-1].end {
				merged[n-1].end = s.end
			}
			if !strings.Contains(merged[n-1].label, s.label) {
				merged[n-1].label += ", " + s.label
			}
			continue
		}
		merged = append(merged, s)
	}
	var out []agSegment
	pos := 0
	for i, s := range merged {
		if s.start > pos {
			out = append(out, agSegment{Text: string(runes[pos:s.start])})
		}
		out = append(out, agSegment{Text: string(runes[s.start:s.end]), Mark: true, Label: s.label, ID: fmt.Sprintf("ev-%d", i+1)})
		pos = s.end
	}
	if pos < len(runes) {
		out = append(out, agSegment{Text: string(runes[pos:])})
	}
	return out
}

// agPad returns n+extra rows for a repeated-fields form: the existing ones
// and blank ones to add more.
func agPad[T any](rows []T, extra int) []T {
	out := append([]T(nil), rows...)
	var zero T
	for range extra {
		out = append(out, zero)
	}
	return out
}

// Int64 prints an optional id.
func (agFmt) Int64(v *int64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatInt(*v, 10)
}
