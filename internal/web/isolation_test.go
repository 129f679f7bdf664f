package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/org"
)

// isoRoute is a route requested by a member of organisation A with
// organisation B's short name and ids. {org} becomes a short name; {NAME}
// becomes the id fixture NAME of B. Each area appends its routes and
// fixtures in an init function of its own test file.
type isoRoute struct {
	Method string
	Path   string
	Form   url.Values // for POST
	API    bool       // JSON API with A's token (path uses B's ids; the token is A's)
	Body   string     // JSON body for API calls
	// BodyRef marks a route whose foreign id sits in the body (such as an
	// activity_id): it answers 422 with the message an unknown id gets.
	BodyRef bool
}

// isoFixture creates data in organisation B and returns its ids by name.
type isoFixture func(a *testApp, b *org.Organisation, bUser int64) map[string]int64

var (
	isolationRoutes = []isoRoute{
		{Method: "GET", Path: "/o/{org}/"},
		{Method: "GET", Path: "/o/{org}/settings"},
		{Method: "POST", Path: "/o/{org}/settings", Form: url.Values{"name": {"Hijacked"}, "short": {"bbb"}}},
		{Method: "GET", Path: "/o/{org}/users"},
		{Method: "POST", Path: "/o/{org}/users", Form: url.Values{"email": {"x@example.org"}, "role": {"lezer"}}},
		{Method: "POST", Path: "/o/{org}/users/{user}/role", Form: url.Values{"role": {"lezer"}}},
		{Method: "POST", Path: "/o/{org}/users/{user}/remove"},
		{Method: "GET", Path: "/o/{org}/audit"},
		{Method: "GET", Path: "/o/{org}/tokens"},
		{Method: "POST", Path: "/o/{org}/tokens", Form: url.Values{"name": {"x"}}},
		{Method: "POST", Path: "/o/{org}/tokens/{token}/revoke"},
		{Method: "GET", Path: "/api/v1/users/{user}", API: true},
		{Method: "DELETE", Path: "/api/v1/users/{user}", API: true},
	}
	isolationFixtures = []isoFixture{
		func(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
			u := &struct{ ID int64 }{bUser}
			tok, _ := a.st.Tokens(t0(), b.ID, u.ID)
			return map[string]int64{"user": bUser, "token": tok[0].ID}
		},
	}
)

// TestTenantIsolation signs in as a member of A with every permission A
// can give (beheerder and privacy officer) and requests every route with
// B's short name and ids: each must answer 404 (or 403), never B's data,
// and B must be unchanged afterwards.
func TestTenantIsolation(t *testing.T) {
	app := newTestApp(t)
	a, b := app.org("org-a"), app.org("org-b")
	adminA := app.user(a, "admin@a.example", org.Admin)
	poA := app.user(a, "po@a.example", org.PrivacyOfficer)
	bUser := app.user(b, "secret-person@b.example", org.Admin)
	app.token(b, bUser)
	ids := map[string]int64{}
	for _, f := range isolationFixtures {
		for k, v := range f(app, b, bUser.ID) {
			ids[k] = v
		}
	}
	trailBefore, _ := app.st.AuditLog(t0(), b.ID, storeFilter())

	clients := map[string]*client{"beheerder": app.signIn(adminA.Email), "privacyofficer": app.signIn(poA.Email)}
	tokens := map[string]string{"beheerder": app.token(a, adminA), "privacyofficer": app.token(a, poA)}
	for _, rt := range isolationRoutes {
		path := strings.ReplaceAll(rt.Path, "{org}", b.Short)
		for name, id := range ids {
			path = strings.ReplaceAll(path, "{"+name+"}", strconv.FormatInt(id, 10))
		}
		if strings.Contains(path, "{") {
			t.Fatalf("route %s: no fixture for %s", rt.Path, path)
		}
		for role, c := range clients {
			var res response
			switch {
			case rt.API:
				res = c.api(rt.Method, path, tokens[role], rt.Body)
			case rt.Method == "GET":
				res = c.get(path)
			default:
				res = c.postForm(path, rt.Form)
			}
			refused := res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusForbidden ||
				(rt.BodyRef && res.StatusCode == http.StatusUnprocessableEntity)
			if !refused {
				t.Errorf("%s %s as A's %s: status %d, want 404 or 403", rt.Method, path, role, res.StatusCode)
			}
			if strings.Contains(res.Body, "secret-person@b.example") || strings.Contains(res.Body, "Organisatie org-b") {
				t.Errorf("%s %s as A's %s: response shows B's data", rt.Method, path, role)
			}
		}
	}
	trailAfter, _ := app.st.AuditLog(t0(), b.ID, storeFilter())
	if len(trailAfter) != len(trailBefore) {
		t.Errorf("B's audit trail grew from %d to %d rows: something of B was changed", len(trailBefore), len(trailAfter))
	}
}
