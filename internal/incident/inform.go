package incident

import (
	"strings"
	"time"

	"privacyregister/internal/apperr"
)

// Informing is how far the people concerned were told of the breach (art.
// 34): whether, when, how or why not, by public communication, and the
// advice they were given.
type Informing struct {
	Informed Informed   `json:"subjects_informed"`
	At       *time.Time `json:"subjects_informed_at"`
	How      string     `json:"subjects_how"`
	WhyNot   string     `json:"subjects_why_not"`
	Public   bool       `json:"public_communication"`
	Advice   string     `json:"advice_to_subjects"` // empty keeps the advice recorded
}

// Check refuses an informing that says the people were told without
// saying when and how, or that lies in the future.
func (in Informing) Check(now time.Time) error {
	var errs apperr.List
	if in.Informed == InformedYes && in.At == nil {
		errs = append(errs, apperr.Invalidf("subjects_informed_at", "Say when the people concerned were told."))
	}
	if in.Informed == InformedYes && strings.TrimSpace(in.How) == "" {
		errs = append(errs, apperr.Invalidf("subjects_how", "Say how the people concerned were told (letter, e-mail, website)."))
	}
	if in.At != nil && in.At.After(now) {
		errs = append(errs, apperr.Invalidf("subjects_informed_at", "The moment cannot lie in the future."))
	}
	return errs.Err()
}

// AddMeasure adds a measure taken or planned; one done in the future is
// refused.
func (inc *Incident) AddMeasure(m Measure, now time.Time) error {
	if m.DoneAt != nil && m.DoneAt.After(now) {
		return apperr.Invalidf("done_at", "The moment cannot lie in the future.")
	}
	inc.Measures = append(inc.Measures, m)
	return nil
}
