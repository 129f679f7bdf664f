package dpia

import (
	"fmt"

	"privacyregister/internal/apperr"
)

// Validate checks that every answer names an existing case, item or
// criterion.
func Validate(a Answers) error {
	var errs apperr.List
	for i, c := range a.Art35 {
		if c != Evaluation && c != LargeScaleSpecial && c != PublicMonitoring {
			errs = append(errs, apperr.Invalidf(fmt.Sprintf("art35[%d]", i), "Unknown case %q of art. 35(3): use a, b or c.", c))
		}
	}
	for i, c := range a.APList {
		if c < 1 || int(c) >= len(apList) {
			errs = append(errs, apperr.Invalidf(fmt.Sprintf("ap_list[%d]", i), "The AP's list has items 1 to 17, not %d.", int(c)))
		}
	}
	for i, c := range a.Criteria {
		if c < 1 || int(c) >= len(criteria) {
			errs = append(errs, apperr.Invalidf(fmt.Sprintf("criteria[%d]", i), "WP248 has criteria 1 to 9, not %d.", int(c)))
		}
	}
	return errs.Err()
}
