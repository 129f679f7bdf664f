package task

import (
	"errors"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
)

func ams(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 12, 0, 0, 0, deadline.Amsterdam)
}

// endOf is the last instant of a day in Amsterdam: the due moment.
func endOf(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d+1, 0, 0, 0, 0, deadline.Amsterdam).Add(-time.Nanosecond)
}

func at(t time.Time) *time.Time { return &t }

// Seed 003 (the library's privacy policy): the policy is evaluated
// "tweejaarlijks in januari en februari", member files are cleaned up
// "ieder jaar in januari en februari", and the Bestuursverslag mentions the
// incidents "uiterlijk eind maart".
var (
	policy  = Task{Kind: PolicyEvaluation, Title: "Evaluatie privacybeleid", EveryMonths: 24, StartMonth: 1, WindowMonths: 2, AnchorYear: 2024, Active: true}
	cleanup = Task{Kind: RetentionCleanup, Title: "Opschonen ledenbestanden", EveryMonths: 12, StartMonth: 1, WindowMonths: 2, AnchorYear: 2026, Active: true}
	report  = Task{Kind: AnnualReport, Title: "Privacyparagraaf bestuursverslag", EveryMonths: 12, StartMonth: 1, WindowMonths: 3, AnchorYear: 2026, Active: true}
)

func TestNext(t *testing.T) {
	with := func(tk Task, anchor int, done *time.Time) Task {
		if anchor != 0 {
			tk.AnchorYear = anchor
		}
		tk.LastDone = done
		return tk
	}
	created := ams(2026, 3, 1)
	for _, c := range []struct {
		name       string
		t          Task
		created    time.Time
		start, due time.Time
	}{
		{"seed 003 policy evaluated 10 Feb 2024, every two years in Jan-Feb: next window 1 Jan-28 Feb 2026",
			with(policy, 0, at(ams(2024, 2, 10))), created, time.Date(2026, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2026, 2, 28)},
		{"seed 003 policy never evaluated, created March 2026: the 2026 window has passed, so Jan-Feb 2028 (a leap year)",
			with(policy, 0, nil), created, time.Date(2028, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2028, 2, 29)},
		{"seed 003 policy on odd years (anchor 2025), evaluated Feb 2024 (off the cycle): the 2025 evaluation is still due",
			with(policy, 2025, at(ams(2024, 2, 10))), created, time.Date(2025, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2025, 2, 28)},
		{"seed 003 clean-up yearly Jan-Feb done 15 Jan 2026: next due 28 Feb 2027",
			with(cleanup, 0, at(ams(2026, 1, 15))), created, time.Date(2027, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2027, 2, 28)},
		{"clean-up done in the 2027 window: due 29 Feb 2028 (leap year)",
			with(cleanup, 0, at(ams(2027, 2, 20))), created, time.Date(2028, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2028, 2, 29)},
		{"clean-up done late, 28 April 2026: counts for the 2026 window, next due 28 Feb 2027",
			with(cleanup, 0, at(ams(2026, 4, 28))), created, time.Date(2027, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2027, 2, 28)},
		{"clean-up done ahead, 20 December 2026: does not count for the coming 2027 window, which is still due 28 Feb 2027",
			with(cleanup, 0, at(ams(2026, 12, 20))), created, time.Date(2027, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2027, 2, 28)},
		{"clean-up done at 23:30 on 28 Feb 2026 in Amsterdam (22:30 UTC): still inside the window",
			with(cleanup, 0, at(time.Date(2026, 2, 28, 22, 30, 0, 0, time.UTC))), created, time.Date(2027, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2027, 2, 28)},
		{"clean-up never done, created 10 Jan 2026: due at the end of this window, 28 Feb 2026",
			with(cleanup, 0, nil), ams(2026, 1, 10), time.Date(2026, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2026, 2, 28)},
		{"clean-up never done, created 1 March 2026: first window ending after it is 2027's",
			with(cleanup, 0, nil), created, time.Date(2027, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2027, 2, 28)},
		{"seed 003 annual report, Jan-Mar, written 25 March 2026: due 'uiterlijk eind maart' 2027",
			with(report, 0, at(ams(2026, 3, 25))), created, time.Date(2027, 1, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2027, 3, 31)},
		{"monthly, one-month window, done 31 May: due 30 June",
			Task{EveryMonths: 1, StartMonth: 1, WindowMonths: 1, AnchorYear: 2026, LastDone: at(ams(2026, 5, 31))}, created,
			time.Date(2026, 6, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2026, 6, 30)},
		{"window across the year end (November-January), done 5 Jan 2027: counts for 2026's window, next due 31 Jan 2028",
			Task{EveryMonths: 12, StartMonth: 11, WindowMonths: 3, AnchorYear: 2026, LastDone: at(ams(2027, 1, 5))}, created,
			time.Date(2027, 11, 1, 0, 0, 0, 0, deadline.Amsterdam), endOf(2028, 1, 31)},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := c.t.Next(c.created)
			if !w.Start.Equal(c.start) || !w.Due.Equal(c.due) {
				t.Fatalf("window %s - %s, want %s - %s", w.Start, w.Due, c.start, c.due)
			}
		})
	}
}

// TestLateWorkNeverSkipsAWindow: work done after a window has ended counts
// for that window, however close the next one is (issue 12: a yearly
// January-February task done on 2 December 2026 moved the next window to
// 2028, skipping 2027).
func TestLateWorkNeverSkipsAWindow(t *testing.T) {
	tk := cleanup // yearly, January-February, anchor 2026
	for _, done := range []time.Time{ams(2026, 3, 1), ams(2026, 12, 2), time.Date(2026, 12, 31, 22, 59, 0, 0, time.UTC)} {
		if k := tk.CountsFor(done); k != 0 {
			t.Errorf("done %s: counts for window %d, want 0 (2026's)", done.Format("2 Jan 2006 15:04 MST"), k)
		}
	}
	tk.LastDone = at(ams(2026, 12, 2))
	if w := tk.Next(ams(2026, 3, 1)); !w.Due.Equal(endOf(2027, 2, 28)) {
		t.Errorf("done 2 December 2026: next due %s, want 28 February 2027", w.Due)
	}
}

func TestStateAt(t *testing.T) {
	w := cleanup.Window(0) // 1 Jan - 28 Feb 2026
	for now, want := range map[time.Time]State{
		ams(2025, 12, 31):         Upcoming,
		ams(2026, 1, 1):           Open,
		endOf(2026, 2, 28):        Open,
		endOf(2026, 2, 28).Add(1): Overdue,
		ams(2026, 3, 1):           Overdue,
	} {
		if got := w.StateAt(now); got != want {
			t.Errorf("%s: %s, want %s", now, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := cleanup
	ok.Title = "  Opschonen  "
	if err := ok.Validate(); err != nil || ok.Title != "Opschonen" {
		t.Fatalf("valid task: %v %q", err, ok.Title)
	}
	bad := Task{Kind: "sleep", EveryMonths: 61, StartMonth: 13, WindowMonths: 0, AnchorYear: 1999}
	var l apperr.List
	if err := bad.Validate(); !errors.As(err, &l) {
		t.Fatalf("got %v", err)
	}
	fields := map[string]bool{}
	for _, e := range l {
		fields[e.Field] = true
	}
	for _, f := range []string{"kind", "title", "every_months", "start_month", "window_months", "anchor_year"} {
		if !fields[f] {
			t.Errorf("no error for %s: %v", f, l)
		}
	}
	// A window longer than the period would overlap the next one.
	long := cleanup
	long.WindowMonths = 13
	if err := long.Validate(); !errors.As(err, &l) || len(l) != 1 || l[0].Field != "window_months" {
		t.Errorf("window of 13 months in 12: %v", err)
	}
}

func TestKindLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Kinds {
		if seen[k.Label()] {
			t.Errorf("%s shares its label", k)
		}
		seen[k.Label()] = true
	}
}
