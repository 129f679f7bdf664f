package web_test

import (
	"net/http"
	"net/url"
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
	if !strings.Contains(res.Body, `<a class="cancel" href="/o/acme/tasks">Annuleren</a>`) {
		t.Error("new task: no cancel link back to the tasks")
	}
	res = po.get("/account/2fa")
	if !strings.Contains(res.Body, `<li><a href="/account">Uw account</a></li>`) {
		t.Errorf("2FA page: no crumb back to the account:\n%s", crumbsOf(res.Body))
	}
	// A list titled otherwise than its menu item does not link to itself.
	a.user(o, "admin@x.example", org.Admin)
	res = a.signIn("admin@x.example").get("/o/acme/settings")
	if c := crumbsOf(res.Body); strings.Contains(c, `href="/o/acme/settings"`) || !strings.Contains(c, `<span aria-current="page">Instellingen organisatie`) {
		t.Errorf("settings: the crumbs link to the page itself:\n%s", c)
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
	if res := a.client().get("/favicon.ico"); res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("/favicon.ico: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	res = a.client().get("/login")
	if !strings.Contains(res.Body, `<link rel="icon" href="/static/favicon.svg"`) {
		t.Error("the layout does not link the favicon")
	}
}

// The QR code to set up two-factor sign-in shows: html/template refused
// the data URL it was given (src="#ZgotmplZ"), so users had to type the
// key. It is now an inline SVG, also when a wrong code re-renders the page.
func TestTwoFactorQRCodeShows(t *testing.T) {
	a := newTestApp(t)
	o := a.org("acme")
	a.user(o, "po@x.example", org.PrivacyOfficer)
	c := a.signIn("po@x.example")
	check := func(what string, res response) {
		t.Helper()
		if strings.Contains(res.Body, "ZgotmplZ") {
			t.Errorf("%s: the template refused a URL", what)
		}
		i := strings.Index(res.Body, `<svg class="qr"`)
		if i < 0 {
			t.Fatalf("%s: no QR code", what)
		}
		svg := res.Body[i : i+strings.Index(res.Body[i:], "</svg>")]
		if !strings.Contains(svg, `role="img" aria-label="QR-code`) || strings.Count(svg, "h1v1h-1z") < 200 {
			t.Errorf("%s: the QR code is not labelled or has too few modules: %.300s", what, svg)
		}
	}
	res := c.get("/account/2fa")
	check("set-up page", res)
	secret := between(res.Body, `<code id="secret">`, `</code>`)
	if len(secret) < 16 {
		t.Fatalf("no key on the page: %q", secret)
	}
	res = c.postForm("/account/2fa/enable", url.Values{"secret": {secret}, "code": {"000000"}})
	check("wrong code", res)
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return ""
}

// The import's step list marks the step the user is on, and a PNG given
// as the register is refused on the first step in Dutch (issue 13).
func TestImportStepsAndBinaryFile(t *testing.T) {
	a := newTestApp(t)
	o := a.org("blij")
	a.user(o, "po@x.example", org.PrivacyOfficer)
	c := a.signIn("po@x.example")
	res := c.get("/o/blij/register/import")
	if !strings.Contains(res.Body, `<ol class="steps"><li aria-current="step">`) {
		t.Errorf("upload: the first step is not current: %s", between(res.Body, `<ol class="steps">`, `</ol>`))
	}
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	res = c.regUpload("/o/blij/register/import", "register.csv", png)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Dit is geen spreadsheet of CSV-bestand maar image/png") {
		t.Errorf("PNG: %d %s", res.StatusCode, between(res.Body, `<div class="errors"`, `</div>`))
	}
	res = c.regUpload("/o/blij/register/import", "register.csv", []byte("Naam;Doel\nLedenadministratie;Leden\n"))
	steps := between(res.Body, `<ol class="steps">`, `</ol>`)
	if strings.Count(steps, `aria-current="step"`) != 1 || !strings.Contains(steps, `<li aria-current="step">Kolommen</li>`) {
		t.Errorf("mapping: the second step is not the current one: %s", steps)
	}
}

// TestNoCrumbToAListTheMenuLeavesOut: a library that only controls sees
// the government requests about its data; its trail led through the
// processor's list of requests, which its menu does not offer.
func TestNoCrumbToAListTheMenuLeavesOut(t *testing.T) {
	a := newTestApp(t)
	o := a.org("bieb") // acts as controller: the default
	a.user(o, "po@bieb.example", org.PrivacyOfficer)
	res := a.signIn("po@bieb.example").get("/o/bieb/govrequests/about-us")
	if c := crumbsOf(res.Body); res.StatusCode != http.StatusOK || strings.Contains(c, `href="/o/bieb/govrequests"`) || !strings.Contains(c, `href="/o/bieb/"`) {
		t.Errorf("about-us: %d\n%s", res.StatusCode, c)
	}
}
