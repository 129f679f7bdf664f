package web

import (
	"net/http"
	"slices"

	"privacyregister/internal/due"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// registerDashboardMax is how many overdue register reviews are listed
// one by one; the rest are one line linking to the filtered register.
const registerDashboardMax = 15

// dueItems is what c's organisation has due (internal/due), as c's role
// may see it: everything with ViewAdministration, else a technicus's
// breach clocks of the cases assigned to them. Overdue first, then by date.
func (s *Server) dueItems(r *http.Request, c *Ctx) ([]DashboardItem, error) {
	everything := c.Can(org.ViewAdministration)
	if !everything && !c.Can(org.WorkIncidents) {
		return nil, nil
	}
	items, err := due.Collect(r.Context(), s.Store, c.Org.ID, s.Store.Now(), due.Options{ReviewMax: registerDashboardMax, BreachMax: 200})
	if err != nil {
		return nil, err
	}
	base := "/o/" + c.Org.Short
	var out []DashboardItem
	for _, it := range items {
		if !everything && !(it.Breach && it.Owner == c.User.ID) {
			continue
		}
		title := it.Title
		if len(it.Rights) > 0 {
			title += " · " + rightsText(c.Lang, it.Rights)
		}
		out = append(out, DashboardItem{Due: it.Due, Overdue: it.Overdue, Kind: it.Kind, Title: title, Link: base + it.Path, Owner: it.Owner, Timed: it.Breach})
		if it.More > 0 {
			out = append(out, DashboardItem{Due: it.Due, Overdue: it.Overdue, Kind: it.Kind, More: it.More, Link: base + "/register?overdue=1&sort=next_review",
				Title: c.T("and %d more processing activities past their review", it.More)})
		}
	}
	return out, nil
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	items, err := s.dueItems(r, c)
	if err != nil {
		return err
	}
	// "Mine": what is assigned to the user (tasks they own, breaches they
	// handle); the rest of the organisation's dates stay on the full list.
	mine := r.URL.Query().Get("mine") == "1"
	if mine {
		items = slices.DeleteFunc(items, func(it DashboardItem) bool { return it.Owner != c.User.ID })
	}
	// Group by month so a long list stays readable.
	type month struct {
		Label string
		Items []DashboardItem
	}
	var months []month
	overdue := month{Label: "Overdue"}
	for _, it := range items {
		if it.Overdue {
			overdue.Items = append(overdue.Items, it)
			continue
		}
		label := it.Due.In(Amsterdam).Format("2006-01")
		if len(months) == 0 || months[len(months)-1].Label != label {
			months = append(months, month{Label: label})
		}
		months[len(months)-1].Items = append(months[len(months)-1].Items, it)
	}
	if len(overdue.Items) > 0 {
		months = append([]month{overdue}, months...)
	}
	s.render(w, r, c, "calendar", "Calendar", map[string]any{"Months": months, "Count": len(items), "Mine": mine})
	return nil
}

func (s *Server) calendarFeedPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	has, err := s.Store.HasCalendarFeed(r.Context(), c.User.ID)
	if err != nil {
		return err
	}
	s.render(w, r, c, "calendar_feed", "Calendar feed", map[string]any{"Has": has})
	return nil
}

func (s *Server) calendarFeedCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	var token string
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) { token, err = tx.CreateCalendarFeed(r.Context(), c.User.ID); return }); err != nil {
		return err
	}
	s.render(w, r, c, "calendar_feed", "Calendar feed", map[string]any{"Has": true, "URL": s.baseURL(r) + "/ical/" + token})
	return nil
}

func (s *Server) calendarFeedRevoke(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.RevokeCalendarFeeds(r.Context(), c.User.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/calendar/feed", "saved")
	return nil
}

// baseURL is the configured public address, else the one the request
// came in on.
func (s *Server) baseURL(r *http.Request) string {
	if s.Config.BaseURL != "" {
		return s.Config.BaseURL
	}
	scheme := "http"
	if r.TLS != nil || s.Config.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
