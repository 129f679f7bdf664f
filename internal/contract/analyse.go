package contract

import (
	"strings"
)

// Evidence points at the text a finding rests on. Start and End are
// code-point offsets into the analysed text; Quote is the exact text.
type Evidence struct {
	Clause *string `json:"clause"`
	Quote  string  `json:"quote"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
}

// Parties names the processor and the controller as written.
type Parties struct {
	Processor  *string `json:"processor"`
	Controller *string `json:"controller"`
}

// BreachNotification is the processor's duty to tell the controller about
// a personal data breach.
type BreachNotification struct {
	Hours        *int       `json:"hours"`
	WithoutDelay bool       `json:"without_delay"`
	Evidence     []Evidence `json:"evidence"`
	// DeadlineText keeps a deadline that cannot be counted in hours
	// ("2 werkdagen").
	DeadlineText *string `json:"deadline_text,omitempty"`
}

// NamedSubprocessor is a sub-processor named in the agreement.
type NamedSubprocessor struct {
	Name     string  `json:"name"`
	Location *string `json:"location"`
	Country  *string `json:"country"`
	// Note keeps a remark or other name in brackets after the name
	// ("Mailchimp" in "The Rocket Science Group LLC (Mailchimp)").
	Note *string `json:"note,omitempty"`
}

// Subprocessors holds the sub-processor regime.
type Subprocessors struct {
	Regime        string              `json:"regime"`
	ObjectionDays *int                `json:"objection_days"`
	Named         []NamedSubprocessor `json:"named"`
	Evidence      []Evidence          `json:"evidence"`
}

// Audit holds the controller's audit right.
type Audit struct {
	Right           bool   `json:"right"`
	FrequencyMonths *int   `json:"frequency_months"`
	Cost            string `json:"cost"`
	// Excluded: the agreement expressly excludes audits by the controller
	// (e.g. a report instead of an audit).
	Excluded bool       `json:"excluded"`
	Evidence []Evidence `json:"evidence"`
}

// Element is one of the art. 28(3) elements a-h.
type Element struct {
	Present  bool       `json:"present"`
	Evidence []Evidence `json:"evidence"`
}

// Warning explains a flag to a privacy officer. Message is an English
// message id translated through internal/i18n.
type Warning struct {
	Flag    string  `json:"flag"`
	Message string  `json:"message"`
	Clause  *string `json:"clause"`
}

// Analysis is the fixed output of reference/contract-analysis.md, with
// extra evidence fields.
type Analysis struct {
	Language                      string             `json:"language"`
	Law                           string             `json:"law"`
	Parties                       Parties            `json:"parties"`
	BreachNotification            BreachNotification `json:"breach_notification"`
	SubprocessorNotificationHours *int               `json:"subprocessor_notification_hours"`
	Subprocessors                 Subprocessors      `json:"subprocessors"`
	DataLocation                  string             `json:"data_location"`
	Audit                         Audit              `json:"audit"`
	EndOfContract                 string             `json:"end_of_contract"`
	LiabilityCapEUR               *float64           `json:"liability_cap_eur"`
	PenaltyEUR                    *float64           `json:"penalty_eur"`
	GoverningLaw                  *string            `json:"governing_law"`
	Art28                         map[string]Element `json:"art28"`
	Flags                         []string           `json:"flags"`

	// Extra fields.

	// Unclear lists the fields (flattened names: "breach_hours") the text
	// addresses in a form the rules could not read; their value is null
	// and no flag is raised on them.
	Unclear              []string              `json:"unclear"`
	Warnings             []Warning             `json:"warnings"`
	Evidence             map[string][]Evidence `json:"evidence"`
	SubprocessorEvidence []Evidence            `json:"subprocessor_notification_evidence,omitempty"`
	// Models compares the agreement with each model agreement (models.go).
	Models []ModelComparison `json:"models"`
}

// Art28Letters are the elements of art. 28(3) in order.
var Art28Letters = []string{"a", "b", "c", "d", "e", "f", "g", "h"}

// Enum values.
const (
	RegimeSpecific           = "specific_consent"
	RegimeGeneralObjection   = "general_with_objection"
	RegimeGeneralNoObjection = "general_without_objection"
	NotAddressed             = "not_addressed"

	LocEEAOnly        = "eea_only"
	LocEUOnly         = "eu_only"
	LocEEAOrAdequate  = "eea_or_adequate"
	LocOutsideConsent = "outside_with_consent"
	LocOutsideAllowed = "outside_allowed"

	CostController = "controller"
	CostProcessor  = "processor"
	CostDepends    = "depends"
	CostNotStated  = "not_stated"

	EndDelete           = "delete"
	EndReturn           = "return"
	EndControllerChoice = "controller_choice"
)

// Flags.
const (
	FlagOwnPurposes  = "processor_own_purposes"
	FlagUnilateral   = "unilateral_changes"
	FlagOver72h      = "notification_over_72h"
	FlagNoAudit      = "no_audit_right"
	FlagOutsideEEA   = "outside_eea_without_consent"
	FlagWbp          = "wbp_terms"
	FlagLowCap       = "low_liability_cap"
	FlagMissingArt28 = "missing_art28_elements"
)

// maxAnalyseRunes bounds the work on absurd inputs; the rest is ignored.
const maxAnalyseRunes = 2_000_000

// Analyse reads the terms of a processor agreement from its plain text.
func Analyse(text string) *Analysis {
	if strings.Count(text, "") > maxAnalyseRunes {
		text = string([]rune(text)[:maxAnalyseRunes])
	}
	d := segment(text)
	a := &Analysis{
		Art28:    map[string]Element{},
		Flags:    []string{},
		Unclear:  []string{},
		Warnings: []Warning{},
		Evidence: map[string][]Evidence{},
	}
	a.Language = detectLanguage(d)
	a.Law = detectLaw(d)
	a.Parties = detectParties(d)
	resolveAliases(d, a.Parties, a.Language)
	analyseBreach(d, a)
	analyseSubprocessors(d, a)
	analyseLocation(d, a)
	analyseAudit(d, a)
	analyseEnd(d, a)
	analyseMoney(d, a)
	a.GoverningLaw = detectGoverningLaw(d, a)
	analyseArt28(d, a)
	analyseFlags(d, a)
	if a.BreachNotification.Evidence == nil {
		a.BreachNotification.Evidence = []Evidence{}
	}
	if a.Subprocessors.Named == nil {
		a.Subprocessors.Named = []NamedSubprocessor{}
	}
	if a.Subprocessors.Evidence == nil {
		a.Subprocessors.Evidence = []Evidence{}
	}
	if a.Audit.Evidence == nil {
		a.Audit.Evidence = []Evidence{}
	}
	a.Models = CompareModels(a)
	return a
}

// addEvidence appends ev to list unless the same span is there, keeping at most max.
func addEvidence(list []Evidence, ev Evidence, max int) []Evidence {
	for _, e := range list {
		if e.Start == ev.Start && e.End == ev.End {
			return list
		}
	}
	if len(list) >= max {
		return list
	}
	return append(list, ev)
}

func ptr[T any](v T) *T { return &v }

// unclearTexts explain the fields of Analysis.Unclear to a privacy officer
// (English message ids, translated through internal/i18n).
var unclearTexts = map[string]string{
	"breach_hours":  "The agreement states a deadline for reporting a data breach in a form the analyser could not read; check it yourself.",
	"audit_right":   "The agreement speaks of audits in a form the analyser could not read as an audit right; check it yourself.",
	"data_location": "The agreement speaks of transfers outside the EEA in a form the analyser could not read as a rule; check where the data may go yourself.",
}

// UnclearText returns the message id that explains an unclear field.
func UnclearText(field string) string {
	if t, ok := unclearTexts[field]; ok {
		return t
	}
	return "Part of the agreement could not be read with certainty; check it yourself."
}
