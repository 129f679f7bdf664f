package deadline

import (
	"testing"
	"time"
)

// The worked examples of art. 12(3) AVG with Regulation 1182/71 and the
// Algemene termijnenwet (reference/avg-facts.md section 4).
func TestAddMonthsOneMonth(t *testing.T) {
	cal := DefaultCalendar()
	for _, c := range []struct {
		name     string
		received time.Time
		want     time.Time
	}{
		{"31 Jan 2028: no 31 Feb, leap year -> Tue 29 Feb", date(2028, 1, 31), date(2028, 2, 29)},
		{"31 Jan 2027: 28 Feb is a Sunday -> Mon 1 Mar", date(2027, 1, 31), date(2027, 3, 1)},
		{"6 Mar 2026: 6 Apr is Easter Monday -> Tue 7 Apr", date(2026, 3, 6), date(2026, 4, 7)},
		{"1 Jul 2026: 1 Aug is a Saturday -> Mon 3 Aug", date(2026, 7, 1), date(2026, 8, 3)},
		{"27 Mar 2026: 27 Apr is King's Day -> Tue 28 Apr", date(2026, 3, 27), date(2026, 4, 28)},
	} {
		t.Run(c.name, func(t *testing.T) {
			// Receipt late in the evening must not move the date.
			rec := time.Date(c.received.Year(), c.received.Month(), c.received.Day(), 23, 15, 0, 0, Amsterdam)
			got := AddMonths(rec, 1, cal)
			if d := DueDate(got); !d.Equal(c.want) {
				t.Fatalf("due %s, want %s", d.Format(time.DateOnly), c.want.Format(time.DateOnly))
			}
			// The period runs to the end of that day, Amsterdam time.
			end := time.Date(c.want.Year(), c.want.Month(), c.want.Day()+1, 0, 0, 0, 0, Amsterdam)
			if !got.Before(end) || end.Sub(got) != time.Nanosecond {
				t.Fatalf("due %v is not the last instant of the day", got)
			}
		})
	}
}

// The day is that of Amsterdam: 23:30 UTC on 30 June is already 1 July.
func TestAddMonthsUsesAmsterdamDate(t *testing.T) {
	got := AddMonths(time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC), 1, nil)
	if d := DueDate(got); !d.Equal(date(2026, 8, 3)) {
		t.Fatalf("due %s, want 2026-08-03", d.Format(time.DateOnly))
	}
}

// Art. 12(3) extension: three months from receipt, same counting.
// 30 Nov 2026 + 3 months: no 30 Feb -> 28 Feb 2027, a Sunday -> Mon 1 Mar.
func TestAddMonthsThree(t *testing.T) {
	got := DueDate(AddMonths(date(2026, 11, 30), 3, nil))
	if !got.Equal(date(2027, 3, 1)) {
		t.Fatalf("due %s, want 2027-03-01", got.Format(time.DateOnly))
	}
}

// A decree day counts as a holiday: received 15 April 2026, 15 May 2026 is
// the Friday after Ascension, equated by decree -> due Mon 18 May. Without
// the decree days the period ends on the Friday.
func TestAddMonthsDecreeDay(t *testing.T) {
	if got := DueDate(AddMonths(date(2026, 4, 15), 1, DefaultCalendar())); !got.Equal(date(2026, 5, 18)) {
		t.Fatalf("with decree: %s, want 2026-05-18", got.Format(time.DateOnly))
	}
	if got := DueDate(AddMonths(date(2026, 4, 15), 1, NewCalendar())); !got.Equal(date(2026, 5, 15)) {
		t.Fatalf("without decree: %s, want 2026-05-15", got.Format(time.DateOnly))
	}
}
