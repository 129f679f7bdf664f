// Package task computes the fixed moments of an organisation's privacy
// administration that recur on the calendar rather than per record: the
// evaluation of the privacy policy ("tweejaarlijks in januari en
// februari"), the yearly clean-up of member files, the privacy paragraph of
// the annual report. A task recurs every N months in a window of a few
// months; its due date is the window's last day. Nothing here reads the
// clock or the database.
package task

import (
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
	"privacyregister/internal/textcheck"
)

// Kind is what sort of moment a task is.
type Kind string

const (
	PolicyEvaluation Kind = "policy_evaluation"
	RetentionCleanup Kind = "retention_cleanup"
	AnnualReport     Kind = "annual_report"
	Awareness        Kind = "awareness"
	Other            Kind = "other"
)

// Kinds lists the kinds in the order forms offer them.
var Kinds = []Kind{PolicyEvaluation, RetentionCleanup, AnnualReport, Awareness, Other}

// Label is the kind's English message id (pages and the digest translate it).
func (k Kind) Label() string {
	switch k {
	case PolicyEvaluation:
		return MsgPolicyEvaluation
	case RetentionCleanup:
		return MsgRetentionCleanup
	case AnnualReport:
		return MsgAnnualReport
	case Awareness:
		return MsgAwareness
	}
	return MsgOther
}

// The kinds' labels, as message ids.
const (
	MsgPolicyEvaluation = "Policy evaluation"
	MsgRetentionCleanup = "Retention clean-up"
	MsgAnnualReport     = "Annual report privacy paragraph"
	MsgAwareness        = "Awareness"
	MsgOther            = "Recurring task"
)

// Task is a recurring moment. Its windows start at AnchorYear/StartMonth
// plus every multiple of EveryMonths (also before the anchor) and last
// WindowMonths months; the anchor fixes which years "every two years" means.
type Task struct {
	Kind         Kind       `json:"kind"`
	Title        string     `json:"title"`
	Description  string     `json:"description"`
	EveryMonths  int        `json:"every_months"`
	StartMonth   int        `json:"start_month"`   // 1-12
	WindowMonths int        `json:"window_months"` // 1..EveryMonths
	AnchorYear   int        `json:"anchor_year"`
	OwnerID      *int64     `json:"owner_id"`    // a member of the organisation
	ActivityID   *int64     `json:"activity_id"` // the processing whose data a clean-up concerns
	LastDone     *time.Time `json:"last_done"`
	Active       bool       `json:"active"`
}

// Validate trims the texts and checks every field, naming the bad ones.
func (t *Task) Validate() error {
	errs := textcheck.Struct(t, textcheck.Common)
	add := func(field, msg string, args ...any) { errs = append(errs, apperr.Invalidf(field, msg, args...)) }
	t.Title, t.Description = strings.TrimSpace(t.Title), strings.TrimSpace(t.Description)
	known := false
	for _, k := range Kinds {
		known = known || k == t.Kind
	}
	if !known {
		add("kind", "Unknown kind of task %q.", string(t.Kind))
	}
	if t.Title == "" {
		add("title", "Give the task a title.")
	}
	if t.EveryMonths < 1 || t.EveryMonths > 60 {
		add("every_months", "A task recurs every 1 to 60 months, not %d.", t.EveryMonths)
	}
	if t.StartMonth < 1 || t.StartMonth > 12 {
		add("start_month", "Choose a month from 1 to 12, not %d.", t.StartMonth)
	}
	if t.WindowMonths < 1 || (t.EveryMonths >= 1 && t.WindowMonths > t.EveryMonths) {
		add("window_months", "The window lasts at least one month and at most the %d months between two windows.", max(t.EveryMonths, 1))
	}
	if t.AnchorYear < 2000 || t.AnchorYear > 2200 {
		add("anchor_year", "Give the year of one of the windows (2000-2200), not %d.", t.AnchorYear)
	}
	return errs.Err()
}

// Window is one period in which a task is to be done. Due is the end of
// its last day in Amsterdam, so overdue is simply now.After(Due).
type Window struct {
	Start time.Time `json:"start"`
	Due   time.Time `json:"due"`
}

// Contains reports whether t falls in the window.
func (w Window) Contains(t time.Time) bool { return !t.Before(w.Start) && !t.After(w.Due) }

// monthIndex counts months since year 0 of t's date in Amsterdam.
func monthIndex(t time.Time) int {
	y, m, _ := t.In(deadline.Amsterdam).Date()
	return y*12 + int(m) - 1
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Window returns window k: k = 0 starts in the anchor year's start month.
func (t Task) Window(k int) Window {
	first := t.AnchorYear*12 + t.StartMonth - 1 + k*t.EveryMonths
	start := time.Date(first/12, time.Month(first%12+1), 1, 0, 0, 0, 0, deadline.Amsterdam)
	end := first + t.WindowMonths // the month after the window
	lastDay := time.Date(end/12, time.Month(end%12+1), 0, 0, 0, 0, 0, time.UTC)
	return Window{Start: start, Due: deadline.EndOfDay(lastDay)}
}

// atOrBefore is the last window starting at or before t's month.
func (t Task) atOrBefore(at time.Time) int {
	return floorDiv(monthIndex(at)-(t.AnchorYear*12+t.StartMonth-1), t.EveryMonths)
}

// CountsFor returns the window a completion on done counts for: the one it
// falls in or, outside every window, the last one that started before it.
// Late work closes the overdue window; work done ahead of a window does not
// count for it, so no window is ever skipped (a yearly January-February
// task done late on 2 December 2026 is next due in January-February 2027,
// not 2028). Being asked once more is the safe side of a privacy duty.
func (t Task) CountsFor(done time.Time) int {
	return t.atOrBefore(done)
}

// Next is the window in which the task is next due: the one after the
// window its last completion counted for or, never done, the first window
// ending on or after created.
func (t Task) Next(created time.Time) Window {
	if t.LastDone != nil {
		return t.Window(t.CountsFor(*t.LastDone) + 1)
	}
	k := t.atOrBefore(created)
	if t.Window(k).Due.Before(created) {
		k++
	}
	return t.Window(k)
}

// State is how the next window stands at some moment.
type State string

const (
	Upcoming State = "upcoming" // the window has not started
	Open     State = "open"     // now is in the window
	Overdue  State = "overdue"  // the window has ended without completion
)

// StateAt says whether w lies ahead, is open or has passed at now.
func (w Window) StateAt(now time.Time) State {
	switch {
	case now.After(w.Due):
		return Overdue
	case now.Before(w.Start):
		return Upcoming
	}
	return Open
}
