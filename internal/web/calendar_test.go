package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
	"privacyregister/internal/web"
)

// TestCalendarAndFeed: an overdue request comes before one due later, on
// the page and in the iCalendar feed, whose address works without signing
// in until it is revoked.
func TestCalendarAndFeed(t *testing.T) {
	app := newTestApp(t)
	app.st.Now = func() time.Time { return time.Date(2026, 8, 10, 9, 0, 0, 0, time.UTC) }
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	c := app.signIn(po.Email)
	// Received 1 July 2026: due Monday 3 August (overdue on 10 August).
	// Received 7 August 2026: due Monday 7 September.
	for _, d := range []string{"2026-08-07", "2026-07-01"} {
		if res := c.postForm("/o/bieb/requests", url.Values{"rights": {"access"}, "received_at": {d}, "name": {"X " + d}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", res.StatusCode)
		}
	}
	page := c.get("/o/bieb/calendar")
	a, b := strings.Index(page.Body, "03-08-2026"), strings.Index(page.Body, "07-09-2026")
	if page.StatusCode != http.StatusOK || a < 0 || b < 0 || a > b {
		t.Fatalf("calendar: %d, overdue at %d, later at %d", page.StatusCode, a, b)
	}
	res := c.postForm("/calendar/feed", nil)
	m := regexp.MustCompile(`/ical/(cal_[A-Za-z0-9_-]+)`).FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatalf("no feed address shown: %s", res.Body)
	}
	anon := app.client()
	feed := anon.get("/ical/" + m[1])
	if feed.StatusCode != http.StatusOK || !strings.HasPrefix(feed.Header.Get("Content-Type"), "text/calendar") ||
		!strings.Contains(feed.Body, "DTSTART;VALUE=DATE:20260803\r\n") || !strings.Contains(feed.Body, "DTSTART;VALUE=DATE:20260907\r\n") {
		t.Fatalf("feed: %d\n%s", feed.StatusCode, feed.Body)
	}
	// The feed as served reads in a real iCalendar parser.
	if p := web.ParseICal(t, []byte(feed.Body)); len(p.Events) != 2 || p.Events[0].Start != "2026-08-03" {
		t.Errorf("parsed feed: %+v", p)
	}
	if res := c.postForm("/calendar/feed/revoke", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", res.StatusCode)
	}
	if feed := anon.get("/ical/" + m[1]); feed.StatusCode != http.StatusNotFound {
		t.Errorf("revoked feed: %d", feed.StatusCode)
	}
	if feed := anon.get("/ical/cal_guess"); feed.StatusCode != http.StatusNotFound {
		t.Errorf("guessed feed: %d", feed.StatusCode)
	}
}

// TestCalendarAssignedToMe: "assigned to me" keeps the tasks the user owns
// and leaves out the organisation's other dates.
func TestCalendarAssignedToMe(t *testing.T) {
	app := newTestApp(t)
	app.st.Now = func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	ctx := context.Background()
	for title, owner := range map[string]*int64{"Evaluatie privacybeleid": &po.ID, "Opschonen ledenbestanden": nil} {
		tk := &store.Task{Task: task.Task{Kind: task.Other, Title: title, EveryMonths: 12, StartMonth: 1, WindowMonths: 2, AnchorYear: 2026, Active: true, OwnerID: owner}}
		if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateTask(ctx, o.ID, tk) }); err != nil {
			t.Fatal(err)
		}
	}
	c := app.signIn(po.Email)
	all := c.get("/o/bieb/calendar")
	if !strings.Contains(all.Body, "Evaluatie privacybeleid") || !strings.Contains(all.Body, "Opschonen ledenbestanden") {
		t.Fatalf("the full calendar lacks a task")
	}
	mine := c.get("/o/bieb/calendar?mine=1")
	if !strings.Contains(mine.Body, "Evaluatie privacybeleid") || strings.Contains(mine.Body, "Opschonen ledenbestanden") {
		t.Errorf("assigned to me shows the wrong tasks")
	}
}

// TestDashboardShowsTheComingSixtyDays: on 23 November 2026 the dashboard
// lists the clean-up overdue since 28 February 2026 and counts the policy
// evaluation of January-February 2027 as a later date; the calendar lists
// both.
func TestDashboardShowsTheComingSixtyDays(t *testing.T) {
	app := newTestApp(t)
	app.st.Now = func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	ctx := context.Background()
	for title, anchor := range map[string]int{"Opschonen ledenbestanden": 2026, "Evaluatie privacybeleid": 2027} {
		tk := &store.Task{Task: task.Task{Kind: task.Other, Title: title, EveryMonths: 24, StartMonth: 1, WindowMonths: 2, AnchorYear: anchor, Active: true}}
		if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateTask(ctx, o.ID, tk) }); err != nil {
			t.Fatal(err)
		}
	}
	// A task created now is due in its first window ending after today:
	// record both as if entered in 2025, so the 2026 window is overdue.
	if err := app.st.RawExec(ctx, "UPDATE tasks SET created_at = ? WHERE org_id = ?", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), o.ID); err != nil {
		t.Fatal(err)
	}
	c := app.signIn(po.Email)
	dash := c.get("/o/bieb/")
	if !strings.Contains(dash.Body, "Opschonen ledenbestanden") || strings.Contains(dash.Body, "Evaluatie privacybeleid") || !strings.Contains(dash.Body, `id="later"`) {
		t.Errorf("dashboard: want the overdue clean-up, not the 2027 evaluation, and a link to later dates:\n%s", dash.Body)
	}
	if cal := c.get("/o/bieb/calendar"); !strings.Contains(cal.Body, "Opschonen ledenbestanden") || !strings.Contains(cal.Body, "Evaluatie privacybeleid") {
		t.Errorf("the calendar lacks a task")
	}
}
