package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// TestAPIBadTextAndForeignReferences: a NUL byte answered 500 on
// PostgreSQL; a 10 MB name was stored; PUT /api/v1/activities/{id} stored
// another organisation's agreement id. All are refused with the field
// named, on both engines, and nothing is stored.
func TestAPIBadTextAndForeignReferences(t *testing.T) {
	app := newTestApp(t)
	o, other := app.org("apia"), app.org("apib")
	u := app.user(o, "fg@apia.example", org.PrivacyOfficer)
	tok := app.token(o, u)
	c := app.client()
	ctx := context.Background()
	theirs := &agreement.Agreement{OrgID: other.ID, Title: "Overeenkomst van B"}
	if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateAgreement(ctx, theirs) }); err != nil {
		t.Fatal(err)
	}
	huge, _ := json.Marshal(strings.Repeat("x", 10<<20))
	for name, body := range map[string]string{
		"NUL in the name":  `{"name":"Leden\u0000administratie"}`,
		"NUL in a purpose": `{"name":"ok","purposes":[{"description":"a\u0000b","lawful_basis":"b"}]}`,
		"10 MB name":       `{"name":` + string(huge) + `}`,
	} {
		res := c.api("POST", "/api/v1/activities", tok, body)
		if res.StatusCode != 422 || !strings.Contains(res.Body, `"field"`) {
			t.Errorf("%s: %d %.300s", name, res.StatusCode, res.Body)
		}
	}
	res := c.api("POST", "/api/v1/activities", tok, `{"name":"Uitlenen"}`)
	var a register.Activity
	if err := json.Unmarshal([]byte(res.Body), &a); res.StatusCode != 201 || err != nil {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	a.Processors = []register.ProcessorRef{{Name: "Leverancier", AgreementID: &theirs.ID}}
	body, _ := json.Marshal(a)
	res = c.api("PUT", "/api/v1/activities/"+strconv.FormatInt(a.ID, 10), tok, string(body))
	if res.StatusCode != 422 || !strings.Contains(res.Body, "processors[0].agreement_id") {
		t.Errorf("another organisation's agreement: %d %s", res.StatusCode, res.Body)
	}
	got, err := app.st.Activity(ctx, o.ID, a.ID)
	if err != nil || len(got.Processors) != 0 {
		t.Fatalf("stored anyway: %v %+v", err, got)
	}
	if _, n, _ := app.st.Activities(ctx, o.ID, store.ActivityFilter{}); n != 1 {
		t.Errorf("%d activities stored, want 1", n)
	}
}

// inviteLink finds the invitation link on the users page and returns its
// path.
func inviteLink(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`id="invite-url">[^<]*?(/invite/[A-Za-z0-9_\-]+)<`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no invitation link on the page")
	}
	return m[1]
}

// TestAddingAPersonDisclosesNothingAndNeedsConsent: POST /api/v1/users
// answered "created": false for another organisation's address (so it has
// an account) and added that person without their consent. Now a new and
// an existing address get the same answer, an invitation; the existing
// person is a member only after signing in and accepting, the web page
// behaves the same, and nobody else can accept.
func TestAddingAPersonDisclosesNothingAndNeedsConsent(t *testing.T) {
	app := newTestApp(t)
	a, b := app.org("inva"), app.org("invb")
	admin := app.user(a, "beheer@inva.example", org.Admin)
	app.user(b, "fg@invb.example", org.PrivacyOfficer)
	app.user(b, "other@invb.example", org.PrivacyOfficer)
	tok := app.token(a, admin)
	c := app.client()
	shape := func(body string) string {
		var res map[string]any
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		inv := res["invitation"].(map[string]any)
		keys := []string{}
		for k := range res {
			keys = append(keys, k)
		}
		for k := range inv {
			keys = append(keys, "invitation."+k)
		}
		sort.Strings(keys)
		return strings.Join(keys, ",")
	}
	existing := c.api("POST", "/api/v1/users", tok, `{"email": "fg@invb.example", "role": "lezer"}`)
	fresh := c.api("POST", "/api/v1/users", tok, `{"email": "nieuw@inva.example", "role": "lezer"}`)
	if existing.StatusCode != 201 || fresh.StatusCode != 201 || shape(existing.Body) != shape(fresh.Body) ||
		strings.Contains(existing.Body, `"created":`) || strings.Contains(existing.Body, "password") {
		t.Fatalf("answers differ:\n%d %s\n%d %s", existing.StatusCode, existing.Body, fresh.StatusCode, fresh.Body)
	}
	ctx := context.Background()
	fg, _ := app.st.UserByEmail(ctx, "fg@invb.example")
	if ms, _ := app.st.Memberships(ctx, fg.ID); len(ms) != 1 {
		t.Fatalf("the existing person was added without accepting: %+v", ms)
	}
	var res struct {
		AcceptURL string `json:"accept_url"`
	}
	_ = json.Unmarshal([]byte(existing.Body), &res)
	link := res.AcceptURL[strings.Index(res.AcceptURL, "/invite/"):]

	// Someone else signed in cannot accept it; the link cannot make a
	// second account or set a password for the existing one.
	other := app.signIn("other@invb.example")
	if r := other.postForm(link+"/accept", nil); r.StatusCode != http.StatusForbidden {
		t.Fatalf("another person accepts: %d", r.StatusCode)
	}
	if r := app.client().postForm(link+"/register", url.Values{"password": {"een ander wachtwoord"}, "password2": {"een ander wachtwoord"}}); r.StatusCode != http.StatusConflict {
		t.Fatalf("register over an existing account: %d", r.StatusCode)
	}
	if u, _ := app.st.UserByEmail(ctx, "fg@invb.example"); u.PasswordHash != fg.PasswordHash {
		t.Fatal("the invitation changed the existing account's password")
	}
	// Anyone holding the link sees the organisation and both ways in; the
	// page does not say whether the address has an account.
	if r := app.client().get(link); r.StatusCode != 200 || !strings.Contains(r.Body, "/login?next="+link) || !strings.Contains(r.Body, link+"/register") {
		t.Fatalf("anonymous invitation page: %d", r.StatusCode)
	}
	// The person signs in and accepts.
	me := app.signIn("fg@invb.example")
	if r := me.get(link); r.StatusCode != 200 || !strings.Contains(r.Body, `id="accept"`) {
		t.Fatalf("invitation page: %d", r.StatusCode)
	}
	if r := me.postForm(link+"/accept", nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/o/inva/" {
		t.Fatalf("accept: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	if ms, _ := app.st.Memberships(ctx, fg.ID); len(ms) != 2 {
		t.Fatalf("not a member after accepting: %+v", ms)
	}
	if r := me.postForm(link+"/accept", nil); r.StatusCode != http.StatusNotFound {
		t.Fatalf("an invitation is used once: %d", r.StatusCode)
	}

	// The web page: the same answer for both addresses.
	web := app.signIn("beheer@inva.example")
	r1 := web.postForm("/o/inva/users", url.Values{"email": {"other@invb.example"}, "role": {"lezer"}})
	r2 := web.postForm("/o/inva/users", url.Values{"email": {"nog.een@inva.example"}, "role": {"lezer"}})
	norm := func(s string) string {
		s = regexp.MustCompile(`/invite/[A-Za-z0-9_\-]+`).ReplaceAllString(s, "/invite/X")
		s = strings.ReplaceAll(s, "other@invb.example", "E")
		s = strings.ReplaceAll(s, "nog.een@inva.example", "E")
		return regexp.MustCompile(`<table>[\s\S]*?</table>`).ReplaceAllString(s, "")
	}
	if r1.StatusCode != 200 || r2.StatusCode != 200 || norm(r1.Body) != norm(r2.Body) {
		t.Fatalf("the users page answers differently for an existing and a new address")
	}
	otherU, _ := app.st.UserByEmail(ctx, "other@invb.example")
	if ms, _ := app.st.Memberships(ctx, otherU.ID); len(ms) != 1 {
		t.Fatalf("the web page added an existing person without consent: %+v", ms)
	}
}
