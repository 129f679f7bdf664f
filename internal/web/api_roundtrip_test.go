package web_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/api"
	"privacyregister/internal/org"
)

// TestAPIPutTakesWhatGetGives (issue 12): for every resource with GET and
// PUT, the answer of GET goes back unchanged through PUT. On main PUT
// /api/v1/agreements/{id} refused the "warnings" GET gave it, and PUT
// /api/v1/organisation refused the organisation's id and short name.
// Read-only fields are accepted and ignored. A new PUT route without a
// fixture here fails the test, so it cannot be left out.
func TestAPIPutTakesWhatGetGives(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	tok := app.token(o, app.user(o, "fg@bieb.example", org.PrivacyOfficer))
	admin := app.token(o, app.user(o, "beheer@bieb.example", org.Admin)) // the organisation's settings
	c := app.client()
	create := func(path, body string) string {
		t.Helper()
		res := c.api("POST", path, tok, body)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", path, res.StatusCode, res.Body)
		}
		var v struct {
			ID int64 `json:"id"`
		}
		if err := json.Unmarshal([]byte(res.Body), &v); err != nil || v.ID == 0 {
			t.Fatalf("POST %s: %v %s", path, err, res.Body)
		}
		return strconv.FormatInt(v.ID, 10)
	}
	act := create("/api/v1/activities", `{"name":"Uitlenen"}`)
	ids := map[string]string{
		"/api/v1/activities/{id}": act,
		"/api/v1/agreements/{id}": create("/api/v1/agreements", `{"title":"Verwerkersovereenkomst Cloud","terms":{"subprocessors":{"named":[{"name":"Hosting Inc","country":"US"}]}}}`),
		"/api/v1/parties/{id}":    create("/api/v1/parties", `{"name":"Cloud BV"}`),
		"/api/v1/dpias/{id}":      create("/api/v1/dpias", `{"title":"Camera","activity_id":`+act+`}`),
		"/api/v1/tasks/{id}":      create("/api/v1/tasks", `{"kind":"policy_evaluation","title":"Evaluatie","every_months":24,"start_month":1,"window_months":2,"anchor_year":2024}`),
		"/api/v1/incidents/{id}":  create("/api/v1/incidents", `{"title":"Laptop kwijt","discovered_at":"2026-10-24T09:00:00Z"}`),
		"/api/v1/organisation":    "",
		"/api/v1/govrequests/{id}": create("/api/v1/govrequests", `{"agreement_id":`+create("/api/v1/agreements", `{"title":"VO klant","our_role":"processor"}`)+
			`,"authority":"Politie","authority_kind":"investigation","received_at":"2026-10-24T09:00:00Z","data_asked":"NAW"}`),
	}
	routes := api.New(nil, slog.Default()).Routes()
	get := map[string]bool{}
	for _, rt := range routes {
		if rt.Method == "GET" {
			get[rt.Path] = true
		}
	}
	seen := 0
	for _, rt := range routes {
		if rt.Method != "PUT" || !get[rt.Path] {
			continue
		}
		id, ok := ids[rt.Path]
		if !ok {
			t.Errorf("PUT %s has no fixture in this test", rt.Path)
			continue
		}
		seen++
		path, who := strings.Replace(rt.Path, "{id}", id, 1), tok
		if id == "" {
			who = admin
		}
		before := c.api("GET", path, who, "")
		if before.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, before.StatusCode, before.Body)
		}
		after := c.api("PUT", path, who, before.Body)
		if after.StatusCode != 200 {
			t.Errorf("PUT %s refused what GET gave: %d %s", path, after.StatusCode, after.Body)
		}
	}
	if seen < 7 {
		t.Errorf("%d GET+PUT resources tried, want 7", seen)
	}
	// Unknown fields are still refused, naming the field.
	path := "/api/v1/agreements/" + ids["/api/v1/agreements/{id}"]
	if res := c.api("PUT", path, tok, `{"title":"x","warnigns":[]}`); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "warnigns") {
		t.Errorf("unknown field: %d %s", res.StatusCode, res.Body)
	}
}

// TestAPIMessagesFilledInCallersLanguage (issue 12): agreement warnings
// came as "Sub-processor %s processes in %s" with the args beside. They
// arrive filled in, in the language of Accept-Language (else the user's
// own, Dutch by default), with a stable code.
func TestAPIMessagesFilledInCallersLanguage(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	tok := app.token(o, app.user(o, "fg@bieb.example", org.PrivacyOfficer))
	c := app.client()
	res := c.api("POST", "/api/v1/agreements", tok, `{"title":"Verwerkersovereenkomst Cloud","terms":{"subprocessors":{"named":[{"name":"Hosting Inc","country":"US"}]}}}`)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	id := regexp.MustCompile(`"id": (\d+)`).FindStringSubmatch(res.Body)[1]
	for lang, want := range map[string]string{"": "Subverwerker Hosting Inc", "en": "Sub-processor Hosting Inc processes in US", "nl-NL,nl;q=0.9": "Subverwerker Hosting Inc"} {
		req, _ := http.NewRequest("GET", c.base+"/api/v1/agreements/"+id+"/warnings", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		if lang != "" {
			req.Header.Set("Accept-Language", lang)
		}
		res := c.do(req)
		var ws []map[string]any
		if err := json.Unmarshal([]byte(res.Body), &ws); err != nil {
			t.Fatalf("%q: %v %s", lang, err, res.Body)
		}
		found := false
		for _, w := range ws {
			msg, _ := w["message"].(string)
			if strings.Contains(msg, "%") || w["args"] != nil || w["code"] == "" {
				t.Errorf("%q: warning not filled in: %v", lang, w)
			}
			if w["code"] == "subprocessor_outside_eea_without_safeguard" {
				found = strings.Contains(msg, want)
				if !found {
					t.Errorf("Accept-Language %q: %q, want %q", lang, msg, want)
				}
			}
		}
		if !found {
			t.Errorf("Accept-Language %q: no sub-processor warning in %s", lang, res.Body)
		}
	}
	// Errors too: in English when asked.
	req, _ := http.NewRequest("GET", c.base+"/api/v1/agreements/999999", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Accept-Language", "en")
	if res := c.do(req); res.StatusCode != 404 || !strings.Contains(res.Body, "not found") {
		t.Errorf("error in English: %d %s", res.StatusCode, res.Body)
	}
}
