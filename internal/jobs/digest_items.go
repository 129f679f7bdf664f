package jobs

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/deadline"
	"privacyregister/internal/store"
)

// digestItem is one line of a digest. Kind is an English message id that
// the catalogues translate; Assignee is the technicus of an incident.
type digestItem struct {
	Due      time.Time
	Kind     string
	Title    string
	Path     string // below /o/{org}
	Assignee int64
	Incident bool
}

// digestMaxReviews caps the register reviews listed one by one; an
// organisation that never reviewed would otherwise get its whole register.
const digestMaxReviews = 25

// digestItems collects what the organisation has due before until or
// overdue at now, from the same store functions as the web dashboard:
// overdue first, then by date.
func digestItems(ctx context.Context, st *store.Store, orgID int64, now, until time.Time) ([]digestItem, error) {
	var items []digestItem
	add := func(due time.Time, kind, title, path string) {
		if due.Before(until) {
			items = append(items, digestItem{Due: due, Kind: kind, Title: title, Path: path})
		}
	}
	ds, err := st.OpenDeadlines(ctx, orgID, until, 0)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		kind, title := "Breach: notify the AP", d.Dossier+" "+d.Title
		if d.Kind == store.DeadlineController {
			kind, title = "Breach: notify the controller", d.Dossier+" "+d.Title+" → "+d.Controller
		}
		items = append(items, digestItem{Due: d.DueAt, Kind: kind, Title: title, Path: fmt.Sprintf("/incidents/%d", d.IncidentID), Assignee: d.AssigneeID, Incident: true})
	}
	rs, err := st.Requests(ctx, orgID, store.RequestFilter{OpenOnly: true})
	if err != nil {
		return nil, err
	}
	for _, q := range rs {
		add(q.DueAt, "Request deadline", q.Reference, fmt.Sprintf("/requests/%d", q.ID))
	}
	acts, _, err := st.ReviewDue(ctx, orgID, until, digestMaxReviews)
	if err != nil {
		return nil, err
	}
	for _, a := range acts {
		due := a.CreatedAt
		if a.NextReviewAt != nil {
			due = *a.NextReviewAt
		}
		items = append(items, digestItem{Due: due, Kind: "Register review", Title: strings.TrimSpace(a.Code + " " + a.Name), Path: fmt.Sprintf("/register/%d", a.ID)})
	}
	if err := agreementDigestItems(ctx, st, orgID, now, add); err != nil {
		return nil, err
	}
	dps, err := st.DPIAs(ctx, orgID)
	if err != nil {
		return nil, err
	}
	for _, d := range dps {
		if d.NextReviewAt != nil && d.State != store.DPIAArchived {
			add(*d.NextReviewAt, "DPIA review", d.Title, fmt.Sprintf("/dpias/%d", d.ID))
		}
	}
	ts, err := st.Tasks(ctx, orgID)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if t.Active {
			add(t.Next.Due, t.Kind.Label(), t.Title, fmt.Sprintf("/tasks/%d", t.ID))
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		oi, oj := items[i].Due.Before(now), items[j].Due.Before(now)
		if oi != oj {
			return oi
		}
		return items[i].Due.Before(items[j].Due)
	})
	return items, nil
}

// agreementDigestItems adds objection windows, agreement reviews, audits
// and their open follow-ups, ends, and expiring certificates of the parties.
func agreementDigestItems(ctx context.Context, st *store.Store, orgID int64, now time.Time, add func(time.Time, string, string, string)) error {
	notices, err := st.Notices(ctx, orgID, 0)
	if err != nil {
		return err
	}
	for _, n := range notices {
		add(n.Deadline, "Sub-processor objection deadline", n.Subprocessor, fmt.Sprintf("/agreements/%d", n.AgreementID))
	}
	all, err := st.Agreements(ctx, orgID, store.AgreementFilter{})
	if err != nil {
		return err
	}
	month, err := st.AgreementReviewMonth(ctx, orgID)
	if err != nil {
		return err
	}
	lastAudits, err := st.LastAudits(ctx, orgID)
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	for _, a := range all {
		titles[a.ID] = a.Title
		if a.Status == agreement.StatusEnded || a.Status == agreement.StatusNotNeeded {
			continue
		}
		path := fmt.Sprintf("/agreements/%d", a.ID)
		add(agreement.NextReview(a.LastReviewedAt, a.CreatedAt, month), "Agreement review", a.Title, path)
		var lastAudit *time.Time
		if t, ok := lastAudits[a.ID]; ok {
			lastAudit = &t
		}
		if due := agreement.NextAudit(a.Terms.Audit.FrequencyMonths, lastAudit, agreement.AuditStart(&a)); due != nil {
			add(*due, "Audit due", a.Title, path)
		}
		// An end long past is history, not something to act on.
		if a.EndsOn != nil && a.EndsOn.After(now.AddDate(0, 0, -30)) {
			add(*a.EndsOn, "Agreement ends", a.Title, path)
		}
	}
	audits, err := st.Audits(ctx, orgID, 0)
	if err != nil {
		return err
	}
	for _, au := range audits {
		if !au.Closed && au.FollowUpDue != nil {
			add(deadline.EndOfDay(au.FollowUpDue.In(deadline.Amsterdam)), "Audit follow-up", strings.TrimSuffix(titles[au.AgreementID]+": "+au.FollowUp, ": "),
				fmt.Sprintf("/agreements/%d", au.AgreementID))
		}
	}
	parties, err := st.Parties(ctx, orgID)
	if err != nil {
		return err
	}
	for _, p := range parties {
		for _, c := range p.Certifications {
			if c.Expires != nil {
				add(*c.Expires, "Certificate expires", p.Name+": "+c.Name, fmt.Sprintf("/parties/%d", p.ID))
			}
		}
	}
	return nil
}
