package deadline

import (
	"sort"
	"time"
)

// Holiday is a day on which no period ends (Algemene termijnenwet art. 3).
type Holiday struct {
	Date    time.Time // midnight UTC of the calendar date
	Name    string    // Dutch, as the Act and the decrees name it
	English string
	Decree  bool   // equated by royal decree (art. 3(3)) rather than by the Act
	Source  string // for a decree day, the decree's title
}

// Calendar knows the Dutch days on which periods do not end: the statutory
// holidays, computed for any year, plus the days a royal decree equates
// with them. Decree days are data, published in the Staatscourant every few
// years; an administrator adds new ones with AddDecreeDays or LoadDecreeDays.
//
// The zero value and a nil *Calendar count statutory holidays and weekends
// only, which is the safe side: a period can end a day early, never late.
// Add decree days before sharing a Calendar; reads are then safe from many
// goroutines.
type Calendar struct {
	decree map[int]Holiday // key yyyymmdd
	// strict leaves out every day the Act only equates with a holiday
	// (Good Friday, art. 3(2), and decree days): see Strict.
	strict bool
}

// Strict is the calendar of the stricter reading of an EU period: Reg.
// 1182/71 art. 2(1) counts the member state's public holidays, while the
// Algemene termijnenwet equates Good Friday and the decree days with them
// "voor de toepassing van deze wet", which need not reach a period of the
// AVG. Without them a period never ends later; the pages show its date
// beside the one the Act gives when the two differ.
func Strict() *Calendar { return &Calendar{strict: true} }

// NewCalendar returns a calendar with the statutory holidays and the given
// decree days.
func NewCalendar(decree ...Holiday) *Calendar {
	c := &Calendar{}
	for _, h := range decree {
		c.addDecree(h)
	}
	return c
}

// With returns a copy of c with the further decree days hs; c itself is
// not changed, so a shared calendar can be extended per organisation
// without locks.
func (c *Calendar) With(hs ...Holiday) *Calendar {
	out := &Calendar{decree: make(map[int]Holiday, c.len()+len(hs))}
	if c != nil {
		for k, h := range c.decree {
			out.decree[k] = h
		}
	}
	for _, h := range hs {
		out.addDecree(h)
	}
	return out
}

func (c *Calendar) len() int {
	if c == nil {
		return 0
	}
	return len(c.decree)
}

// AddDecreeDays equates days with a public holiday (art. 3(3)).
func (c *Calendar) AddDecreeDays(days ...time.Time) {
	for _, d := range days {
		c.addDecree(Holiday{Date: d})
	}
}

func (c *Calendar) addDecree(h Holiday) {
	if c.decree == nil {
		c.decree = map[int]Holiday{}
	}
	y, m, d := h.Date.Date()
	h.Date, h.Decree = date(y, m, d), true
	if h.Name == "" {
		h.Name, h.English = "Gelijkgestelde dag", "Day equated by decree"
	}
	c.decree[key(y, m, d)] = h
}

func key(y int, m time.Month, d int) int { return y*10000 + int(m)*100 + d }

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Easter returns Easter Sunday of a Gregorian year (the anonymous
// Gregorian algorithm of Meeus, Jones and Butcher).
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date(year, time.Month(month), day)
}

// statutory lists art. 3(1) and (2) holidays of a year. King's Day is the
// 27th of April, or the 26th when the 27th is a Sunday (Wet viering
// Koningsdag).
func statutory(year int) [9]Holiday {
	e := Easter(year)
	rel := func(days int) time.Time { return e.AddDate(0, 0, days) }
	kings := date(year, time.April, 27)
	if kings.Weekday() == time.Sunday {
		kings = kings.AddDate(0, 0, -1)
	}
	return [9]Holiday{
		{Date: date(year, time.January, 1), Name: "Nieuwjaarsdag", English: "New Year's Day"},
		{Date: rel(-2), Name: "Goede Vrijdag", English: "Good Friday"},
		{Date: rel(1), Name: "Tweede Paasdag", English: "Easter Monday"},
		{Date: kings, Name: "Koningsdag", English: "King's Day"},
		{Date: date(year, time.May, 5), Name: "Bevrijdingsdag", English: "Liberation Day"},
		{Date: rel(39), Name: "Hemelvaartsdag", English: "Ascension Day"},
		{Date: rel(50), Name: "Tweede Pinksterdag", English: "Whit Monday"},
		{Date: date(year, time.December, 25), Name: "Eerste Kerstdag", English: "Christmas Day"},
		{Date: date(year, time.December, 26), Name: "Tweede Kerstdag", English: "Boxing Day"},
	}
}

// Holiday reports whether t's calendar date (as written in t's zone) is a
// holiday or decree day, and which.
func (c *Calendar) Holiday(t time.Time) (Holiday, bool) {
	y, m, d := t.Date()
	strict := c != nil && c.strict
	if c != nil && !strict {
		if h, ok := c.decree[key(y, m, d)]; ok {
			return h, true
		}
	}
	// Cheap exits first: only January, March to June and December hold
	// statutory holidays.
	switch m {
	case time.February, time.July, time.August, time.September, time.October, time.November:
		return Holiday{}, false
	}
	for i, h := range statutory(y) {
		if hm, hd := h.Date.Month(), h.Date.Day(); hm == m && hd == d && !(strict && i == goodFriday) {
			return h, true
		}
	}
	return Holiday{}, false
}

// goodFriday is Good Friday's place in statutory's list.
const goodFriday = 1

// IsWorkingDay reports whether t's calendar date is neither a Saturday, a
// Sunday, a holiday nor a decree day.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	y, m, d := t.Date()
	switch date(y, m, d).Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, hol := c.Holiday(t)
	return !hol
}

// NextWorkingDay returns the first working day after t's calendar date, at
// midnight UTC.
func (c *Calendar) NextWorkingDay(t time.Time) time.Time {
	y, m, d := t.Date()
	day := date(y, m, d+1)
	for !c.IsWorkingDay(day) {
		day = day.AddDate(0, 0, 1)
	}
	return day
}

// Holidays lists the year's holidays and decree days in date order.
func (c *Calendar) Holidays(year int) []Holiday {
	st := statutory(year)
	hs := st[:]
	if c != nil {
		for _, h := range c.decree {
			if h.Date.Year() == year {
				hs = append(hs, h)
			}
		}
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].Date.Before(hs[j].Date) })
	return hs
}
