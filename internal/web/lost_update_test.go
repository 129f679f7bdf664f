package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// TestConcurrentEditsAreNotLost: two privacy officers open the same
// processing activity; the first saves; the second, still on the version
// opened before, saves too. Before, the second save silently replaced the
// first (a lost update). Now the second is told, at the form and through
// the API (409), and the first change stays.
func TestConcurrentEditsAreNotLost(t *testing.T) {
	a := newTestApp(t)
	o := a.org("twee")
	u1 := a.user(o, "fg1@twee.example", org.PrivacyOfficer)
	a.user(o, "fg2@twee.example", org.PrivacyOfficer)
	act := &register.Activity{Name: "Ledenadministratie"}
	if err := a.st.InTx(t0(), func(tx *store.Tx) error { return tx.CreateActivity(t0(), o.ID, act) }); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/o/twee/register/%d", act.ID)
	first, second := a.signIn("fg1@twee.example"), a.signIn("fg2@twee.example")

	// Both open the edit form and read the version it carries.
	version := regexp.MustCompile(`name="version" value="([^"]+)"`)
	form := func(c *client) url.Values {
		m := version.FindStringSubmatch(c.get(path + "/edit").Body)
		if m == nil {
			t.Fatal("the edit form carries no version")
		}
		return url.Values{"version": {m[1]}, "name": {"Ledenadministratie"}, "status": {"concept"}}
	}
	f1, f2 := form(first), form(second)
	f1.Set("description", "Door de eerste")
	if res := first.postForm(path, f1); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d %s", res.StatusCode, res.Body)
	}
	f2.Set("description", "Door de tweede")
	res := second.postForm(path, f2)
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.Body, "Iemand anders heeft deze verwerking gewijzigd") {
		t.Fatalf("second save on the old version: %d, want 409 with the reason on the form", res.StatusCode)
	}
	got, _ := a.st.Activity(t0(), o.ID, act.ID)
	if got.Description != "Door de eerste" {
		t.Fatalf("description %q: the first change was lost", got.Description)
	}

	// The API: a GET-modify-PUT on a stale body is refused; a fresh one saves.
	tok := a.token(o, u1)
	api := fmt.Sprintf("/api/v1/activities/%d", act.ID)
	stale := a.client().api("GET", api, tok, "").Body
	fresh := func(desc string) string {
		var m map[string]any
		if err := json.Unmarshal([]byte(a.client().api("GET", api, tok, "").Body), &m); err != nil {
			t.Fatal(err)
		}
		m["description"] = desc
		b, _ := json.Marshal(m)
		return string(b)
	}
	if res := a.client().api("PUT", api, tok, fresh("Via de API")); res.StatusCode != http.StatusOK {
		t.Fatalf("PUT of a fresh body: %d %s", res.StatusCode, res.Body)
	}
	res = a.client().api("PUT", api, tok, stale)
	var e struct {
		Error struct{ Code, Field string }
	}
	if json.Unmarshal([]byte(res.Body), &e); res.StatusCode != http.StatusConflict || e.Error.Field != "updated_at" {
		t.Fatalf("PUT of a stale body: %d %s, want 409 naming updated_at", res.StatusCode, res.Body)
	}
	if got, _ := a.st.Activity(t0(), o.ID, act.ID); got.Description != "Via de API" {
		t.Fatalf("description %q after the refused PUT", got.Description)
	}
}
