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
	Status     Status  `json:"status"`
	Contents   Counts  `json:"contents"`
	Errors     []Issue `json:"errors,omitempty"`
	Warnings   []Issue `json:"warnings,omitempty"`
}

// Summary is the row as a report shows it.
func (pr *PlannedRow) Summary() SummaryRow {
	return SummaryRow{Row: pr.Row, Action: pr.Action, ExistingID: pr.ExistingID, ID: pr.Activity.ID,
		Code: pr.Activity.Code, Name: pr.Activity.Name, Status: pr.Activity.Status, Contents: countsOf(pr),
		Errors: pr.Errors, Warnings: pr.Warnings}
}

// Counts is what the dry run shows a row brings: how many of each list.
// Small numbers, kept small: a dry run of 100,000 rows holds one per row.
type Counts struct {
	Purposes       uint16 `json:"purposes"`
	Subjects       uint16 `json:"subject_categories"`
	DataCategories uint16 `json:"data_categories"`
	Processors     uint16 `json:"processors"`
	Recipients     uint16 `json:"recipients"`
	Transfers      uint16 `json:"transfers"`
	Measures       uint16 `json:"measures"`
}

func countsOf(pr *PlannedRow) Counts {
	n := func(l int) uint16 { return uint16(min(l, 1<<16-1)) }
	a := &pr.Activity
	return Counts{Purposes: n(len(a.Purposes)), Subjects: n(len(a.SubjectCategories)), DataCategories: n(len(a.DataCategories)),
		Processors: n(len(a.Processors)), Recipients: n(len(a.Recipients)), Transfers: n(len(a.Transfers)),
		Measures: n(len(a.MeasureIDs) + len(pr.NewMeasures))}
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
