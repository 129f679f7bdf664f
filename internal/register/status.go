package register

import (
	"time"

	"privacyregister/internal/apperr"
)

// transitions lists the allowed status changes. Retired activities stay in
// the register (the AP may ask what was processed when), and can be reopened
// as a concept.
var transitions = map[Status][]Status{
	StatusConcept:     {StatusInReview, StatusEstablished, StatusRetired},
	StatusInReview:    {StatusConcept, StatusEstablished, StatusRetired},
	StatusEstablished: {StatusInReview, StatusRetired},
	StatusRetired:     {StatusConcept},
}

// CanTransition reports whether from -> to is allowed.
func CanTransition(from, to Status) bool {
	if from == "" {
		from = StatusConcept
	}
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// SetStatus moves a to status to at now. Establishing requires a complete
// activity: Validate must pass, legal findings included.
func SetStatus(a *Activity, to Status, now time.Time) error {
	if !CanTransition(a.Status, to) {
		return apperr.New(apperr.Conflict, "Cannot change the status from %s to %s.", a.Status, to)
	}
	if to == StatusEstablished {
		prev := a.Status
		a.Status = to // validate as it would be stored
		if err := Validate(a); err != nil {
			a.Status = prev
			return err
		}
	}
	a.Status = to
	a.UpdatedAt = now
	return nil
}

// Retire marks the activity as no longer carried out (vervallen).
func Retire(a *Activity, now time.Time) error { return SetStatus(a, StatusRetired, now) }
