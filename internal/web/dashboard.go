package web

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"sync"
	"time"

	"privacyregister/internal/dpia"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// The dashboard: where the organisation stands (register completeness,
// agreement coverage, DPIAs) and what runs (breach clocks, requests,
// reviews and audits overdue). The figures are counted by the domain
// packages' rules (register.Gap, register.Processors, dpia.NeedOf), the
// same rules the lists behind each figure filter with.

// dashFigures are the counts over the register.
type dashFigures struct {
	Register   register.Completeness
	Processors []register.Processor
	DPIA       map[dpia.Need]int
}

// Counting means reading every activity, too slow for every view of a
// large register: each organisation's facts (store.RegisterFacts) are
// kept with the audit-trail head they were read at, and when the head has
// moved only the activities the trail records as changed since are read
// again (every write to the register is audited); the DPIA states are
// small and read whole.
var dashCache = struct {
	sync.Mutex
	m map[exemptionKey]*dashEntry
}{m: map[exemptionKey]*dashEntry{}}

type dashEntry struct {
	head  int64
	facts []register.Activity
	index map[int64]int // activity id: position in facts
	f     dashFigures
}

// dashRereadMax is how many changed activities are read one by one; past
// it the whole register is read again.
const dashRereadMax = 2000

func (s *Server) dashFigures(r *http.Request, orgID int64) (dashFigures, error) {
	ctx := r.Context()
	head, err := s.Store.AuditHead(ctx, orgID)
	if err != nil {
		return dashFigures{}, err
	}
	key := exemptionKey{s.Store, orgID}
	dashCache.Lock()
	old := dashCache.m[key]
	dashCache.Unlock()
	if old != nil && old.head == head {
		return old.f, nil
	}
	e := &dashEntry{head: head}
	var changed []int64
	more := true
	if old != nil {
		if changed, more, err = s.Store.ChangedSince(ctx, orgID, old.head, store.EntityActivity, dashRereadMax); err != nil {
			return dashFigures{}, err
		}
	}
	if more {
		if e.facts, err = s.Store.RegisterFacts(ctx, orgID, store.ActivityFilter{IncludeRetired: true}); err != nil {
			return dashFigures{}, err
		}
	} else {
		fresh, err := s.Store.RegisterFactsOf(ctx, orgID, changed)
		if err != nil {
			return dashFigures{}, err
		}
		e.facts = slices.Clone(old.facts)
		e.index = old.index
		for _, id := range changed {
			// Gone (not read again): count it no longer, as if retired.
			if i, ok := e.index[id]; ok && !slices.ContainsFunc(fresh, func(a register.Activity) bool { return a.ID == id }) {
				e.facts[i].Status = register.StatusRetired
			}
		}
		for _, a := range fresh {
			if i, ok := e.index[a.ID]; ok {
				e.facts[i] = a
			} else {
				e.facts = append(e.facts, a)
				e.index = nil // rebuilt below
			}
		}
	}
	if e.index == nil {
		e.index = make(map[int64]int, len(e.facts))
		for i, a := range e.facts {
			e.index[a.ID] = i
		}
	}
	states, err := s.Store.DPIAStates(ctx, orgID)
	if err != nil {
		return dashFigures{}, err
	}
	e.f = dashFigures{Register: register.CompletenessOf(e.facts), Processors: register.Processors(e.facts), DPIA: dpia.Coverage(e.facts, states)}
	dashCache.Lock()
	if len(dashCache.m) >= 256 {
		clear(dashCache.m)
	}
	dashCache.m[key] = e
	dashCache.Unlock()
	return e.f, nil
}

// dashBar is one row of a bar chart: Count of Total, with the filtered
// list that shows exactly those.
type dashBar struct {
	Label string
	Count int
	Total int
	Link  string
	Width float64 // of Count, in a viewBox 100 wide
	Color string
}

func newBar(label string, count, total int, link, color string) dashBar {
	b := dashBar{Label: label, Count: count, Total: total, Link: link, Color: color}
	if total > 0 {
		b.Width = math.Round(1000*float64(count)/float64(total)) / 10
	}
	return b
}

// dashSlice is a part of the donut: a circle of circumference 100 drawn
// with a dash of Len starting at Offset.
type dashSlice struct {
	Label  string
	Count  int
	Len    float64
	Gap    float64
	Offset float64
	Color  string
	Link   string
}

func donut(total int, parts []dashSlice) []dashSlice {
	if total == 0 {
		return nil
	}
	at := 0.0
	var out []dashSlice
	for _, p := range parts {
		if p.Count == 0 {
			continue
		}
		p.Len = math.Round(1000*float64(p.Count)/float64(total)) / 10
		p.Gap = 100 - p.Len
		// The circle starts at three o'clock; 25 turns it to twelve.
		p.Offset = math.Round(10*(25-at)) / 10
		at += p.Len
		out = append(out, p)
	}
	return out
}

// dashClock is a breach clock or a request deadline with the time left.
type dashClock struct {
	DashboardItem
	Left   string
	Urgent bool // overdue or within a day
}

// dashKind is a kind of overdue review or audit with its items.
type dashKind struct {
	Kind  string
	Count int
	Link  string
	Items []DashboardItem
}

// reviewKinds are the reviews and audits the dashboard counts when overdue,
// with the list that shows them.
var reviewKinds = []struct{ kind, path string }{
	{"Register review", "/register?overdue=1&sort=next_review"},
	{"Agreement review", "/agreements/reviews"},
	{"DPIA review", "/dpias"},
	{"Audit due", ""},
	{"Audit follow-up", ""},
}

// Colours of the charts (SVG attributes, so the Content-Security-Policy's
// style-src 'self' needs no inline style).
const (
	colGap      = "#b4441c"
	colOK       = "#2e7d4f"
	colProgress = "#c98a00"
	colNone     = "#b4441c"
	colNeutral  = "#8a94a6"
)

// dashboard shows the figures to those who may see the administration,
// the breach clocks, requests, overdue reviews, and what else is due
// within dashboardHorizon.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	all, err := s.dueItems(r, c)
	if err != nil {
		return err
	}
	now := s.Store.Now()
	until := now.Add(dashboardHorizon)
	base := "/o/" + c.Org.Short
	data := map[string]any{}

	var breaches, requests []dashClock
	kinds := make([]dashKind, len(reviewKinds))
	for i, k := range reviewKinds {
		kinds[i] = dashKind{Kind: k.kind}
		if k.path != "" {
			kinds[i].Link = base + k.path
		}
	}
	var rest []DashboardItem
	later := 0
	for _, it := range all {
		switch {
		case it.Timed:
			breaches = append(breaches, dashClock{DashboardItem: it, Left: clockText(c, it.Due.Sub(now).Round(time.Minute)), Urgent: it.Due.Sub(now) < 24*time.Hour})
			continue
		case it.Kind == "Request deadline":
			requests = append(requests, dashClock{DashboardItem: it, Left: daysText(c, it.Due, now), Urgent: it.Due.Sub(now) < 7*24*time.Hour})
			continue
		}
		if it.Overdue {
			if i := slices.IndexFunc(reviewKinds, func(k struct{ kind, path string }) bool { return k.kind == it.Kind }); i >= 0 {
				kinds[i].Items = append(kinds[i].Items, it)
				kinds[i].Count += max(it.More, 1)
				continue
			}
		}
		if !it.Overdue && it.Due.After(until) {
			later++
			continue
		}
		rest = append(rest, it)
	}
	overdue := 0
	kinds = slices.DeleteFunc(kinds, func(k dashKind) bool { return k.Count == 0 })
	for _, k := range kinds {
		overdue += k.Count
	}
	data["Breaches"], data["Requests"], data["Reviews"], data["ReviewCount"] = breaches, requests, kinds, overdue
	data["Items"], data["Later"] = rest, later

	data["CanAdmin"] = c.Can(org.ViewAdministration)
	data["CanClocks"] = c.Can(org.ViewAdministration) || c.Can(org.WorkIncidents)
	if c.Can(org.ViewAdministration) {
		f, err := s.dashFigures(r, c.Org.ID)
		if err != nil {
			return err
		}
		data["Figures"] = dashView(c, base, f)
	}
	s.render(w, r, c, "dashboard", "Dashboard", data)
	return nil
}

// dashFigureView is what the template shows of dashFigures.
type dashFigureView struct {
	Activities, Complete int
	CompleteBar          dashBar
	Gaps                 []dashBar
	Processors           int
	Uncovered            int
	Donut                []dashSlice
	DPIA                 []dashBar
	DPIAMissing          int
}

func dashView(c *Ctx, base string, f dashFigures) dashFigureView {
	reg := f.Register
	v := dashFigureView{Activities: reg.Activities, Complete: reg.Complete}
	v.CompleteBar = newBar(c.T("complete"), reg.Complete, reg.Activities, base+"/register", colOK)
	for _, g := range register.GapKinds {
		v.Gaps = append(v.Gaps, newBar(c.T(g.Label()), reg.Missing[g], reg.Activities, base+"/register?missing="+string(g), colGap))
	}

	counts := map[register.AgreementStatus]int{}
	for _, p := range f.Processors {
		st := p.Status
		if st == "" {
			st = register.AgreementNone
		}
		counts[st]++
	}
	v.Processors = len(f.Processors)
	v.Uncovered = len(register.Uncovered(f.Processors))
	list := base + "/agreements?processors="
	v.Donut = donut(v.Processors, []dashSlice{
		{Label: c.T("signed"), Count: counts[register.AgreementSigned], Color: colOK, Link: list + "all"},
		{Label: c.T("not needed"), Count: counts[register.AgreementNotNeeded], Color: colNeutral, Link: list + "all"},
		{Label: c.T("draft or negotiating"), Count: counts[register.AgreementDraftSent] + counts[register.AgreementNegotiating], Color: colProgress, Link: list + "uncovered"},
		{Label: c.T("none"), Count: counts[register.AgreementNone], Color: colNone, Link: list + "uncovered"},
	})

	total := 0
	for _, n := range f.DPIA {
		total += n
	}
	needColors := map[dpia.Need]string{dpia.NeedMissing: colGap, dpia.NeedDraft: colProgress, dpia.NeedDone: colOK, dpia.NeedToAssess: colProgress, dpia.NeedNone: colNeutral}
	for _, n := range dpia.Needs {
		v.DPIA = append(v.DPIA, newBar(n.Label(c.Lang), f.DPIA[n], total, base+"/dpias?need="+string(n), needColors[n]))
	}
	v.DPIAMissing = f.DPIA[dpia.NeedMissing]
	return v
}

// clockText is the time left on a breach clock: "nog 43 uur 52 min", or
// "3 uur 5 min over de termijn".
func clockText(c *Ctx, left time.Duration) string {
	if left < 0 {
		return c.T("overdue by %s", incHoursMinutes(c, -left))
	}
	return c.T("%s left", incHoursMinutes(c, left))
}

// daysText is the time left until a request's deadline in calendar days
// (Amsterdam): "nog 5 dagen", "vandaag", "2 dagen over de termijn".
func daysText(c *Ctx, due, now time.Time) string {
	d := dayNumber(due) - dayNumber(now)
	switch {
	case d == 0:
		return c.T("due today")
	case d == 1:
		return c.T("1 day left")
	case d > 1:
		return c.T("%d days left", d)
	case d == -1:
		return c.T("overdue by 1 day")
	}
	return c.T("overdue by %d days", -d)
}

func dayNumber(t time.Time) int {
	y, m, d := t.In(Amsterdam).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Pct is Count of Total as a whole percentage, for the text alternative.
func (b dashBar) Pct() string {
	if b.Total == 0 {
		return "0%"
	}
	return fmt.Sprintf("%d%%", int(math.Round(100*float64(b.Count)/float64(b.Total))))
}
