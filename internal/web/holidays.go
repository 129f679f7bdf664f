package web

import (
	"net/http"
	"strconv"
	"time"

	"privacyregister/internal/holidays"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// The holidays page lists, per year, the days on which the organisation's
// legal periods do not end, and lets its beheerder equate further days
// with a public holiday when a royal decree is newer than the program
// (issue 7).

// holidayRow is a day as the page shows it.
type holidayRow struct {
	holidays.Day
	T       time.Time
	Weekday string // English, a message id
}

// holidayYear reads ?year=, or takes the current year in Amsterdam.
func (s *Server) holidayYear(r *http.Request) int {
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2200 {
		return y
	}
	return s.Store.Now().In(Amsterdam).Year()
}

func (s *Server) holidayPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.renderHolidays(w, r, c, s.holidayYear(r), map[string]any{})
}

func (s *Server) renderHolidays(w http.ResponseWriter, r *http.Request, c *Ctx, year int, data map[string]any) error {
	days, err := s.Store.Holidays(r.Context(), c.Org.ID, year)
	if err != nil {
		return err
	}
	rows := make([]holidayRow, len(days))
	for i, d := range days {
		t := d.Time()
		rows[i] = holidayRow{Day: d, T: t, Weekday: t.Weekday().String()}
	}
	data["Year"], data["Prev"], data["Next"], data["Days"] = year, year-1, year+1, rows
	data["CanManage"] = c.Can(org.ManageSettings)
	if _, ok := data["Form"]; !ok {
		data["Form"] = store.DecreeDay{}
	}
	s.render(w, r, c, "holidays", "Holidays and decree days", data)
	return nil
}

func (s *Server) holidaysURL(c *Ctx, year int) string {
	return "/o/" + c.Org.Short + "/holidays?year=" + strconv.Itoa(year)
}

func (s *Server) decreeDayAdd(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	d := &store.DecreeDay{Day: r.PostFormValue("day"), Title: r.PostFormValue("title"), AddedBy: c.User.Email}
	var moved int
	err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		moved, err = tx.AddDecreeDay(r.Context(), c.Org.ID, d)
		return
	})
	if err != nil {
		year := s.holidayYear(r)
		if t := d.Date(); t.Year() >= 2000 && t.Year() <= 2200 {
			year = t.Year()
		}
		return s.formErrorHolidays(w, r, c, year, d, err)
	}
	flash := "decree-day-added"
	if moved > 0 {
		flash = "decree-day-added-moved"
	}
	redirectFlash(w, r, s.holidaysURL(c, d.Date().Year()), flash)
	return nil
}

// formErrorHolidays shows the page again with the form as filled in and
// the errors, with the error's status.
func (s *Server) formErrorHolidays(w http.ResponseWriter, r *http.Request, c *Ctx, year int, d *store.DecreeDay, err error) error {
	if st := status(err); st == http.StatusInternalServerError {
		return err
	} else {
		w.WriteHeader(st)
	}
	data := map[string]any{"Form": *d}
	putErrors(c, data, "holidays", err)
	return s.renderHolidays(w, r, c, year, data)
}

func (s *Server) decreeDayDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "day")
	if err != nil {
		return err
	}
	var moved int
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		moved, err = tx.DeleteDecreeDay(r.Context(), c.Org.ID, id)
		return
	}); err != nil {
		return err
	}
	flash := "decree-day-deleted"
	if moved > 0 {
		flash = "decree-day-deleted-moved"
	}
	year, err := strconv.Atoi(r.PostFormValue("year")) // the year the page showed
	if err != nil || year < 2000 || year > 2200 {
		year = s.holidayYear(r)
	}
	redirectFlash(w, r, s.holidaysURL(c, year), flash)
	return nil
}
