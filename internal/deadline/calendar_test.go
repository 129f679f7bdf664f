package deadline

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestEaster(t *testing.T) {
	for _, want := range []string{"2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2038-04-25", "2285-03-22"} {
		w, _ := time.Parse(time.DateOnly, want)
		if got := Easter(w.Year()); !got.Equal(w) {
			t.Errorf("Easter(%d) = %s, want %s", w.Year(), got.Format(time.DateOnly), want)
		}
	}
}

// Art. 3(1) Algemene termijnenwet with the Wet viering Koningsdag: 27 April,
// or 26 April when the 27th is a Sunday (2025: 27 April is a Sunday).
func TestKingsDay(t *testing.T) {
	cal := NewCalendar()
	for _, c := range []struct {
		year int
		day  int
	}{{2025, 26}, {2026, 27}, {2031, 26}, {2027, 27}} {
		h, ok := cal.Holiday(date(c.year, time.April, c.day))
		if !ok || h.Name != "Koningsdag" {
			t.Errorf("%d-04-%d: got %v %v, want Koningsdag", c.year, c.day, h, ok)
		}
	}
	if _, ok := cal.Holiday(date(2025, time.April, 27)); ok {
		t.Error("27 April 2025 (a Sunday) should not be King's Day")
	}
}

// All nine days of art. 3(1) and (2) for 2026.
func TestHolidays2026(t *testing.T) {
	want := map[string]string{
		"2026-01-01": "Nieuwjaarsdag", "2026-04-03": "Goede Vrijdag", "2026-04-06": "Tweede Paasdag",
		"2026-04-27": "Koningsdag", "2026-05-05": "Bevrijdingsdag", "2026-05-14": "Hemelvaartsdag",
		"2026-05-25": "Tweede Pinksterdag", "2026-12-25": "Eerste Kerstdag", "2026-12-26": "Tweede Kerstdag",
	}
	got := NewCalendar().Holidays(2026)
	if len(got) != len(want) {
		t.Fatalf("got %d holidays, want %d: %v", len(got), len(want), got)
	}
	for _, h := range got {
		if want[h.Date.Format(time.DateOnly)] != h.Name {
			t.Errorf("%s %s not expected", h.Date.Format(time.DateOnly), h.Name)
		}
	}
	// With the decree days: 2 January and 15 May 2026 too, in date order.
	all := DefaultCalendar().Holidays(2026)
	if len(all) != 11 || !all[1].Date.Equal(date(2026, 1, 2)) || !all[1].Decree || all[1].Source == "" {
		t.Fatalf("default calendar 2026: %v", all)
	}
}

func TestWorkingDays(t *testing.T) {
	cal := DefaultCalendar()
	for _, c := range []struct {
		day  time.Time
		want bool
	}{
		{date(2026, 4, 7), true},   // Tuesday after Easter
		{date(2026, 4, 6), false},  // Easter Monday
		{date(2026, 4, 3), false},  // Good Friday, art. 3(2)
		{date(2026, 8, 1), false},  // Saturday
		{date(2026, 5, 15), false}, // decree day
		{date(2026, 5, 4), true},   // 4 May is no holiday
	} {
		if got := cal.IsWorkingDay(c.day); got != c.want {
			t.Errorf("IsWorkingDay(%s) = %v", c.day.Format(time.DateOnly), got)
		}
	}
	// Thursday 24 Dec 2026 -> Christmas, Boxing Day, weekend -> Mon 28 Dec.
	if got := cal.NextWorkingDay(date(2026, 12, 24)); !got.Equal(date(2026, 12, 28)) {
		t.Errorf("NextWorkingDay = %s", got.Format(time.DateOnly))
	}
}

func TestAddDecreeDays(t *testing.T) {
	cal := NewCalendar()
	d := time.Date(2029, 5, 11, 15, 0, 0, 0, Amsterdam)
	if !cal.IsWorkingDay(d) {
		t.Fatal("11 May 2029 should be a working day before the decree")
	}
	cal.AddDecreeDays(d)
	if cal.IsWorkingDay(d) {
		t.Fatal("a decree day must not be a working day")
	}
	if DefaultCalendar().IsWorkingDay(d) == false {
		t.Fatal("adding to one calendar changed another")
	}
}

// The embedded data file parses, and every day in it is a weekday that is
// not already a holiday (else it is a typo).
func TestDecreeFile(t *testing.T) {
	f, err := os.Open("decree_days.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hs, err := LoadDecreeDays(f)
	if err != nil || len(hs) < 10 {
		t.Fatalf("LoadDecreeDays: %d days, %v", len(hs), err)
	}
	for _, h := range hs {
		if !NewCalendar().IsWorkingDay(h.Date) {
			t.Errorf("decree day %s is already not a working day", h.Date.Format(time.DateOnly))
		}
		if !strings.Contains(h.Source, h.Date.Format("2006")) {
			t.Errorf("decree day %s not in its decree title %q", h.Date.Format(time.DateOnly), h.Source)
		}
	}
	if _, err := LoadDecreeDays(strings.NewReader(`{"decrees":[{"title":"x","days":["2026-13-01"]}]}`)); err == nil {
		t.Error("a bad date should fail")
	}
}

// With copies: an organisation's extra decree day (a hypothetical 7 June
// 2027) counts in the copy only, and the copy keeps the embedded decree
// day of 7 May 2027 (the Friday after Ascension).
func TestWithCopies(t *testing.T) {
	base := DefaultCalendar()
	own := base.With(Holiday{Date: date(2027, 6, 7), Source: "own"})
	if own.IsWorkingDay(date(2027, 6, 7)) || !base.IsWorkingDay(date(2027, 6, 7)) {
		t.Fatal("With must add to the copy only")
	}
	if own.IsWorkingDay(date(2027, 5, 7)) {
		t.Fatal("the copy lost the embedded decree day")
	}
	if h, _ := own.Holiday(date(2027, 6, 7)); !h.Decree || h.Source != "own" || h.Name == "" {
		t.Errorf("added day: %+v", h)
	}
	var none *Calendar
	if none.With().IsWorkingDay(date(2026, 5, 15)) == false {
		t.Error("a nil calendar has no decree days")
	}
}
