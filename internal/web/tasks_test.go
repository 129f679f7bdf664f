package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
)

// taskIsoFixture creates a task of B on an activity of B, owned by B's user.
func taskIsoFixture(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
	act := addActivity(a, b, "Ledenadministratie B")
	t := &store.Task{Task: task.Task{Kind: task.RetentionCleanup, Title: "secret-person@b.example", EveryMonths: 12, StartMonth: 1, WindowMonths: 2,
		ActivityID: &act, OwnerID: &bUser, Active: true}}
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateTask(context.Background(), b.ID, t) }); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"task": t.ID, "task_activity": act, "task_owner": bUser}
}

// TestTasksSeed003Cleanup: the library cleans up member files "ieder jaar
// in januari en februari" (seed 003). On 10 March 2027, a clean-up last done
// on 15 January 2026 was due 28 February 2027: the list and the calendar
// show it overdue. Marked done on 5 March 2027 it counts for the 2027
// window and is next due 29 February 2028.
func TestTasksSeed003Cleanup(t *testing.T) {
	app := newTestApp(t)
	app.st.Now = func() time.Time { return time.Date(2027, 3, 10, 9, 0, 0, 0, time.UTC) }
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	reader := app.user(o, "lezer@bieb.example", org.Reader)
	act := addActivity(app, o, "Ledenadministratie")
	c := app.signIn(po.Email)

	nav := c.get("/o/bieb/").Body
	if cal, tasks := strings.Index(nav, `/o/bieb/calendar"`), strings.Index(nav, `/o/bieb/tasks"`); tasks < 0 || cal > tasks || !strings.Contains(nav, "Taken") {
		t.Errorf("menu item Taken missing or not after the calendar (%d, %d)", cal, tasks)
	}
	form := url.Values{"kind": {"retention_cleanup"}, "title": {"Opschonen ledenbestanden"}, "every_months": {"12"}, "start_month": {"1"},
		"window_months": {"2"}, "anchor_year": {"2026"}, "owner_id": {strconv.FormatInt(po.ID, 10)}, "activity_id": {strconv.FormatInt(act, 10)}, "active": {"on"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("every_months", "0")
	if res := c.postForm("/o/bieb/tasks", bad); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "every_months") {
		t.Errorf("every 0 months: %d", res.StatusCode)
	}
	res := c.postForm("/o/bieb/tasks", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	loc := res.Header.Get("Location")
	if res := c.postForm(loc+"/done", url.Values{"done_at": {"2026-01-15"}, "note": {"Eerste ronde"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("done 2026: %d %s", res.StatusCode, res.Body)
	}
	list := c.get("/o/bieb/tasks")
	if !regexp.MustCompile(`(?s)class="overdue".*Opschonen ledenbestanden.*28-02-2027 <strong>te laat</strong>`).MatchString(list.Body) ||
		!strings.Contains(list.Body, "15-01-2026") || !strings.Contains(list.Body, "fg@bieb.example") {
		t.Errorf("list lacks the overdue due date, owner or last completion:\n%s", list.Body)
	}
	cal := c.get("/o/bieb/calendar")
	if !regexp.MustCompile(`(?s)Te laat.*28-02-2027.*Opschonen bestanden.*href="` + regexp.QuoteMeta(loc) + `">Opschonen ledenbestanden`).MatchString(cal.Body) {
		t.Errorf("calendar lacks the overdue task:\n%s", cal.Body)
	}
	if res := c.postForm(loc+"/done", url.Values{"done_at": {"2027-03-11"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("done tomorrow: %d", res.StatusCode)
	}
	if res := c.postForm(loc+"/done", url.Values{"done_at": {"2027-03-05"}, "note": {"Oud-leden verwijderd"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("done 2027: %d %s", res.StatusCode, res.Body)
	}
	detail := c.get(loc)
	if !strings.Contains(detail.Body, `<dd id="due">29-02-2028</dd>`) || !strings.Contains(detail.Body, "Oud-leden verwijderd") ||
		!strings.Contains(detail.Body, "Eerste ronde") || !strings.Contains(detail.Body, "Ledenadministratie") {
		t.Errorf("detail after marking done:\n%s", detail.Body)
	}
	if cal := c.get("/o/bieb/calendar"); strings.Contains(cal.Body, "28-02-2027") || !strings.Contains(cal.Body, "29-02-2028") {
		t.Errorf("calendar still shows the old window")
	}

	// Edit: the window now runs to March, so due 31 March 2028.
	form.Set("window_months", "3")
	if res := c.postForm(loc, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", res.StatusCode, res.Body)
	}
	if d := c.get(loc); !strings.Contains(d.Body, `<dd id="due">31-03-2028</dd>`) || !strings.Contains(d.Body, "<dd id=\"last-done\">05-03-2027</dd>") {
		t.Errorf("after edit:\n%s", d.Body)
	}

	// A reader sees the task but cannot change it.
	rc := app.signIn(reader.Email)
	if p := rc.get(loc); p.StatusCode != http.StatusOK || strings.Contains(p.Body, "/done\"") {
		t.Errorf("reader's view: %d", p.StatusCode)
	}
	if res := rc.postForm(loc+"/done", url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Errorf("reader marks done: %d", res.StatusCode)
	}

	if res := c.postForm(loc+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if l := c.get("/o/bieb/tasks"); strings.Contains(l.Body, "Opschonen ledenbestanden") {
		t.Error("deleted task still listed")
	}
}

// TestTasksAPI: seed 003's policy evaluation, every two years in January
// and February, evaluated on 10 February 2024, is next due 28 February
// 2026; on 1 March 2026 that is overdue.
func TestTasksAPI(t *testing.T) {
	app := newTestApp(t)
	app.st.Now = func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	tok := app.token(o, po)
	c := app.client()
	res := c.api("POST", "/api/v1/tasks", tok, `{"kind":"policy_evaluation","title":"Evaluatie privacybeleid","every_months":24,"start_month":1,"window_months":2,"anchor_year":2024}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(res.Body, `"active": true`) {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	id := regexp.MustCompile(`"id": (\d+)`).FindStringSubmatch(res.Body)[1]
	res = c.api("POST", "/api/v1/tasks/"+id+"/done", tok, `{"done_at":"2024-02-10T10:00:00+01:00","note":"Beleid geëvalueerd"}`)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `"due": "2026-02-28T23:59:59.999999999+01:00"`) || !strings.Contains(res.Body, `"state": "overdue"`) {
		t.Fatalf("done: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("POST", "/api/v1/tasks/"+id+"/done", tok, `{"done_at":"2026-03-02T10:00:00Z"}`); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "done_at") {
		t.Errorf("done tomorrow: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("POST", "/api/v1/tasks", tok, `{"kind":"nap","title":"","every_months":61,"start_month":1,"window_months":1}`); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "every_months") || !strings.Contains(res.Body, "kind") {
		t.Errorf("bad task: %d %s", res.StatusCode, res.Body)
	}
	// A task as GET returns it can be sent back with a change.
	got := c.api("GET", "/api/v1/tasks/"+id, tok, "")
	body := strings.Replace(got.Body, `"window_months": 2`, `"window_months": 3`, 1)
	if res := c.api("PUT", "/api/v1/tasks/"+id, tok, body); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `"due": "2026-03-31T23:59:59.999999999+02:00"`) ||
		!strings.Contains(res.Body, `"state": "open"`) {
		t.Errorf("put: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("GET", "/api/v1/tasks", tok, ""); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Evaluatie privacybeleid") {
		t.Errorf("list: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("DELETE", "/api/v1/tasks/"+id, tok, ""); res.StatusCode != http.StatusNoContent {
		t.Errorf("delete: %d", res.StatusCode)
	}
}
