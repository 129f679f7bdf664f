package web

import (
	"net/http"
	"slices"
	"sort"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

func init() {
	areaRoutes = append(areaRoutes, func(s *Server) {
		m := s.mux
		m.HandleFunc("GET /o/{org}/calendar", s.inOrg(org.ViewAdministration, s.calendarPage))
		m.HandleFunc("GET /calendar/feed", s.signedIn(s.calendarFeedPage, false))
		m.HandleFunc("POST /calendar/feed", s.signedIn(s.calendarFeedCreate, false))
		m.HandleFunc("POST /calendar/feed/revoke", s.signedIn(s.calendarFeedRevoke, false))
		m.HandleFunc("GET /ical/{token}", s.icalFeed)
	})
	navItems = append(navItems, NavItem{Path: "calendar", Label: "Calendar", Perm: org.ViewAdministration})
}

// dueItems collects what every area has due for c's organisation and
// role, overdue first, then by date.
func (s *Server) dueItems(r *http.Request, c *Ctx) ([]DashboardItem, error) {
	var items []DashboardItem
	for _, src := range dashboardSources {
		more, err := src(s, r, c)
		if err != nil {
			return nil, err
		}
		items = append(items, more...)
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Overdue != items[j].Overdue {
			return items[i].Overdue
		}
		return items[i].Due.Before(items[j].Due)
	})
	return items, nil
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
