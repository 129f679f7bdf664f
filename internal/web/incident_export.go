package web

import (
	"net/http"
	"strconv"

	"privacyregister/internal/apperr"
	"privacyregister/internal/incident"
	"privacyregister/internal/report"
	"privacyregister/internal/store"
)

// incidentExport downloads the register (with the list's filters).
func (s *Server) incidentExport(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	q := r.URL.Query()
	f := store.IncidentFilter{State: q.Get("state"), Notified: q.Get("notified"), Processor: q.Get("processor"), Query: q.Get("q")}
	f.Year, _ = strconv.Atoi(q.Get("year"))
	f.ActivityID, _ = strconv.ParseInt(q.Get("activity"), 10, 64)
	format := r.PathValue("format")
	types := map[string]string{"csv": "text/csv; charset=utf-8", "json": "application/json",
		"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}
	ct, ok := types[format]
	if !ok {
		return apperr.NotFoundf("page not found")
	}
	list, err := s.Store.IncidentsFull(r.Context(), c.Org.ID, f)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="datalekregister-`+c.Org.Short+`.`+format+`"`)
	return report.WriteIncidents(w, format, c.Lang, c.Org, list)
}

// incidentOverview is the yearly overview for the annual report.
func (s *Server) incidentOverview(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	year := s.Store.Now().In(Amsterdam).Year()
	if v := r.URL.Query().Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 2000 || y > 3000 {
			return apperr.Invalidf("year", "Give a year such as 2026.")
		}
		year = y
	}
	ov, err := s.Store.IncidentOverview(r.Context(), c.Org.ID, year)
	if err != nil {
		return err
	}
	type count struct {
		Label string
		N     int
	}
	var byOutcome, byProperty []count
	for _, o := range []incident.Outcome{incident.SecurityIncident, incident.DocumentOnly, incident.NotifyAuthority, incident.NotifyAuthorityAndSubjects, incident.NotifyController} {
		byOutcome = append(byOutcome, count{incident.Label(c.Lang, o), ov.ByOutcome[o]})
	}
	for _, p := range []incident.Property{incident.Confidentiality, incident.Integrity, incident.Availability} {
		byProperty = append(byProperty, count{incident.Label(c.Lang, p), ov.ByProperty[p]})
	}
	s.render(w, r, c, "incident_overview", "Yearly overview of incidents", map[string]any{"O": ov, "ByOutcome": byOutcome, "ByProperty": byProperty,
		"Average": strconv.FormatFloat(ov.AverageHoursToAP, 'f', 1, 64), "Prev": year - 1, "Next": year + 1})
	return nil
}
