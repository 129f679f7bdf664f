package holidays

import (
	"strings"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
	"privacyregister/internal/i18n/i18ntest"
)

func day(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }

// An installation file adds a hypothetical decree day, 4 June 2027; the
// organisation adds 7 June 2027. The year 2027 then lists the nine days of
// art. 3(1)/(2), the Friday after Ascension (7 May 2027) equated by the
// embedded Besluit gelijkstelling, the installation's day and the
// organisation's own, each with its source.
func TestYearKindsAndSources(t *testing.T) {
	base := deadline.DefaultCalendar().With(deadline.Holiday{Date: day("2027-06-04"), Source: "Besluit uit het installatiebestand"})
	own := []OrgDay{{ID: 9, Day: "2027-06-07", Title: "Sluiting na verhuizing", AddedBy: "beheer@bieb.example"}, {ID: 10, Day: "2028-01-03", Title: "other year"}}
	got := Year(2027, base, own)
	want := map[string]Kind{
		"2027-01-01": Statutory, "2027-03-26": Statutory, "2027-03-29": Statutory, "2027-04-27": Statutory, "2027-05-05": Statutory,
		"2027-05-06": Statutory, "2027-05-07": Decree, "2027-05-17": Statutory, "2027-06-04": Installation, "2027-06-07": Organisation,
		"2027-12-25": Statutory, "2027-12-26": Statutory,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d days, want %d: %+v", len(got), len(want), got)
	}
	for i, d := range got {
		if want[d.Date] != d.Kind {
			t.Errorf("%s: kind %q, want %q", d.Date, d.Kind, want[d.Date])
		}
		if i > 0 && got[i-1].Date > d.Date {
			t.Errorf("not in date order at %s", d.Date)
		}
		if d.Name == "" || d.English == "" {
			t.Errorf("%s has no name: %+v", d.Date, d)
		}
		switch d.Kind {
		case Decree:
			if !strings.Contains(d.Source, "7 mei 2027") {
				t.Errorf("decree day source %q", d.Source)
			}
		case Installation:
			if d.Source != "Besluit uit het installatiebestand" {
				t.Errorf("installation day source %q", d.Source)
			}
		case Organisation:
			if d.ID != 9 || d.AddedBy != "beheer@bieb.example" || d.Source != "Sluiting na verhuizing" {
				t.Errorf("own day %+v", d)
			}
		}
	}
	if got[5].Name != "Hemelvaartsdag" || got[5].English != "Ascension Day" {
		t.Errorf("6 May 2027: %+v", got[5])
	}
}

// Calendar adds the organisation's days to a copy: the base stays as it
// was, and a day that does not parse is left out rather than guessed.
func TestCalendarCopies(t *testing.T) {
	base := deadline.DefaultCalendar()
	cal := Calendar(base, []OrgDay{{Day: "2027-06-07", Title: "x"}, {Day: "7 juni"}})
	if cal.IsWorkingDay(day("2027-06-07")) || !base.IsWorkingDay(day("2027-06-07")) {
		t.Fatal("the organisation's day must count in its calendar only")
	}
}

func TestValidate(t *testing.T) {
	cal := Calendar(deadline.DefaultCalendar(), []OrgDay{{Day: "2027-06-07", Title: "eigen dag"}})
	long := strings.Repeat("x", MaxTitle+1)
	for _, c := range []struct {
		name, day, title string
		fields           []string // the fields in error, in order
		msg              string
	}{
		{"a weekday that is no holiday", "2027-06-08", "Besluit gelijkstelling", nil, ""},
		{"trimmed", " 2027-06-08 ", " reden ", nil, ""},
		{"no date", "", "x", []string{"day"}, "Give a date."},
		{"not a date", "2027-02-30", "x", []string{"day"}, "Give a valid date."},
		{"Dutch notation", "8 juni 2027", "x", []string{"day"}, "Give a valid date."},
		{"typo in the year", "0227-06-08", "x", []string{"day"}, "2000 and 2200"},
		{"Saturday 5 June 2027", "2027-06-05", "x", []string{"day"}, "Saturday"},
		{"Ascension Day 2027 is statutory", "2027-05-06", "x", []string{"day"}, "Hemelvaartsdag"},
		{"the Friday after Ascension 2027 is an embedded decree day", "2027-05-07", "x", []string{"day"}, "Besluit gelijkstelling"},
		{"the organisation's own day twice", "2027-06-07", "x", []string{"day"}, "eigen dag"},
		{"no title", "2027-06-08", "  ", []string{"title"}, "title of the decree"},
		{"title too long", "2027-06-08", long, []string{"title"}, "under 300"},
		{"both wrong", "x", "", []string{"day", "title"}, ""},
	} {
		d := &OrgDay{Day: c.day, Title: c.title}
		err := Validate(d, cal)
		var list apperr.List
		if err != nil {
			list, _ = err.(apperr.List)
			if list == nil {
				t.Errorf("%s: not a field list: %v", c.name, err)
				continue
			}
		}
		if len(list) != len(c.fields) {
			t.Errorf("%s: errors %v, want fields %v", c.name, err, c.fields)
			continue
		}
		for i, f := range c.fields {
			if list[i].Field != f {
				t.Errorf("%s: field %q, want %q", c.name, list[i].Field, f)
			}
		}
		if c.msg != "" && !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %q lacks %q", c.name, err, c.msg)
		}
		if err == nil && (d.Day != strings.TrimSpace(c.day) || d.Title != strings.TrimSpace(c.title)) {
			t.Errorf("%s: not trimmed: %+v", c.name, d)
		}
	}
}

// TestCatalogComplete fails when a validation message has no Dutch text.
func TestCatalogComplete(t *testing.T) {
	msgs := i18ntest.MessageIDs(t, ".", i18ntest.Calls{FieldFirst: []string{"Invalidf"}})
	if len(msgs) < 7 {
		t.Fatalf("found only %d messages", len(msgs))
	}
	i18ntest.CheckDutch(t, msgs)
}
