package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// incMember is the member of c as the incident package's access rules
// see them.
func incMember(c *Ctx) incident.Member {
	if c.Org == nil {
		return incident.Member{UserID: c.User.ID}
	}
	return incident.MemberOf(c.User.ID, c.Role)
}

// incidentScope narrows the register to what the member may see.
func incidentScope(c *Ctx, f *store.IncidentFilter) {
	f.AssigneeID, f.ReporterID = incMember(c).Scope()
}

func canSeeIncident(c *Ctx, i *store.Incident) bool {
	return incMember(c).CanSee(i.ReporterID, i.AssigneeID)
}

func canWorkIncident(c *Ctx, i *store.Incident) bool {
	return incMember(c).CanWork(i.AssigneeID)
}

// loadIncident reads the case of the path; cases the member may not see
// answer 404, as if they did not exist.
func (s *Server) loadIncident(r *http.Request, c *Ctx) (*store.Incident, error) {
	id, err := pathID(r, "incident")
	if err != nil {
		return nil, err
	}
	i, err := s.Store.Incident(r.Context(), c.Org.ID, id)
	if err != nil {
		return nil, err
	}
	if !canSeeIncident(c, i) {
		return nil, apperr.NotFoundf("incident not found")
	}
	return i, nil
}

func incidentURL(c *Ctx, id int64) string {
	return "/o/" + c.Org.Short + "/incidents/" + strconv.FormatInt(id, 10)
}

// incClock is a deadline as the case page and the register show it.
type incClock struct {
	Label     string
	Due       time.Time
	Done      *time.Time // met at
	State     deadline.State
	Remaining string // "41 h 20 min" or "overdue by 3 h"
	Late      bool   // met, but after the deadline
}

func newIncClock(c *Ctx, label string, due time.Time, done *time.Time, now time.Time) incClock {
	k := incClock{Label: label, Due: due, Done: done}
	if done != nil {
		k.Late = done.After(due)
		return k
	}
	k.State = deadline.Status(due, now, 24*time.Hour)
	left := due.Sub(now).Round(time.Minute)
	if left < 0 {
		k.Remaining = c.T("overdue by %s", incHoursMinutes(c, -left))
	} else {
		k.Remaining = c.T("%s left", incHoursMinutes(c, left))
	}
	return k
}

// incHoursMinutes is a duration in the user's words: "43 uur 52 min".
func incHoursMinutes(c *Ctx, d time.Duration) string {
	h := int(d.Hours())
	m := int(d.Minutes()) - 60*h
	return c.T("%d h %d min", h, m)
}

// incidentList is the register with its filters.
func (s *Server) incidentList(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	q := r.URL.Query()
	f := store.IncidentFilter{State: q.Get("state"), Notified: q.Get("notified"), Processor: q.Get("processor"), Query: q.Get("q"), Limit: 100}
	var errs apperr.List
	if v := q.Get("year"); v != "" {
		if f.Year, _ = strconv.Atoi(v); f.Year < 2000 || f.Year > 3000 {
			errs = append(errs, apperr.Invalidf("year", "Give a year such as 2026."))
			f.Year = 0
		}
	}
	if v := q.Get("activity"); v != "" {
		f.ActivityID, _ = strconv.ParseInt(v, 10, 64)
	}
	page, _ := strconv.Atoi(q.Get("page"))
	if page < 1 {
		page = 1
	}
	f.Offset = (page - 1) * f.Limit
	incidentScope(c, &f)
	rows, total, err := s.Store.Incidents(r.Context(), c.Org.ID, f)
	if err != nil {
		return err
	}
	years, err := s.Store.IncidentYears(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	var acts []store.IncidentActivityChoice
	if c.Can(org.ViewAdministration) {
		if acts, err = s.Store.IncidentActivityChoices(r.Context(), c.Org.ID); err != nil {
			return err
		}
	}
	now := s.Store.Now()
	type row struct {
		store.IncidentRow
		Outcome string
		Clock   *incClock
	}
	list := make([]row, len(rows))
	for k, ir := range rows {
		list[k] = row{IncidentRow: ir}
		if ir.Outcome != "" {
			list[k].Outcome = incident.Label(c.Lang, ir.Outcome)
		}
		if ir.APDueAt != nil && ir.ClosedAt == nil && ir.Outcome.RunsAuthorityClock() {
			k2 := newIncClock(c, "AP", *ir.APDueAt, ir.NotifiedAuthorityAt, now)
			list[k].Clock = &k2
		}
	}
	data := map[string]any{"Rows": list, "Total": total, "F": f, "Q": q, "Years": years, "Activities": acts, "Page": page,
		"Next": f.Offset+len(rows) < total, "Prev": page > 1, "NextPage": page + 1, "PrevPage": page - 1, "QueryString": incPageQuery(q),
		"CanReport": c.Can(org.ReportIncident), "CanView": c.Can(org.ViewAdministration), "CanEdit": c.Can(org.EditAdministration)}
	if len(errs) > 0 {
		data["Errors"] = messages(c, errs)
	}
	s.render(w, r, c, "incidents", "Incidents", data)
	return nil
}

// pageQuery is the filter query without the page, for paging links.
func incPageQuery(q map[string][]string) string {
	var parts []string
	for _, k := range []string{"year", "state", "notified", "activity", "processor", "q"} {
		if v := q[k]; len(v) > 0 && v[0] != "" {
			parts = append(parts, k+"="+url.QueryEscape(v[0]))
		}
	}
	return strings.Join(parts, "&")
}
