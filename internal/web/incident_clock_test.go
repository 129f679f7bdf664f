package web

import (
	"testing"
	"time"
)

// The 72-hour clock speaks Dutch on a Dutch page: "nog 43 uur 52 min",
// not "nog 43 h 52 min" (issue 13).
func TestIncidentClockInDutch(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	due := now.Add(43*time.Hour + 52*time.Minute)
	for _, c := range []struct{ lang, want string }{
		{"nl", "nog 43 uur 52 min"},
		{"en", "43 h 52 min left"},
	} {
		k := newIncClock(&Ctx{Lang: c.lang}, "AP", due, nil, now)
		if k.Remaining != c.want {
			t.Errorf("%s: %q, want %q", c.lang, k.Remaining, c.want)
		}
	}
	k := newIncClock(&Ctx{Lang: "nl"}, "AP", now.Add(-3*time.Hour), nil, now)
	if k.Remaining != "3 uur 0 min over de termijn" {
		t.Errorf("overdue: %q", k.Remaining)
	}
}
