package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// The provisioning page walks the tenant-isolation test like every page
// under {org}; /scim/v2/ has no {org} (the token decides the tenant) and
// is walked by TestSCIMIsolation.
func init() {
	isolationFixtures = append(isolationFixtures, func(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
		a.scimToken(b)
		ts, _ := a.st.SCIMTokens(t0(), b.ID)
		return map[string]int64{"scimtoken": ts[0].ID}
	})
	isoRequests = append(isoRequests,
		isoRoute{Method: "POST", Path: "/o/{org}/scim/tokens", Form: url.Values{"name": {"x"}}},
		isoRoute{Method: "POST", Path: "/o/{org}/scim/tokens/{scimtoken}/revoke"},
	)
	outsideOrg["/scim/v2/"] = "SCIM provisioning: the organisation's bearer token decides the tenant (TestSCIMIsolation)"
}

func (a *testApp) scimToken(o *org.Organisation) string {
	a.t.Helper()
	var tok string
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) (err error) {
		tok, _, err = tx.CreateSCIMToken(context.Background(), o.ID, "Entra ID")
		return
	}); err != nil {
		a.t.Fatal(err)
	}
	return tok
}

// TestSCIMIsolation: organisation A's provisioning token, through the
// whole application, reaches nothing of B: B's member is not found by id
// or by query, cannot be changed, deactivated, removed or put in a group,
// and B's trail and B's member's access stay as they were.
func TestSCIMIsolation(t *testing.T) {
	app := newTestApp(t)
	a, b := app.org("org-a"), app.org("org-b")
	app.user(a, "admin@a.example", org.Admin)
	bUser := app.user(b, "secret-person@b.example", org.Admin)
	bOther := app.user(b, "colleague@b.example", org.Reader)
	bToken := app.token(b, bOther)
	bSession := app.signIn(bOther.Email)
	tokA := app.scimToken(a)
	app.scimToken(b)
	trailBefore, _ := app.st.AuditLog(t0(), b.ID, storeFilter())

	c := app.client()
	patch := func(ops string) string {
		return `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[` + ops + `]}`
	}
	for _, id := range []int64{bUser.ID, bOther.ID} {
		uid := strconv.FormatInt(id, 10)
		for _, rq := range []struct{ method, path, body string }{
			{"GET", "/scim/v2/Users/" + uid, ""},
			{"PUT", "/scim/v2/Users/" + uid, `{"userName":"hijacked@a.example","emails":[{"value":"hijacked@a.example"}]}`},
			{"PATCH", "/scim/v2/Users/" + uid, patch(`{"op":"Replace","path":"active","value":false}`)},
			{"PATCH", "/scim/v2/Users/" + uid, patch(`{"op":"Replace","path":"userName","value":"hijacked"}`)},
			{"DELETE", "/scim/v2/Users/" + uid, ""},
		} {
			if res := c.api(rq.method, rq.path, tokA, rq.body); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s with A's token: %d, want 404", rq.method, rq.path, res.StatusCode)
			}
		}
		// Groups: B's member cannot be given or stripped of a role.
		for _, g := range []string{"lezer", "beheerder"} {
			for _, op := range []string{"Add", "Remove", "Replace"} {
				res := c.api("PATCH", "/scim/v2/Groups/"+g, tokA, patch(`{"op":"`+op+`","path":"members","value":[{"value":"`+uid+`"}]}`))
				if op != "Replace" && res.StatusCode != http.StatusBadRequest {
					t.Errorf("%s B's member to A's group %s: %d, want 400", op, g, res.StatusCode)
				}
			}
		}
	}
	// Lists and queries with A's token show nothing of B.
	for _, path := range []string{
		"/scim/v2/Users", "/scim/v2/Users?filter=" + url.QueryEscape(`userName eq "secret-person@b.example"`),
		"/scim/v2/Users?filter=" + url.QueryEscape(`emails.value eq "colleague@b.example"`),
		"/scim/v2/Groups", "/scim/v2/Groups/beheerder", "/scim/v2/Groups/lezer",
	} {
		res := c.api("GET", path, tokA, "")
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", path, res.StatusCode)
		}
		for _, m := range []string{"b.example", strconv.FormatInt(bUser.ID, 10) + `"`, strconv.FormatInt(bOther.ID, 10) + `"`} {
			if strings.Contains(res.Body, m) {
				t.Errorf("GET %s with A's token shows B's %q: %s", path, m, res.Body)
			}
		}
	}
	var q struct{ TotalResults int }
	_ = json.Unmarshal([]byte(c.api("GET", "/scim/v2/Users?filter="+url.QueryEscape(`userName eq "secret-person@b.example"`), tokA, "").Body), &q)
	if q.TotalResults != 0 {
		t.Errorf("A's query finds B's member: %d", q.TotalResults)
	}
	// No token, or an API token of B, is not a provisioning token.
	for _, tok := range []string{"", bToken} {
		if res := c.api("GET", "/scim/v2/Users", tok, ""); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET /scim/v2/Users with token %q: %d, want 401", tok, res.StatusCode)
		}
	}

	trailAfter, _ := app.st.AuditLog(t0(), b.ID, storeFilter())
	if len(trailAfter) != len(trailBefore) {
		t.Errorf("B's audit trail grew from %d to %d rows", len(trailBefore), len(trailAfter))
	}
	if ms, _ := app.st.Members(t0(), b.ID); len(ms) != 2 || ms[0].Disabled || ms[1].Disabled {
		t.Errorf("B's members changed: %+v", ms)
	}
	if res := bSession.get("/o/org-b/register"); res.StatusCode != http.StatusOK {
		t.Errorf("B's member's session: %d", res.StatusCode)
	}
	if res := c.api("GET", "/api/v1/me", bToken, ""); res.StatusCode == http.StatusUnauthorized {
		t.Error("B's member's API token stopped working")
	}
}

// TestDeactivatedCannotSignIn: a member deactivated by the provider is
// signed out at once and cannot sign in; reactivated, they can.
func TestDeactivatedCannotSignIn(t *testing.T) {
	app := newTestApp(t)
	a := app.org("org-a")
	app.user(a, "admin@a.example", org.Admin)
	u := app.user(a, "leraar@a.example", org.Reader)
	browser := app.signIn(u.Email)
	tok := app.scimToken(a)
	c := app.client()
	path := "/scim/v2/Users/" + strconv.FormatInt(u.ID, 10)
	set := func(active string) {
		t.Helper()
		res := c.api("PATCH", path, tok, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":`+active+`}]}`)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("active %s: %d %s", active, res.StatusCode, res.Body)
		}
	}
	set("false")
	if res := browser.get("/o/org-a/register"); res.StatusCode == http.StatusOK {
		t.Error("the open session still reaches the organisation")
	}
	login := app.client().postForm("/login", url.Values{"email": {u.Email}, "password": {testPassword}})
	if login.StatusCode == http.StatusSeeOther {
		t.Error("a deactivated member signed in")
	}
	set("true")
	app.signIn(u.Email) // fails the test when refused
}
