package register

import "privacyregister/internal/apperr"

// ValidateStored checks a as it is about to be stored: errors of shape
// (an unknown value, a missing name) always, the legal findings (special
// data without an art. 9(2) exception, a transfer without a safeguard, no
// lawful basis) only when the activity is established; a concept may still
// have them, and the register shows them as gaps (see Gaps). Like Validate,
// it fills in each transfer's class.
func ValidateStored(a *Activity) error {
	shape, legal := check(a)
	if a.Status == StatusEstablished {
		shape = append(shape, legal...)
	}
	return shape.Err()
}

// Gaps returns the legal findings of a: what the AVG requires that the
// record does not yet say. Field names are JSON paths, as with Validate.
func Gaps(a *Activity) apperr.List {
	_, legal := check(a)
	return legal
}
