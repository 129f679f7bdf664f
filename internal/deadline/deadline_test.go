package deadline

import (
	"testing"
	"time"
)

func ams(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, Amsterdam)
}

// Art. 33(1) AVG: 72 hours after becoming aware. Aware at 21:30 on
// Saturday 24 October 2026, the night summer time ends (03:00 CEST becomes
// 02:00 CET on the 25th): 72 real hours later is Tuesday 27 October 20:30
// CET, not 21:30.
func TestAddHours72AcrossEndOfSummerTime(t *testing.T) {
	aware := ams(2026, time.October, 24, 21, 30)
	got := AddHours(aware, 72).In(Amsterdam)
	want := ams(2026, time.October, 27, 20, 30)
	if !got.Equal(want) || got.Hour() != 20 || got.Weekday() != time.Tuesday {
		t.Fatalf("AddHours = %v, want %v", got, want)
	}
	if got.Sub(aware) != 72*time.Hour {
		t.Fatalf("elapsed %v, want 72h", got.Sub(aware))
	}
}

// And the other way: start of summer time (29 March 2026) makes the local
// clock jump forward, so 72 h from 21:30 on the 28th is 22:30 on the 31st.
func TestAddHours72AcrossStartOfSummerTime(t *testing.T) {
	got := AddHours(ams(2026, time.March, 28, 21, 30), 72).In(Amsterdam)
	if want := ams(2026, time.March, 31, 22, 30); !got.Equal(want) {
		t.Fatalf("AddHours = %v, want %v", got, want)
	}
}

func TestStatus(t *testing.T) {
	due := ams(2026, time.May, 1, 12, 0)
	for _, c := range []struct {
		now  time.Time
		want State
	}{
		{ams(2026, time.April, 20, 12, 0), OK},
		{ams(2026, time.April, 29, 12, 0), DueSoon},
		{due, DueSoon},
		{due.Add(time.Second), Overdue},
	} {
		if got := Status(due, c.now, 72*time.Hour); got != c.want {
			t.Errorf("Status(now=%v) = %s, want %s", c.now, got, c.want)
		}
	}
	if r := Remaining(due, due.Add(-time.Hour)); r != time.Hour {
		t.Errorf("Remaining = %v", r)
	}
}
