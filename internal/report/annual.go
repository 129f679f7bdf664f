package report

import (
	"context"
	"sort"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/deadline"
	"privacyregister/internal/dpia"
	"privacyregister/internal/incident"
	"privacyregister/internal/register"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

// Annual is the privacy section of the annual report (bestuursverslag,
// seed 003) for one calendar year in Amsterdam time: incidents and
// notifications, data-subject requests, the yearly review of the
// processor agreements, the DPIAs decided and the register.
type Annual struct {
	Year      int
	Incidents incident.Overview
	Cases     []IncidentLine

	Requests RequestFigures

	Reviews          []ReviewLine
	ReviewsBy        map[string]int // conclusion -> count
	SignedAgreements int
	NotReviewed      []string // titles of signed agreements without a review that year

	DPIAs      []DPIALine // decided that year
	DPIADrafts int        // still in draft now

	Activities         int // in the register, not retired
	ActivitiesReviewed int // last reviewed that year
}

// IncidentLine is a case discovered in the year.
type IncidentLine struct {
	Dossier      string
	Title        string
	Outcome      incident.Outcome
	DiscoveredAt time.Time
	NotifiedAP   *time.Time
	Closed       bool
}

// RequestFigures count the requests received in the year by where they
// stand now.
type RequestFigures struct {
	Received         int
	Answered         int // answered or closed after an answer
	Refused          int
	PartiallyRefused int
	Open             int
	Extended         int // the deadline was extended (art. 12(3))
	Late             int // answered after the deadline, or open past it
	ByRight          map[request.Right]int
}

// ReviewLine is one review of a processor agreement.
type ReviewLine struct {
	Date       time.Time
	Agreement  string
	Reviewer   string
	Conclusion string // ok | renegotiate | terminate
	Note       string
}

// DPIALine is a DPIA decided in the year.
type DPIALine struct {
	ID                int64
	Title             string
	DecidedAt         time.Time
	DecidedBy         string
	Decision          string
	ResidualLevel     dpia.Level
	PriorConsultation bool
}

// yearOf is the calendar year of t in Amsterdam, the year the report
// speaks of.
func yearOf(t time.Time) int { return t.In(deadline.Amsterdam).Year() }

// BuildAnnual reads the organisation's administration and sums up year.
// now decides which open requests are late. It uses only the stores' list
// functions, so the figures are those the other pages show.
func BuildAnnual(ctx context.Context, st *store.Store, orgID int64, year int, now time.Time) (*Annual, error) {
	a := &Annual{Year: year, ReviewsBy: map[string]int{}, Requests: RequestFigures{ByRight: map[request.Right]int{}}}
	steps := []func(context.Context, *store.Store, int64, time.Time) error{a.readIncidents, a.readRequests, a.readAgreements, a.readDPIAs, a.readRegister}
	for _, step := range steps {
		if err := step(ctx, st, orgID, now); err != nil {
			return nil, err
		}
	}
	return a, nil
}

func (a *Annual) readIncidents(ctx context.Context, st *store.Store, orgID int64, _ time.Time) error {
	// All cases: a case registered in January can have been discovered in
	// December, and Summarise counts by discovery.
	all, err := st.IncidentsFull(ctx, orgID, store.IncidentFilter{})
	if err != nil {
		return err
	}
	list := make([]incident.Incident, 0, len(all))
	for _, i := range all {
		list = append(list, i.Incident)
		if yearOf(i.DiscoveredAt) == a.Year {
			a.Cases = append(a.Cases, IncidentLine{Dossier: i.Dossier, Title: i.Title, Outcome: i.Outcome,
				DiscoveredAt: i.DiscoveredAt, NotifiedAP: i.NotifiedAuthorityAt, Closed: i.Closed()})
		}
	}
	a.Incidents = incident.Summarise(list, a.Year)
	sort.SliceStable(a.Cases, func(i, j int) bool { return a.Cases[i].DiscoveredAt.Before(a.Cases[j].DiscoveredAt) })
	return nil
}

func (a *Annual) readRequests(ctx context.Context, st *store.Store, orgID int64, now time.Time) error {
	rs, err := st.Requests(ctx, orgID, store.RequestFilter{Year: a.Year})
	if err != nil {
		return err
	}
	f := &a.Requests
	for _, r := range rs {
		f.Received++
		for _, right := range r.Rights {
			f.ByRight[right]++
		}
		switch {
		case r.IsOpen():
			f.Open++
		case r.State == request.Refused:
			f.Refused++
		case r.State == request.PartiallyRefused:
			f.PartiallyRefused++
		case r.AnsweredAt != nil || r.State == request.Answered:
			f.Answered++
		}
		if r.Extension != nil {
			f.Extended++
		}
		if request.Late(r.Request, now) {
			f.Late++
		}
	}
	return nil
}

func (a *Annual) readAgreements(ctx context.Context, st *store.Store, orgID int64, _ time.Time) error {
	from := time.Date(a.Year, 1, 1, 0, 0, 0, 0, deadline.Amsterdam)
	reviews, err := st.Reviews(ctx, orgID, 0, from, from.AddDate(1, 0, 0))
	if err != nil {
		return err
	}
	ags, err := st.Agreements(ctx, orgID, store.AgreementFilter{})
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	reviewed := map[int64]bool{}
	for _, ag := range ags {
		titles[ag.ID] = ag.Title
	}
	// Oldest first: the report tells the year in order.
	for i := len(reviews) - 1; i >= 0; i-- {
		r := reviews[i]
		reviewed[r.AgreementID] = true
		a.ReviewsBy[r.Conclusion]++
		a.Reviews = append(a.Reviews, ReviewLine{Date: r.ReviewedAt, Agreement: titles[r.AgreementID], Reviewer: r.Reviewer, Conclusion: r.Conclusion, Note: r.Note})
	}
	// Signed as the year ended, by the status history: an agreement made
	// or signed later does not belong to this year's report.
	end := from.AddDate(1, 0, 0).Add(-time.Nanosecond)
	for _, ag := range ags {
		if st, ok := ag.StatusAt(end); ok && st == agreement.StatusSigned {
			a.SignedAgreements++
			if !reviewed[ag.ID] {
				a.NotReviewed = append(a.NotReviewed, ag.Title)
			}
		}
	}
	return nil
}

func (a *Annual) readDPIAs(ctx context.Context, st *store.Store, orgID int64, _ time.Time) error {
	ds, err := st.DPIAs(ctx, orgID)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if d.State == dpia.Draft {
			a.DPIADrafts++
			continue
		}
		if d.DecidedAt != nil && yearOf(*d.DecidedAt) == a.Year {
			a.DPIAs = append(a.DPIAs, DPIALine{ID: d.ID, Title: d.Title, DecidedAt: *d.DecidedAt, DecidedBy: d.DecidedBy, Decision: d.Decision,
				ResidualLevel: d.ResidualLevel, PriorConsultation: d.PriorConsultation})
		}
	}
	sort.SliceStable(a.DPIAs, func(i, j int) bool { return a.DPIAs[i].DecidedAt.Before(a.DPIAs[j].DecidedAt) })
	return nil
}

func (a *Annual) readRegister(ctx context.Context, st *store.Store, orgID int64, _ time.Time) error {
	from := time.Date(a.Year, 1, 1, 0, 0, 0, 0, deadline.Amsterdam)
	end := from.AddDate(1, 0, 0)
	acts, _, err := st.Activities(ctx, orgID, store.ActivityFilter{IncludeRetired: true})
	if err != nil {
		return err
	}
	// The register as the year ended: what existed by then and was not yet
	// retired, and the reviews recorded in the year, from the audit trail
	// (an activity's record keeps only its last review).
	trail, err := st.AuditLog(ctx, orgID, store.AuditFilter{Entity: store.EntityActivity, From: from})
	if err != nil {
		return err
	}
	retiredAt := map[int64]time.Time{}
	reviewed := map[int64]bool{}
	for _, e := range trail {
		if c, ok := e.Changes["status"]; ok && c.After == string(register.StatusRetired) && !e.At.Before(end) {
			retiredAt[e.EntityID] = e.At
		}
		if c, ok := e.Changes["last_reviewed_at"]; ok && c.After != nil && e.At.Before(end) {
			reviewed[e.EntityID] = true
		}
	}
	for _, act := range acts {
		if !act.CreatedAt.Before(end) {
			continue // made after the year
		}
		if _, later := retiredAt[act.ID]; act.Status == register.StatusRetired && !later {
			continue // retired within or before the year
		}
		a.Activities++
		if reviewed[act.ID] {
			a.ActivitiesReviewed++
		}
	}
	return nil
}
