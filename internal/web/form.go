package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
)

// form reads typed values from a posted form (parsed by the caller or on
// the first read) and records an error naming the field for every value it
// cannot read, so the page shows them all at once. It is the one form
// reader of the web pages: every checkbox, date and number is read the same
// way whichever page posts it.
type form struct {
	r    *http.Request
	errs apperr.List
}

func newForm(r *http.Request) *form { return &form{r: r} }

func (f *form) bad(name, msg string, args ...any) {
	f.errs = append(f.errs, apperr.Invalidf(name, msg, args...))
}

// err is nil when every value could be read.
func (f *form) err() error { return f.errs.Err() }

// str is the field's value without surrounding space.
func (f *form) str(name string) string { return strings.TrimSpace(f.r.PostFormValue(name)) }

// optStr is the field's value, or nil when it is empty.
func (f *form) optStr(name string) *string {
	if v := f.str(name); v != "" {
		return &v
	}
	return nil
}

// values are the field's non-empty values (a multiple select, checkboxes
// sharing a name).
func (f *form) values(name string) []string {
	_ = f.r.PostFormValue(name) // parses the form when the caller did not
	var out []string
	for _, v := range f.r.PostForm[name] {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// check reports whether a checkbox is ticked. A browser posts a ticked box
// as "on" or its value attribute and leaves an unticked one out; a client
// posting the form itself may say yes or no in words.
func (f *form) check(name string) bool {
	switch strings.ToLower(f.str(name)) {
	case "", "0", "false", "off", "no", "nee":
		return false
	}
	return true
}

// num reads a whole number; empty is 0.
func (f *form) num(name string) int {
	if n := f.optInt(name); n != nil {
		return *n
	}
	return 0
}

// optInt reads a whole number, nil when empty.
func (f *form) optInt(name string) *int {
	v := f.str(name)
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.bad(name, "Give a whole number.")
		return nil
	}
	return &n
}

// optFloat reads an amount in euros ("€ 1.000.000,50" or "1000000.50"),
// nil when empty.
func (f *form) optFloat(name string) *float64 {
	v := strings.NewReplacer("€", "", "EUR", "", " ", "", ".", "").Replace(f.str(name))
	v = strings.ReplaceAll(v, ",", ".")
	if v == "" {
		return nil
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		f.bad(name, "must be an amount")
		return nil
	}
	return &n
}

// ids reads the ids a field lists (a multiple select or checkboxes).
func (f *form) ids(name string) []int64 {
	var out []int64
	for _, v := range f.values(name) {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			f.bad(name, "Unknown value %q.", v)
			continue
		}
		out = append(out, id)
	}
	return out
}

// optID reads one id, nil when empty.
func (f *form) optID(name string) *int64 {
	v := f.str(name)
	if v == "" {
		return nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		f.bad(name, "Unknown value %q.", v)
		return nil
	}
	return &id
}

// parseDay reads a date (yyyy-mm-dd as a date input sends it, or
// dd-mm-yyyy) as midnight in Amsterdam; nil when empty.
func parseDay(v string) (*time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, true
	}
	for _, layout := range []string{"2006-01-02", "02-01-2006", "2-1-2006"} {
		if t, err := time.ParseInLocation(layout, v, Amsterdam); err == nil {
			u := t.UTC()
			return &u, true
		}
	}
	return nil, false
}

// date reads a calendar date as midnight in Amsterdam; nil when empty.
func (f *form) date(name string) *time.Time {
	return f.dateOf(name, f.r.PostFormValue(name))
}

// dateOf reads v, a date of the field name (one cell of rows).
func (f *form) dateOf(name, v string) *time.Time {
	t, ok := parseDay(v)
	if !ok {
		f.bad(name, "Give a valid date.")
	}
	return t
}

// day reads the date on which something happened: today means now, so a
// step recorded today never lies before a request received this morning;
// another day means noon there. The zero time when empty; required
// records an error then.
func (f *form) day(name string, required bool, now time.Time) time.Time {
	d := f.date(name)
	if d == nil {
		if required && f.str(name) == "" {
			f.bad(name, "Give a date.")
		}
		return time.Time{}
	}
	if d.In(Amsterdam).Format(time.DateOnly) == now.In(Amsterdam).Format(time.DateOnly) {
		return now
	}
	return d.Add(12 * time.Hour).UTC()
}

// when reads a date and time (datetime-local, or a date) in Amsterdam time;
// nil when empty.
func (f *form) when(name string) *time.Time {
	v := f.str(name)
	if v == "" {
		return nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02", "02-01-2006 15:04"} {
		if t, err := time.ParseInLocation(layout, v, Amsterdam); err == nil {
			t = t.UTC()
			return &t
		}
	}
	f.bad(name, "Give a valid date and time.")
	return nil
}

// rows returns the i-th values of repeated fields, one row per index.
func (f *form) rows(names ...string) [][]string {
	_ = f.r.PostFormValue(names[0])
	n := 0
	for _, name := range names {
		n = max(n, len(f.r.PostForm[name]))
	}
	out := make([][]string, n)
	for i := range out {
		out[i] = make([]string, len(names))
		for j, name := range names {
			if vs := f.r.PostForm[name]; i < len(vs) {
				out[i][j] = strings.TrimSpace(vs[i])
			}
		}
	}
	return out
}

// typed is what the user posted for name when a refused form is shown
// again, so a date that could not be read stays as typed; shown otherwise.
func typed(r *http.Request, name, shown string) string {
	if r.Method == http.MethodPost {
		if vs, ok := r.PostForm[name]; ok && len(vs) > 0 {
			return strings.TrimSpace(vs[0])
		}
	}
	return shown
}
