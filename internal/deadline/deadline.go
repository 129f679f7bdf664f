// Package deadline computes legal periods: hours counted as elapsed time
// (the 72 hours of art. 33 AVG), months counted per Regulation (EEC,
// Euratom) 1182/71 (the one month of art. 12(3) AVG), and Dutch working
// days per the Algemene termijnenwet. Callers always pass the times in;
// nothing here reads the clock.
package deadline

import (
	"time"
	_ "time/tzdata" // a static binary must still know Europe/Amsterdam
)

// Amsterdam is the zone in which calendar days are counted and times shown.
var Amsterdam = mustZone("Europe/Amsterdam")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("deadline: " + err.Error())
	}
	return loc
}

// AddHours returns aware plus h hours of real elapsed time. The sum is done
// in UTC, so a period that crosses a daylight-saving change is still h hours
// long: 72 h from 21:30 on the night summer time ends is 20:30 local.
func AddHours(aware time.Time, h int) time.Time {
	return aware.UTC().Add(time.Duration(h) * time.Hour)
}

// Remaining is the time left until due; negative once it has passed.
func Remaining(due, now time.Time) time.Duration { return due.Sub(now) }

// State is how a deadline stands, for dashboards.
type State string

const (
	OK      State = "ok"
	DueSoon State = "due_soon"
	Overdue State = "overdue"
)

// Status reports Overdue once now is after due, DueSoon within warnBefore
// of it, else OK.
func Status(due, now time.Time, warnBefore time.Duration) State {
	left := due.Sub(now)
	switch {
	case left < 0:
		return Overdue
	case left <= warnBefore:
		return DueSoon
	}
	return OK
}
