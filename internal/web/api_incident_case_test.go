package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"privacyregister/internal/org"
)

// TestIncidentCaseThroughAPI (issue 12): the API does for a case what the
// case page does: details, phases, the decision aid and the decision,
// notifications to the AP with the text as sent, the controllers to tell,
// closing and reopening. On main none of these routes existed.
func TestIncidentCaseThroughAPI(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	po := app.token(o, app.user(o, "fg@bieb.example", org.PrivacyOfficer))
	emp := app.token(o, app.user(o, "mw@bieb.example", org.Employee))
	c := app.client()
	call := func(tok, method, path, body string, want int) string {
		t.Helper()
		res := c.api(method, path, tok, body)
		if res.StatusCode != want {
			t.Fatalf("%s %s: %d, want %d: %s", method, path, res.StatusCode, want, res.Body)
		}
		return res.Body
	}
	var created struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(call(emp, "POST", "/api/v1/incidents", `{"title":"Ledenlijst gemaild","discovered_at":"2026-10-24T09:00:00Z","data_types":["name_address","email"],"people_max":800}`, 201)), &created); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("/api/v1/incidents/%d", created.ID)

	// Details: the case as GET gives it goes back with PUT, changed.
	got := call(po, "GET", base, "", 200)
	put := strings.Replace(got, `"aware_at": null`, `"aware_at": "2026-10-24T10:00:00Z"`, 1)
	put = strings.Replace(put, `"cause": ""`, `"cause": "verkeerde verzendlijst"`, 1)
	if body := call(po, "PUT", base, put, 200); !strings.Contains(body, `"aware_at": "2026-10-24T10:00:00Z"`) || !strings.Contains(body, "verkeerde verzendlijst") {
		t.Errorf("PUT details: %s", body)
	}
	// Phases: the reporter may read the case but not work it; the
	// archive is reached by closing only.
	call(emp, "PUT", base+"/phases/repair", `{"state":"done"}`, http.StatusForbidden)
	if body := call(po, "PUT", base+"/phases/repair", `{"state":"done"}`, 200); !strings.Contains(body, `"repair": "done"`) {
		t.Errorf("phase: %s", body)
	}
	call(po, "PUT", base+"/phases/archive", `{"state":"done"}`, http.StatusUnprocessableEntity)

	// The decision aid answers in the caller's language, with stable codes.
	if body := call(po, "GET", base+"/assessment", "", 200); !strings.Contains(body, `"personal_data": true`) || !strings.Contains(body, `"people": 800`) {
		t.Errorf("pre-filled answers: %s", body)
	}
	answers := `{"personal_data":true,"confidentiality":true,"easily_identifiable":true,"people":800}`
	nl := call(po, "POST", base+"/assessment", answers, 200)
	var prop struct {
		Outcome string `json:"outcome"`
		Reasons []struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(nl), &prop); err != nil || prop.Outcome != "notify_authority" || len(prop.Reasons) == 0 ||
		prop.Reasons[0].Code == prop.Reasons[0].Message || !strings.Contains(nl, "art. 33 lid 5") {
		t.Errorf("proposal in Dutch: %v %s", err, nl)
	}
	req, _ := http.NewRequest("POST", c.base+base+"/assessment", strings.NewReader(answers))
	req.Header.Set("Authorization", "Bearer "+po)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	if res := c.do(req); !strings.Contains(res.Body, "art. 33(5)") {
		t.Errorf("proposal in English: %s", res.Body)
	}
	// Another outcome than proposed needs a reason.
	if body := call(po, "PUT", base+"/decision", `{"assessment":`+answers+`,"outcome":"document_only"}`, http.StatusUnprocessableEntity); !strings.Contains(body, "override_reason") {
		t.Errorf("override without reason: %s", body)
	}
	if body := call(po, "PUT", base+"/decision", `{"assessment":`+answers+`}`, 200); !strings.Contains(body, `"outcome": "notify_authority"`) {
		t.Errorf("decision: %s", body)
	}

	// Notifications: new, then a follow-up; each keeps its own text.
	call(po, "GET", base+"/notifications", "", 200)
	var n1, n2 struct {
		ID   int64  `json:"id"`
		Text string `json:"text"`
	}
	_ = json.Unmarshal([]byte(call(po, "POST", base+"/notifications", `{"kind":"new","sent_at":"2026-10-24T19:00:00Z","reference":"M2026-1"}`, 201)), &n1)
	_ = json.Unmarshal([]byte(call(po, "POST", base+"/notifications", `{"kind":"amend","sent_at":"2026-10-24T19:30:00Z"}`, 201)), &n2)
	if !strings.Contains(n1.Text, "nieuwe melding") || !strings.Contains(n2.Text, "vervolgmelding op melding M2026-1") {
		t.Errorf("texts as sent:\n%s\n---\n%s", n1.Text, n2.Text)
	}
	if body := call(po, "GET", fmt.Sprintf("%s/notifications/%d", base, n1.ID), "", 200); !strings.Contains(body, "nieuwe melding") {
		t.Errorf("first notification as sent: %s", body)
	}
	call(po, "POST", base+"/notifications", `{"kind":"new","sent_at":"2026-10-24T19:40:00Z"}`, http.StatusUnprocessableEntity)
	if body := call(po, "GET", base+"/texts/authority?notice=withdraw", "", 200); !strings.Contains(body, "intrekking van melding M2026-1") {
		t.Errorf("withdrawal text: %s", body)
	}
	call(emp, "GET", base+"/notifications", "", http.StatusForbidden)

	// Measures and informing the people concerned.
	call(emp, "POST", base+"/measures", `{"kind":"immediate","description":"Terughaalverzoek"}`, http.StatusForbidden)
	call(po, "POST", base+"/measures", `{"kind":"immediate","description":"Terughaalverzoek","done_at":"2026-10-25T09:00:00Z"}`, http.StatusUnprocessableEntity)
	if body := call(po, "POST", base+"/measures", `{"kind":"immediate","description":"Terughaalverzoek","done_at":"2026-10-24T11:00:00Z"}`, 200); !strings.Contains(body, "Terughaalverzoek") {
		t.Errorf("measure: %s", body)
	}
	if body := call(po, "PUT", base+"/subjects", `{"subjects_informed":"yes"}`, http.StatusUnprocessableEntity); !strings.Contains(body, "subjects_how") {
		t.Errorf("informed without how: %s", body)
	}
	if body := call(po, "PUT", base+"/subjects", `{"subjects_informed":"yes","subjects_informed_at":"2026-10-24T15:00:00Z","subjects_how":"e-mail aan de leden"}`, 200); !strings.Contains(body, `"subjects_how": "e-mail aan de leden"`) {
		t.Errorf("informed: %s", body)
	}

	// Controllers to tell, with the contract's hours.
	var ctl struct {
		ID    int64  `json:"id"`
		DueAt string `json:"due_at"`
	}
	_ = json.Unmarshal([]byte(call(po, "POST", base+"/controllers", `{"name":"Gemeente Nieuwegein","contract_hours":24}`, 201)), &ctl)
	if ctl.DueAt != "2026-10-25T09:00:00Z" {
		t.Errorf("controller due at %q, want 24 h after the discovery", ctl.DueAt)
	}
	call(po, "POST", base+"/controllers", `{"name":""}`, http.StatusUnprocessableEntity)
	if body := call(po, "POST", fmt.Sprintf("%s/controllers/%d/notified", base, ctl.ID), `{"notified_at":"2026-10-24T18:00:00Z"}`, 200); !strings.Contains(body, `"notified_at": "2026-10-24T18:00:00Z"`) {
		t.Errorf("controller notified: %s", body)
	}
	if body := call(po, "GET", base+"/controllers", "", 200); !strings.Contains(body, "Gemeente Nieuwegein") {
		t.Errorf("controllers: %s", body)
	}

	// Closing needs every other phase done; a closed case is read-only.
	call(po, "POST", base+"/close", "", http.StatusConflict)
	for _, p := range []string{"inventory", "qualify", "notify"} {
		call(po, "PUT", base+"/phases/"+p, `{"state":"done"}`, 200)
	}
	// Art. 33(5): a breach is closed only when its facts, effects and
	// remedial action are documented; the error names the fields.
	if body := call(po, "POST", base+"/close", "", http.StatusUnprocessableEntity); !strings.Contains(body, `"description: `) || !strings.Contains(body, `"consequences: `) {
		t.Errorf("closing without facts and effects: %s", body)
	}
	got = call(po, "GET", base, "", 200)
	put = strings.Replace(got, `"description": ""`, `"description": "De ledenlijst is naar een verkeerde verzendlijst gemaild."`, 1)
	put = strings.Replace(strings.Replace(put, `"consequences": []`, `"consequences": null`, 1), `"consequences": null`, `"consequences": ["spam_phishing"]`, 1)
	call(po, "PUT", base, put, 200)
	if body := call(po, "POST", base+"/close", "", 200); !strings.Contains(body, `"archive": "done"`) || strings.Contains(body, `"closed_at": null`) {
		t.Errorf("close: %s", body)
	}
	call(po, "PUT", base+"/phases/repair", `{"state":"in_progress"}`, http.StatusConflict)
	call(po, "POST", base+"/reopen", `{"reason":""}`, http.StatusUnprocessableEntity)
	if body := call(po, "POST", base+"/reopen", `{"reason":"AP vroeg om aanvulling"}`, 200); !strings.Contains(body, `"closed_at": null`) {
		t.Errorf("reopen: %s", body)
	}
}

// TestIncidentCaseAPIIsolation: another organisation's case answers 404
// on every case route, for its privacy officer with a valid body, and
// nothing of the case shows.
func TestIncidentCaseAPIIsolation(t *testing.T) {
	app, _ := incidentApp(t)
	a, b := app.org("org-a"), app.org("org-b")
	tokA := app.token(a, app.user(a, "fg@a.example", org.PrivacyOfficer))
	tokB := app.token(b, app.user(b, "fg@b.example", org.PrivacyOfficer))
	c := app.client()
	res := c.api("POST", "/api/v1/incidents", tokB, `{"title":"Geheim lek van B","discovered_at":"2026-10-24T09:00:00Z"}`)
	var created struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(res.Body), &created); err != nil || created.ID == 0 {
		t.Fatalf("B's case: %s", res.Body)
	}
	base := fmt.Sprintf("/api/v1/incidents/%d", created.ID)
	res = c.api("POST", base+"/controllers", tokB, `{"name":"B's controller"}`)
	if res.StatusCode != 201 {
		t.Fatalf("B's controller: %s", res.Body)
	}
	for _, rt := range []struct{ method, path, body string }{
		{"GET", base, ""},
		{"PUT", base, `{"title":"overgenomen","discovered_at":"2026-10-24T09:00:00Z"}`},
		{"PUT", base + "/phases/repair", `{"state":"done"}`},
		{"GET", base + "/assessment", ""},
		{"POST", base + "/assessment", `{"personal_data":true}`},
		{"PUT", base + "/decision", `{"assessment":{"personal_data":true}}`},
		{"GET", base + "/notifications", ""},
		{"POST", base + "/notifications", `{"kind":"new","sent_at":"2026-10-24T19:00:00Z"}`},
		{"GET", base + "/notifications/1", ""},
		{"GET", base + "/texts/authority", ""},
		{"POST", base + "/measures", `{"kind":"immediate","description":"x"}`},
		{"PUT", base + "/subjects", `{"subjects_informed":"no"}`},
		{"GET", base + "/controllers", ""},
		{"POST", base + "/controllers", `{"name":"x"}`},
		{"POST", base + "/controllers/1/notified", `{}`},
		{"POST", base + "/close", ""},
		{"POST", base + "/reopen", `{"reason":"x"}`},
	} {
		res := c.api(rt.method, rt.path, tokA, rt.body)
		if res.StatusCode != http.StatusNotFound || strings.Contains(res.Body, "Geheim") || strings.Contains(res.Body, "B's controller") {
			t.Errorf("%s %s with A's token: %d %s", rt.method, rt.path, res.StatusCode, res.Body)
		}
	}
}
