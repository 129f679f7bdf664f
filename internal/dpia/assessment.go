package dpia

import (
	"fmt"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/i18n"
	"privacyregister/internal/textcheck"
)

// State is where a DPIA stands.
type State string

const (
	Draft    State = "draft"
	Decided  State = "decided"
	Archived State = "archived"
)

// States in the order pages offer them.
var States = []State{Draft, Decided, Archived}

// Label is the state's name in lang.
func (s State) Label(lang string) string { return i18n.T(lang, string(s)) }

// next lists the moves a DPIA may make. A decided DPIA goes back to draft
// to be revised (art. 35(11): review when the risk changes); an archived
// one is reopened as a draft before it can be decided again.
var next = map[State][]State{
	Draft:    {Decided, Archived},
	Decided:  {Draft, Archived},
	Archived: {Draft},
}

// Transition checks the move of a DPIA from one state to another; staying
// in a state is always allowed.
func Transition(from, to State) error {
	if from == to {
		return nil
	}
	for _, s := range next[from] {
		if s == to {
			return nil
		}
	}
	return apperr.New(apperr.Conflict, "A DPIA cannot go from %s to %s.", from, to)
}

// MeasureState is how far a measure against a risk has come.
type MeasureState string

const (
	Planned     MeasureState = "planned"
	InProgress  MeasureState = "in_progress"
	Implemented MeasureState = "implemented"
)

// MeasureStates in the order pages offer them.
var MeasureStates = []MeasureState{Planned, InProgress, Implemented}

// Label is the state's name in lang.
func (m MeasureState) Label(lang string) string {
	switch m {
	case InProgress:
		return i18n.T(lang, "in progress")
	case Implemented:
		return i18n.T(lang, "implemented")
	}
	return i18n.T(lang, "planned")
}

// DPIA is a data protection impact assessment (art. 35(7) AVG).
type DPIA struct {
	ID                int64      `json:"id"`
	OrgID             int64      `json:"-"`
	ActivityID        *int64     `json:"activity_id"`
	Title             string     `json:"title"`
	State             State      `json:"state"`
	Description       string     `json:"description"`
	Purposes          string     `json:"purposes"`
	Necessity         string     `json:"necessity"` // necessity and proportionality
	Risks             []DPIARisk `json:"risks"`
	DPOAdvice         string     `json:"dpo_advice"`
	Decision          string     `json:"decision"`
	DecidedBy         string     `json:"decided_by"`
	DecidedAt         *time.Time `json:"decided_at"`
	ResidualLevel     Level      `json:"residual_level"`     // the highest residual level of the risks
	PriorConsultation bool       `json:"prior_consultation"` // required: residual risk stays high (art. 36)
	ConsultationNote  string     `json:"consultation_note"`
	NextReviewAt      *time.Time `json:"next_review_at"`
	CreatedAt         time.Time  `json:"created_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
}

// DPIARisk is one risk of a DPIA (art. 35(7)(c)), scored before and after its
// measures (35(7)(d)).
type DPIARisk struct {
	Description        string        `json:"description"`
	Likelihood         Scale         `json:"likelihood"`
	Impact             Scale         `json:"impact"`
	Level              Level         `json:"level"`
	ResidualLikelihood Scale         `json:"residual_likelihood"`
	ResidualImpact     Scale         `json:"residual_impact"`
	ResidualLevel      Level         `json:"residual_level"`
	Measures           []DPIAMeasure `json:"measures"`
}

// DPIAMeasure is a measure against a risk, with who carries it out.
type DPIAMeasure struct {
	Description string       `json:"description"`
	Owner       string       `json:"owner"`
	State       MeasureState `json:"state"`
}

var (
	states        = map[State]bool{Draft: true, Decided: true, Archived: true}
	measureStates = map[MeasureState]bool{Planned: true, InProgress: true, Implemented: true}
)

// Prepare checks d and derives the risk levels, the residual level and
// whether the AP must be consulted first (art. 36(1)).
func (d *DPIA) Prepare() error {
	errs := textcheck.Struct(d, textcheck.Common)
	add := func(field, msg string, args ...any) { errs = append(errs, apperr.Invalidf(field, msg, args...)) }
	d.Title = strings.TrimSpace(d.Title)
	if d.Title == "" {
		add("title", "Give the DPIA a title.")
	}
	if d.State == "" {
		d.State = Draft
	}
	if !states[d.State] {
		add("state", "Unknown state %q.", d.State)
	}
	d.ResidualLevel = ""
	order := map[Level]int{"": 0, Low: 1, Medium: 2, High: 3, VeryHigh: 4}
	for i := range d.Risks {
		r := &d.Risks[i]
		f := fmt.Sprintf("risks[%d]", i)
		r.Description = strings.TrimSpace(r.Description)
		if r.Description == "" {
			add(f+".description", "Describe the risk.")
		}
		if r.ResidualLikelihood == 0 && r.ResidualImpact == 0 {
			r.ResidualLikelihood, r.ResidualImpact = r.Likelihood, r.Impact
		}
		in, err := LevelOf(r.Likelihood, r.Impact)
		res, rerr := LevelOf(r.ResidualLikelihood, r.ResidualImpact)
		if err == nil && rerr != nil {
			err = rerr
			if e, ok := rerr.(*apperr.Error); ok {
				add(f+".residual_"+e.Field, e.Msg, e.Args...)
				continue
			}
		}
		if err != nil {
			if e, ok := err.(*apperr.Error); ok {
				add(f+"."+e.Field, e.Msg, e.Args...)
			}
			continue
		}
		r.Level, r.ResidualLevel = in, res
		if order[res] > order[d.ResidualLevel] {
			d.ResidualLevel = res
		}
		for j := range r.Measures {
			m := &r.Measures[j]
			mf := fmt.Sprintf("%s.measures[%d]", f, j)
			m.Description, m.Owner = strings.TrimSpace(m.Description), strings.TrimSpace(m.Owner)
			if m.State == "" {
				m.State = Planned
			}
			if m.Description == "" {
				add(mf+".description", "Describe the measure.")
			}
			if !measureStates[m.State] {
				add(mf+".state", "Unknown state %q.", m.State)
			}
		}
	}
	d.PriorConsultation = NeedsPriorConsultation(d.ResidualLevel)
	if d.State == Decided {
		if strings.TrimSpace(d.Decision) == "" {
			add("decision", "Record the decision.")
		}
		if strings.TrimSpace(d.DecidedBy) == "" {
			add("decided_by", "Record who took the decision.")
		}
		if d.DecidedAt == nil {
			add("decided_at", "Record when the decision was taken.")
		}
	}
	return errs.Err()
}
