// Package due collects what an organisation has to do by a date: breach
// clocks, request deadlines, register, agreement and DPIA reviews, audits
// and their follow-ups, sub-processor objection windows, agreements that
// end, certificates that expire and the recurring tasks. The dashboard,
// the calendar, the iCalendar feed and the weekly digest all read this one
// list, so they cannot disagree.
package due

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/deadline"
	"privacyregister/internal/dpia"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

// Item is one thing due. Kind is an English message id that the
// catalogues translate; Path is below /o/{org}.
type Item struct {
	Due     time.Time
	Kind    string
	Title   string
	Path    string
	Owner   int64           // the user it is assigned to: a breach's technicus, a task's owner
	Breach  bool            // a breach clock, which a technicus sees for the cases assigned to them
	Rights  []request.Right // of a request, for the pages to name in the reader's language
	Overdue bool
	More    int // on the last register review listed: how many more are due
}

// Options narrow the list.
type Options struct {
	// Until keeps only what falls due before it (overdue included); zero
	// keeps everything, except that register reviews are then listed only
	// once overdue and breach clocks only for the coming 14 days.
	Until time.Time
	// ReviewMax is how many register reviews are listed one by one; the
	// rest are counted in one closing item, so an organisation that never
	// reviewed does not get its whole register.
	ReviewMax int
	// BreachMax caps the breach clocks read (0: all).
	BreachMax int
}

// Collect lists the organisation's items as of now, overdue first, then
// by date.
func Collect(ctx context.Context, st *store.Store, orgID int64, now time.Time, o Options) ([]Item, error) {
	c := &collector{now: now, until: o.Until}
	reviewsUntil, breachesUntil := o.Until, o.Until
	if o.Until.IsZero() {
		reviewsUntil, breachesUntil = now, now.Add(14*24*time.Hour)
	}
	for _, step := range []func() error{
		func() error { return c.breaches(ctx, st, orgID, breachesUntil, o.BreachMax) },
		func() error { return c.requests(ctx, st, orgID) },
		func() error { return c.registerReviews(ctx, st, orgID, reviewsUntil, o.ReviewMax) },
		func() error { return c.agreements(ctx, st, orgID) },
		func() error { return c.parties(ctx, st, orgID) },
		func() error { return c.dpias(ctx, st, orgID) },
		func() error { return c.tasks(ctx, st, orgID) },
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(c.items, func(i, j int) bool {
		if c.items[i].Overdue != c.items[j].Overdue {
			return c.items[i].Overdue
		}
		return c.items[i].Due.Before(c.items[j].Due)
	})
	return c.items, nil
}

type collector struct {
	now, until time.Time
	items      []Item
}

// add keeps it when it falls due before the horizon.
func (c *collector) add(it Item) {
	if !c.until.IsZero() && !it.Due.Before(c.until) {
		return
	}
	it.Overdue = it.Due.Before(c.now)
	c.items = append(c.items, it)
}

func (c *collector) breaches(ctx context.Context, st *store.Store, orgID int64, until time.Time, limit int) error {
	ds, err := st.OpenDeadlines(ctx, orgID, until, limit)
	if err != nil {
		return err
	}
	for _, d := range ds {
		kind, title := "Breach: notify the AP", d.Dossier+" "+d.Title
		if d.Kind == store.DeadlineController {
			kind, title = "Breach: notify the controller", d.Dossier+" "+d.Title+" → "+d.Controller
		}
		c.add(Item{Due: d.DueAt, Kind: kind, Title: title, Path: fmt.Sprintf("/incidents/%d", d.IncidentID), Owner: d.AssigneeID, Breach: true})
	}
	return nil
}

func (c *collector) requests(ctx context.Context, st *store.Store, orgID int64) error {
	rs, err := st.Requests(ctx, orgID, store.RequestFilter{OpenOnly: true})
	if err != nil {
		return err
	}
	for _, q := range rs {
		c.add(Item{Due: q.DueAt, Kind: "Request deadline", Title: q.Reference, Rights: q.Rights, Path: fmt.Sprintf("/requests/%d", q.ID)})
	}
	return nil
}

func (c *collector) registerReviews(ctx context.Context, st *store.Store, orgID int64, until time.Time, max int) error {
	acts, total, err := st.ReviewDue(ctx, orgID, until, max)
	if err != nil {
		return err
	}
	for i, a := range acts {
		due := a.CreatedAt
		if a.NextReviewAt != nil {
			due = *a.NextReviewAt
		}
		it := Item{Due: due, Kind: "Register review", Title: strings.TrimSpace(a.Code + " " + a.Name), Path: fmt.Sprintf("/register/%d", a.ID)}
		if i == len(acts)-1 {
			it.More = total - len(acts)
		}
		c.add(it)
	}
	return nil
}

// agreements adds objection windows, and the reviews, ends and audits of
// the agreements in force.
func (c *collector) agreements(ctx context.Context, st *store.Store, orgID int64) error {
	notices, err := st.Notices(ctx, orgID, 0)
	if err != nil {
		return err
	}
	for _, n := range notices {
		title := n.Subprocessor
		if n.Certificate != "" {
			title = n.Certificate
		}
		if n.Processor != "" {
			title = n.Processor + ": " + title
		}
		c.add(Item{Due: n.Deadline, Kind: "Sub-processor objection deadline", Title: title, Path: fmt.Sprintf("/agreements/%d?tab=subprocessors", n.AgreementID)})
	}
	all, err := st.Agreements(ctx, orgID, store.AgreementFilter{})
	if err != nil {
		return err
	}
	month, err := st.AgreementReviewMonth(ctx, orgID)
	if err != nil {
		return err
	}
	for _, a := range all {
		if !inForce(&a) {
			continue
		}
		path := fmt.Sprintf("/agreements/%d", a.ID)
		c.add(Item{Due: agreement.NextReview(a.LastReviewedAt, a.CreatedAt, month), Kind: "Agreement review", Title: a.Title, Path: path})
		// An end long past is history, not something to act on.
		if a.EndsOn != nil && a.EndsOn.After(c.now.AddDate(0, 0, -30)) {
			c.add(Item{Due: *a.EndsOn, Kind: "Agreement ends", Title: a.Title, Path: path})
		}
	}
	return c.audits(ctx, st, orgID, all)
}

func inForce(a *agreement.Agreement) bool {
	return a.Status != agreement.StatusEnded && a.Status != agreement.StatusNotNeeded
}

// audits adds the next audit of each agreement in force with an agreed
// frequency, and the open follow-ups of audits held.
func (c *collector) audits(ctx context.Context, st *store.Store, orgID int64, all []agreement.Agreement) error {
	last, err := st.LastAudits(ctx, orgID)
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	for _, a := range all {
		titles[a.ID] = a.Title
		if !inForce(&a) {
			continue
		}
		var held *time.Time
		if t, ok := last[a.ID]; ok {
			held = &t
		}
		if next := agreement.NextAudit(a.Terms.Audit.FrequencyMonths, held, agreement.AuditStart(&a)); next != nil {
			c.add(Item{Due: *next, Kind: "Audit due", Title: a.Title, Path: fmt.Sprintf("/agreements/%d", a.ID)})
		}
	}
	audits, err := st.Audits(ctx, orgID, 0)
	if err != nil {
		return err
	}
	for _, au := range audits {
		if au.Closed || au.FollowUpDue == nil {
			continue
		}
		title := titles[au.AgreementID]
		if au.FollowUp != "" {
			title += ": " + au.FollowUp
		}
		c.add(Item{Due: deadline.EndOfDay(au.FollowUpDue.In(deadline.Amsterdam)), Kind: "Audit follow-up", Title: title, Path: fmt.Sprintf("/agreements/%d", au.AgreementID)})
	}
	return nil
}

// parties adds the certificates and assurance reports that expire.
func (c *collector) parties(ctx context.Context, st *store.Store, orgID int64) error {
	parties, err := st.Parties(ctx, orgID)
	if err != nil {
		return err
	}
	for _, p := range parties {
		for _, cert := range p.Certifications {
			if cert.Expires != nil {
				c.add(Item{Due: *cert.Expires, Kind: "Certificate expires", Title: p.Name + ": " + cert.Name, Path: fmt.Sprintf("/parties/%d", p.ID)})
			}
		}
	}
	return nil
}

func (c *collector) dpias(ctx context.Context, st *store.Store, orgID int64) error {
	ds, err := st.DPIAs(ctx, orgID)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if d.NextReviewAt != nil && d.State != dpia.Archived {
			c.add(Item{Due: *d.NextReviewAt, Kind: "DPIA review", Title: d.Title, Path: fmt.Sprintf("/dpias/%d", d.ID)})
		}
	}
	return nil
}

func (c *collector) tasks(ctx context.Context, st *store.Store, orgID int64) error {
	ts, err := st.Tasks(ctx, orgID)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if !t.Active {
			continue
		}
		it := Item{Due: t.Next.Due, Kind: t.Kind.Label(), Title: t.Title, Path: fmt.Sprintf("/tasks/%d", t.ID)}
		if t.OwnerID != nil {
			it.Owner = *t.OwnerID
		}
		c.add(it)
	}
	return nil
}
