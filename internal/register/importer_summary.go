package register

import "privacyregister/internal/apperr"

// Summary is what a report of a dry run or an import shows: per row its
// action, the activity it names and its errors and warnings. The store
// returns it rather than the plan, whose rows hold whole activities: an
// import of 100,000 rows would keep 70 MB more until it ends.
type Summary struct {
	Headers []string     `json:"headers"`
	Mapping Mapping      `json:"mapping"`
	Rows    []SummaryRow `json:"rows"`
}

// SummaryRow is one row of a Summary.
type SummaryRow struct {
	Row        int     `json:"row"`
	Action     Action  `json:"action"`
	ExistingID int64   `json:"existing_id,omitempty"` // the activity an update replaces
	ID         int64   `json:"id,omitempty"`          // the activity's id once written
	Code       string  `json:"code"`
	Name       string  `json:"name"`
	Errors     []Issue `json:"errors,omitempty"`
	Warnings   []Issue `json:"warnings,omitempty"`
}

// Summary is the row as a report shows it.
func (pr *PlannedRow) Summary() SummaryRow {
	return SummaryRow{Row: pr.Row, Action: pr.Action, ExistingID: pr.ExistingID, ID: pr.Activity.ID,
		Code: pr.Activity.Code, Name: pr.Activity.Name, Errors: pr.Errors, Warnings: pr.Warnings}
}

// OK reports whether no row has an error.
func (s *Summary) OK() bool { return s.Err() == nil }

// Err lists every row error, or returns nil.
func (s *Summary) Err() error {
	return errorsOf(s.Rows, func(r SummaryRow) []Issue { return r.Errors })
}

// Count returns how many rows take action a.
func (s *Summary) Count(a Action) int {
	return countOf(s.Rows, a, func(r SummaryRow) Action { return r.Action })
}

func errorsOf[R any](rows []R, errs func(R) []Issue) error {
	var l apperr.List
	for _, r := range rows {
		for _, is := range errs(r) {
			l = append(l, is.Err())
		}
	}
	return l.Err()
}

func countOf[R any](rows []R, a Action, action func(R) Action) int {
	n := 0
	for _, r := range rows {
		if action(r) == a {
			n++
		}
	}
	return n
}
