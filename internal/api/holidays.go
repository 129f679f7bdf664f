package api

import (
	"net/http"
	"strconv"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
	"privacyregister/internal/holidays"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// NewDecreeDay is the body of POST /api/v1/decree-days.
type NewDecreeDay struct {
	Day   string `json:"day"`   // YYYY-MM-DD
	Title string `json:"title"` // the decree's title or the reason
}

// DecreeDayAdded is the day as stored and how many open requests' due
// dates it moved.
type DecreeDayAdded struct {
	store.DecreeDay
	MovedRequests int `json:"moved_requests"`
}

// DecreeDayDeleted says how many open requests' due dates moved back.
type DecreeDayDeleted struct {
	MovedRequests int `json:"moved_requests"`
}

// holidayRoutes are the holiday and decree-day endpoints.
func (a *API) holidayRoutes() {
	a.Handle(Route{Method: "GET", Path: "/api/v1/holidays", Perm: org.ViewAdministration, Tag: "holidays", Query: []string{"year"},
		Summary:  "The days of a year (default: this year) on which periods do not end besides weekends: public holidays, days equated by decree (embedded, installation file, the organisation's own), with kind and source",
		Response: []holidays.Day{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			year := a.Store.Now().In(deadline.Amsterdam).Year()
			if v := r.URL.Query().Get("year"); v != "" {
				y, err := strconv.Atoi(v)
				if err != nil || y < 2000 || y > 2200 {
					return nil, apperr.Invalidf("year", "Give a year from 2000 to 2200.")
				}
				year = y
			}
			return nonNil(a.Store.Holidays(r.Context(), c.Org.ID, year))
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/decree-days", Perm: org.ManageSettings, Tag: "holidays",
		Summary: "Equate a day with a public holiday for the organisation (a royal decree newer than the program); open requests' due dates move", Request: NewDecreeDay{}, Response: DecreeDayAdded{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in NewDecreeDay
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			out := DecreeDayAdded{DecreeDay: store.DecreeDay{Day: in.Day, Title: in.Title, AddedBy: c.User.Email}}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
				out.MovedRequests, err = tx.AddDecreeDay(r.Context(), c.Org.ID, &out.DecreeDay)
				return
			}); err != nil {
				return nil, err
			}
			return Created{out}, nil
		})
	a.Handle(Route{Method: "DELETE", Path: "/api/v1/decree-days/{id}", Perm: org.ManageSettings, Tag: "holidays",
		Summary: "Remove one of the organisation's own decree days; open requests' due dates move back", Response: DecreeDayDeleted{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			var out DecreeDayDeleted
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
				out.MovedRequests, err = tx.DeleteDecreeDay(r.Context(), c.Org.ID, id)
				return
			}); err != nil {
				return nil, err
			}
			return out, nil
		})
}
