package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// NewIncident is the body of POST /api/v1/incidents: what a monitoring
// system or a reporter knows at first, the fields of the web's report
// form. The privacy officer completes the rest on the case page.
type NewIncident struct {
	Title           string              `json:"title"`
	Description     string              `json:"description"`
	System          string              `json:"system"`
	StartedAt       *time.Time          `json:"started_at"`
	DiscoveredAt    time.Time           `json:"discovered_at"`
	Ongoing         bool                `json:"ongoing"`
	ActivityIDs     []int64             `json:"activity_ids"`
	DataTypes       []incident.DataType `json:"data_types"`
	DataOther       string              `json:"data_other"`
	PeopleMin       int                 `json:"people_min"`
	PeopleMax       int                 `json:"people_max"`
	Properties      []incident.Property `json:"properties"`
	ContactName     string              `json:"contact_name"`
	ContactJobTitle string              `json:"contact_job_title"`
	ContactEmail    string              `json:"contact_email"`
	ContactPhone    string              `json:"contact_phone"`
}

// report is the body as the report every door makes.
func (in NewIncident) report() incident.Report {
	return incident.Report{Title: in.Title, Description: in.Description, System: in.System, StartedAt: in.StartedAt,
		DiscoveredAt: in.DiscoveredAt, Ongoing: in.Ongoing, ActivityIDs: in.ActivityIDs, DataTypes: in.DataTypes, DataOther: in.DataOther,
		People: incident.Range{Min: in.PeopleMin, Max: in.PeopleMax}, Properties: in.Properties,
		Reporter: incident.Contact{Name: in.ContactName, JobTitle: in.ContactJobTitle, Email: in.ContactEmail, Phone: in.ContactPhone}}
}

// IncidentList is a page of the breach register.
type IncidentList struct {
	Total     int                 `json:"total"`
	Incidents []store.IncidentRow `json:"incidents"`
	Next      string              `json:"next,omitempty"` // address of the next page; absent on the last
}

// incidentRoutes are the breach register endpoints.
func (a *API) incidentRoutes() {
	a.Handle(Route{Method: "POST", Path: "/api/v1/incidents", Perm: org.ReportIncident, Tag: "incidents",
		Summary: "Open a case in the breach register (e.g. from a monitoring system); answers with its dossier number",
		Request: NewIncident{}, Response: store.Incident{}}, a.createIncident)
	a.Handle(Route{Method: "GET", Path: "/api/v1/incidents", Perm: org.ViewAdministration, Tag: "incidents",
		Summary: "List the breach register, newest dossier first; paged by offset", Query: []string{"year", "state", "notified", "activity", "processor", "q"},
		Paging: PagedByOffs, Response: IncidentList{}}, a.listIncidents)
	a.Handle(Route{Method: "GET", Path: "/api/v1/incidents/deadlines", Perm: org.ViewAdministration, Tag: "incidents",
		Summary: "Open notification deadlines (AP and controllers) of the next 14 days and overdue", Response: []store.OpenDeadline{}}, a.incidentDeadlines)
	view := org.ViewAdministration
	a.Handle(Route{Method: "GET", Path: "/api/v1/incidents/{id}", Perm: org.ReportIncident, OrPerm: &view, Tag: "incidents",
		Summary: "One case of the breach register", Response: store.Incident{}}, a.getIncident)
	a.incidentCaseRoutes()
}

func (a *API) createIncident(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	var in NewIncident
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	door := incident.Door{Source: store.SourceAPI, UserName: c.User.Name, UserEmail: c.User.Email}
	var i *store.Incident
	if err := a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		i, err = tx.ReportIncident(r.Context(), c.Org, in.report(), door, c.User.ID)
		return err
	}); err != nil {
		return nil, err
	}
	if _, err := a.Store.SendQueuedMail(r.Context(), a.Mail, a.BaseURL); err != nil {
		a.Log.ErrorContext(r.Context(), "queued mail", "err", err) // stays queued for the job loop
	}
	return Created{i}, nil
}

func (a *API) listIncidents(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	q := r.URL.Query()
	f := store.IncidentFilter{State: q.Get("state"), Notified: q.Get("notified"), Processor: q.Get("processor"), Query: q.Get("q")}
	var errs apperr.List
	num := func(name string, min, max int) int {
		v := q.Get(name)
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < min || n > max {
			errs = append(errs, apperr.Invalidf(name, "Give a whole number from %d to %d.", min, max))
		}
		return n
	}
	f.Year = num("year", 2000, 3000)
	f.ActivityID = int64(num("activity", 1, 1<<30))
	var err error
	var pe *apperr.Error
	if f.Limit, f.Offset, err = readOffsetPage(r); errors.As(err, &pe) {
		errs = append(errs, pe)
	} else if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	rows, total, err := a.Store.Incidents(r.Context(), c.Org.ID, f)
	if err != nil {
		return nil, err
	}
	if rows == nil {
		rows = []store.IncidentRow{}
	}
	return IncidentList{Total: total, Incidents: rows, Next: offsetNext(w, r, f.Limit, f.Offset, len(rows), total)}, nil
}

func (a *API) incidentDeadlines(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	ds, err := a.Store.OpenDeadlines(r.Context(), c.Org.ID, a.Store.Now().Add(14*24*time.Hour), 1000)
	if ds == nil {
		ds = []store.OpenDeadline{}
	}
	return ds, err
}

// getIncident answers a case to whoever may see it on the web: readers of
// the administration, the assigned technicus and the reporter.
func (a *API) getIncident(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	return a.loadIncident(r, c)
}
