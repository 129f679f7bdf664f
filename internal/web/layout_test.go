package web_test

import (
	"net/http"
	"strings"
	"testing"

	"privacyregister/internal/org"
)

// The menu is grouped, marks the page the user is on, and shows only what
// the role may open; every page below the dashboard has a breadcrumb trail
// back (issue 13: many pages had no way back).
func TestGroupedMenuAndBreadcrumbs(t *testing.T) {
	a := newTestApp(t)
	o := a.org("acme")
	a.user(o, "po@x.example", org.PrivacyOfficer)
	a.user(o, "emp@x.example", org.Employee)
	po := a.signIn("po@x.example")

	res := po.get("/o/acme/incidents/intake")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("intake links: status %d", res.StatusCode)
	}
	for _, want := range []string{
		`<details class="nav-group current" name="nav"><summary>Incidenten en verzoeken</summary>`,
		`<a href="/o/acme/incidents/intake" aria-current="page">`,
		`<nav class="crumbs" aria-label="Kruimelpad"><ol><li><a href="/o/acme/">Overzicht</a></li><li><a href="/o/acme/incidents">Incidenten</a></li><li><span aria-current="page">Meldlinks</span></li></ol></nav>`,
		`<summary>Beheer</summary>`,
	} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("intake links page lacks %s\n%s", want, crumbsOf(res.Body))
		}
	}
	// Only the longest match is current: Incidents is not marked too.
	if strings.Contains(res.Body, `href="/o/acme/incidents" aria-current`) {
		t.Error("Incidents marked current on the intake links page")
	}

	res = po.get("/o/acme/tasks/new")
	if !strings.Contains(res.Body, `<li><a href="/o/acme/tasks">Taken</a></li><li><span aria-current="page">`) {
		t.Errorf("new task: no crumb back to the tasks:\n%s", crumbsOf(res.Body))
	}
	res = po.get("/account/2fa")
	if !strings.Contains(res.Body, `<li><a href="/account">Uw account</a></li>`) {
		t.Errorf("2FA page: no crumb back to the account:\n%s", crumbsOf(res.Body))
	}
	if res := po.get("/o/acme/"); strings.Contains(res.Body, `class="crumbs"`) {
		t.Error("the dashboard has a breadcrumb trail")
	}

	emp := a.signIn("emp@x.example")
	res = emp.get("/o/acme/incidents")
	if strings.Contains(res.Body, `/o/acme/register"`) || strings.Contains(res.Body, `/o/acme/audit"`) {
		t.Error("an employee's menu offers the register or the audit trail")
	}
	if !strings.Contains(res.Body, `href="/o/acme/incidents" aria-current="page"`) {
		t.Error("an employee's menu does not mark Incidents")
	}
}

func crumbsOf(body string) string {
	i := strings.Index(body, `class="crumbs"`)
	if i < 0 {
		return "(no crumbs)"
	}
	return body[i:min(len(body), i+400)]
}

// The favicon the layout links is served (it answered 404 on every page).
func TestFavicon(t *testing.T) {
	a := newTestApp(t)
	res := a.client().get("/static/favicon.svg")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "image/svg+xml") {
		t.Fatalf("favicon: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	res = a.client().get("/login")
	if !strings.Contains(res.Body, `<link rel="icon" href="/static/favicon.svg"`) {
		t.Error("the layout does not link the favicon")
	}
}
