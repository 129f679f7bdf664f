// Package holidays lists, for one organisation, the days on which a legal
// period does not end besides weekends (Algemene termijnenwet art. 3), and
// checks the days an organisation's beheerder equates with a public
// holiday when a royal decree (art. 3(3)) is newer than the program.
package holidays

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
)

// Kind says where a day comes from.
type Kind string

const (
	Statutory    Kind = "statutory"    // art. 3(1) and (2), computed for every year
	Decree       Kind = "decree"       // a royal decree shipped with the program
	Installation Kind = "installation" // the installation's --decree-days file
	Organisation Kind = "organisation" // added by the organisation's beheerder
)

// MaxTitle is the longest title of an organisation's day, in characters.
const MaxTitle = 300

// OrgDay is a day an organisation equates with a public holiday.
type OrgDay struct {
	ID      int64     `json:"id"`
	Day     string    `json:"day"`   // YYYY-MM-DD
	Title   string    `json:"title"` // the decree's title or the reason
	AddedBy string    `json:"added_by"`
	AddedAt time.Time `json:"added_at"`
}

// Date is the day at midnight UTC, the form deadline.Calendar takes; zero
// when Day does not parse.
func (d OrgDay) Date() time.Time {
	t, err := time.Parse(time.DateOnly, d.Day)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Day is one day on which periods do not end.
type Day struct {
	Date    string    `json:"date"` // YYYY-MM-DD
	Name    string    `json:"name"` // Dutch, as the Act names it
	English string    `json:"english"`
	Kind    Kind      `json:"kind"`
	Source  string    `json:"source,omitempty"` // the decree's title or the organisation's reason
	ID      int64     `json:"id,omitempty"`     // of an organisation's day
	AddedBy string    `json:"added_by,omitempty"`
	AddedAt time.Time `json:"added_at,omitzero"`
}

// Time is the day at midnight UTC.
func (d Day) Time() time.Time { t, _ := time.Parse(time.DateOnly, d.Date); return t }

// embedded tells the decree days shipped with the program from those of
// an installation file; it is only read.
var embedded = deadline.DefaultCalendar()

// Calendar is base (statutory holidays, embedded and installation decree
// days) plus the organisation's own days, as a new calendar: base is not
// changed.
func Calendar(base *deadline.Calendar, own []OrgDay) *deadline.Calendar {
	hs := make([]deadline.Holiday, 0, len(own))
	for _, d := range own {
		if t := d.Date(); !t.IsZero() {
			hs = append(hs, deadline.Holiday{Date: t, Source: d.Title})
		}
	}
	return base.With(hs...)
}

// Year lists the year's days on which periods do not end, weekends aside,
// in date order, each with its kind and source.
func Year(year int, base *deadline.Calendar, own []OrgDay) []Day {
	var out []Day
	for _, h := range base.Holidays(year) {
		d := Day{Date: h.Date.Format(time.DateOnly), Name: h.Name, English: h.English, Kind: Statutory}
		if h.Decree {
			d.Kind, d.Source = Installation, h.Source
			if e, ok := embedded.Holiday(h.Date); ok && e.Decree {
				d.Kind, d.Source = Decree, e.Source
			}
		}
		out = append(out, d)
	}
	for _, o := range own {
		t := o.Date()
		if t.Year() != year {
			continue
		}
		h, _ := deadline.NewCalendar(deadline.Holiday{Date: t}).Holiday(t) // a decree day's usual name
		out = append(out, Day{Date: o.Day, Name: h.Name, English: h.English, Kind: Organisation, Source: o.Title,
			ID: o.ID, AddedBy: o.AddedBy, AddedAt: o.AddedAt})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// Validate checks a day the organisation wants to add against cal, its
// calendar so far: a real date (years 2000-2200), a weekday on which
// periods still end, and a title. It trims d's fields.
func Validate(d *OrgDay, cal *deadline.Calendar) error {
	var errs apperr.List
	d.Day, d.Title = strings.TrimSpace(d.Day), strings.TrimSpace(d.Title)
	t, err := time.Parse(time.DateOnly, d.Day)
	switch {
	case d.Day == "":
		errs = append(errs, apperr.Invalidf("day", "Give a date."))
	case err != nil:
		errs = append(errs, apperr.Invalidf("day", "Give a valid date."))
	case t.Year() < 2000 || t.Year() > 2200:
		errs = append(errs, apperr.Invalidf("day", "Give a day between the years 2000 and 2200."))
	case t.Weekday() == time.Saturday || t.Weekday() == time.Sunday:
		errs = append(errs, apperr.Invalidf("day", "That day is a Saturday or a Sunday, on which no period ends anyway."))
	default:
		if h, ok := deadline.NewCalendar().Holiday(t); ok {
			errs = append(errs, apperr.Invalidf("day", "That day is already a public holiday: %s.", h.Name))
		} else if h, ok := cal.Holiday(t); ok {
			src := h.Source
			if src == "" {
				src = h.Name
			}
			errs = append(errs, apperr.Invalidf("day", "That day is already equated with a public holiday: %s.", src))
		}
	}
	switch {
	case d.Title == "":
		errs = append(errs, apperr.Invalidf("title", "Give the title of the decree or the reason."))
	case utf8.RuneCountInString(d.Title) > MaxTitle:
		errs = append(errs, apperr.Invalidf("title", "Keep the title under %d characters.", MaxTitle))
	}
	return errs.Err()
}
