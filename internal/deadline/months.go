package deadline

import "time"

// AddMonths returns the end of a period of n months that starts on the day
// received falls on (in Amsterdam), per Regulation 1182/71:
//
//   - the day of receipt itself is not counted (art. 3(1));
//   - the period ends at the end of the day in the last month with the same
//     date, or of that month's last day when there is no such date
//     (art. 3(2)(c));
//   - a period that would end on a Saturday, Sunday or public holiday ends
//     at the end of the next working day (art. 3(4)).
//
// The result is the last instant of the due day in Amsterdam
// (23:59:59.999999999 local time), so "overdue" is simply now.After(due)
// and DueDate(result) gives the calendar date to show. A nil cal counts
// statutory holidays only (see Calendar).
func AddMonths(received time.Time, n int, cal *Calendar) time.Time {
	r := received.In(Amsterdam)
	y, m, d := r.Date()
	// Day 1 of the target month, then clamp the day to that month's length.
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	if last := daysIn(first.Year(), first.Month()); d > last {
		d = last
	}
	day := time.Date(first.Year(), first.Month(), d, 0, 0, 0, 0, time.UTC)
	if !cal.IsWorkingDay(day) {
		day = cal.NextWorkingDay(day)
	}
	return EndOfDay(day)
}

// EndOfDay returns the last instant of t's calendar date (as written, in
// t's own zone) in Amsterdam.
func EndOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, Amsterdam).Add(-time.Nanosecond)
}

// DueDate is the calendar date of t in Amsterdam, at midnight UTC: the form
// in which Calendar takes dates.
func DueDate(t time.Time) time.Time {
	y, m, d := t.In(Amsterdam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
