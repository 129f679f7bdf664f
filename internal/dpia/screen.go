// Package dpia screens processing for the need of a DPIA (art. 35 AVG, the
// AP's list and the WP248 criteria), scores its risks and keeps the rules
// of an assessment: its states, their moves and what a decision needs.
package dpia

import (
	"fmt"

	"privacyregister/internal/i18n"
	"privacyregister/internal/register"
)

// Art35 is a case of art. 35(3), in which a DPIA is always required.
type Art35 string

const (
	Evaluation        Art35 = "a" // systematic and extensive evaluation incl. profiling, with legal or similar effects
	LargeScaleSpecial Art35 = "b" // large-scale art. 9 or 10 data
	PublicMonitoring  Art35 = "c" // large-scale systematic monitoring of a publicly accessible area
)

// APCategory is a number 1-17 of the AP's list of processing for which a
// DPIA is always required (Staatscourant 2019, 64418).
type APCategory int

// apList holds the AP categories' English names; the catalogue has the
// Dutch ones the AP uses.
var apList = [...]string{
	1: "covert investigation", 2: "blacklists", 3: "fraud prevention", 4: "credit scores",
	5: "financial situation", 6: "genetic data", 7: "health data", 8: "data-sharing partnerships",
	9: "camera surveillance", 10: "flexible camera surveillance (body cams, drones)",
	11: "employee monitoring", 12: "location data", 13: "communication data", 14: "internet of things",
	15: "profiling", 16: "observation and influencing of behaviour", 17: "biometric data",
}

// Name returns the category's name in lang.
func (c APCategory) Name(lang string) string {
	if c < 1 || int(c) >= len(apList) {
		return fmt.Sprint(int(c))
	}
	return i18n.T(lang, apList[c])
}

// Criterion is one of the nine criteria of WP248 rev.01.
type Criterion int

var criteria = [...]string{
	1: "evaluation or scoring", 2: "automated decisions with legal or similar significant effect",
	3: "systematic monitoring", 4: "sensitive or highly personal data", 5: "large scale",
	6: "matching or combining datasets", 7: "vulnerable data subjects",
	8: "innovative use or new technology", 9: "processing that prevents exercising a right or using a service or contract",
}

// Name returns the criterion's name in lang.
func (c Criterion) Name(lang string) string {
	if c < 1 || int(c) >= len(criteria) {
		return fmt.Sprint(int(c))
	}
	return i18n.T(lang, criteria[c])
}

// Answers are the screening answers for one processing activity. Only the
// AP categories and criteria that apply are listed. The AP's categories
// mostly apply only when the processing is large-scale or systematic; the
// screener decides that when ticking one.
type Answers struct {
	Art35    []Art35      `json:"art35"`
	APList   []APCategory `json:"ap_list"`
	Criteria []Criterion  `json:"criteria"`
}

// Outcome is the screening's conclusion.
type Outcome string

const (
	Required  Outcome = "required"
	Advised   Outcome = "advised"
	NotNeeded Outcome = "not_needed"
)

// ActivityDPIA is what a screening's outcome makes of the activity's "DPIA
// needed": required or advised, yes (when in doubt, carry one out: WP248);
// not needed, no. The register, its filter and the art. 30(5) check read
// that one field, so a screening and the register never disagree.
func (o Outcome) ActivityDPIA() register.DPIA {
	switch o {
	case Required, Advised:
		return register.DPIAYes
	case NotNeeded:
		return register.DPIANo
	}
	return register.DPIAToAssess
}

// Reason is a message id with its arguments, translated with Text.
type Reason struct {
	Msg  string
	Args []any
}

// Text translates the reason, and the names among its arguments.
func (r Reason) Text(lang string) string {
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		if s, ok := a.(string); ok && len(s) > 1 {
			a = i18n.T(lang, s)
		}
		args[i] = a
	}
	return i18n.T(lang, r.Msg, args...)
}

// Result is the outcome with every reason that led to it.
type Result struct {
	Outcome Outcome
	Reasons []Reason
}

// Screen decides whether a DPIA is needed: required for any art. 35(3)
// case, any category of the AP's list, or two or more WP248 criteria
// (WP248: "in most cases"); advised for exactly one criterion, since WP248
// leaves room for a DPIA then and it costs little to record why not; else
// not needed, with that conclusion documented.
func Screen(a Answers) Result {
	var r Result
	for _, c := range a.Art35 {
		r.Reasons = append(r.Reasons, Reason{"Art. 35(3)(%s) applies: a DPIA is always required.", []any{string(c)}})
	}
	for _, c := range a.APList {
		r.Reasons = append(r.Reasons, Reason{"Item %d of the AP's list (%s) applies: a DPIA is required.", []any{int(c), apName(c)}})
	}
	for _, c := range a.Criteria {
		r.Reasons = append(r.Reasons, Reason{"WP248 criterion %d applies: %s.", []any{int(c), criterionName(c)}})
	}
	n := len(unique(a.Criteria))
	switch {
	case len(a.Art35) > 0 || len(a.APList) > 0:
		r.Outcome = Required
	case n >= 2:
		r.Outcome = Required
		r.Reasons = append(r.Reasons, Reason{"%d WP248 criteria apply; from two criteria a DPIA is required.", []any{n}})
	case n == 1:
		r.Outcome = Advised
		r.Reasons = append(r.Reasons, Reason{"One WP248 criterion applies: a DPIA is advised; record why if none is done.", nil})
	default:
		r.Outcome = NotNeeded
		r.Reasons = append(r.Reasons, Reason{"No art. 35(3) case, AP list item or WP248 criterion applies: no DPIA is needed.", nil})
	}
	return r
}

// apName and criterionName return the English names, kept as the reason's
// argument so Text can translate the whole sentence.
func apName(c APCategory) string {
	if c < 1 || int(c) >= len(apList) {
		return "?"
	}
	return apList[c]
}

func criterionName(c Criterion) string {
	if c < 1 || int(c) >= len(criteria) {
		return "?"
	}
	return criteria[c]
}

func unique[T comparable](vs []T) map[T]bool {
	m := map[T]bool{}
	for _, v := range vs {
		m[v] = true
	}
	return m
}
