package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// TestReportingIsOneOperationWhicheverDoor (issue 12, "one truth"):
// the web form, the intake link and the API report an incident with the
// same defaults, the same length limit per field and the same e-mail. On
// main they drifted: the intake link refused a description of 6,000
// characters that the form and the API took (its own 5,000 limit), the
// API could not say which "other" data were involved (no data_other, so
// "other" could never be reported through it), and the web form replaced
// an e-mail address the reporter left with the signed-in user's.
func TestReportingIsOneOperationWhicheverDoor(t *testing.T) {
	app, mem := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	app.user(o, "mw@bieb.example", org.Employee)
	po, mw := app.signIn("fg@bieb.example"), app.signIn("mw@bieb.example")
	res := po.postForm("/o/bieb/incidents/intake", url.Values{"label": {"Volunteers"}})
	m := regexp.MustCompile(`/intake/(in_[A-Za-z0-9_-]+)`).FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatalf("intake link: %d", res.StatusCode)
	}
	long := strings.Repeat("Wat er gebeurde. ", 6000/17+1) // 6,000+ characters: running text
	form := url.Values{"title": {"Ledenlijst gemaild"}, "description": {long}, "discovered_at": {"2026-10-24T10:00"},
		"data_types": {"other"}, "data_other": {"Pasfoto's"}, "reporter_email": {"melder@bieb.example"}}

	report(t, mw, "bieb", form)
	res = app.client().postForm("/intake/"+m[1], form)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `id="receipt">2026-002<`) {
		t.Fatalf("intake refused what the web form took: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	tok := app.token(o, app.user(o, "monitor@bieb.example", org.Employee))
	body := `{"title":"Ledenlijst gemaild","description":"` + long + `","discovered_at":"2026-10-24T08:00:00Z",` +
		`"data_types":["other"],"data_other":"Pasfoto's","contact_email":"melder@bieb.example"}`
	res = app.client().api("POST", "/api/v1/incidents", tok, body)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("API refused what the web form took: %d %s", res.StatusCode, res.Body)
	}

	ctx := context.Background()
	rows, _, err := app.st.Incidents(ctx, o.ID, store.IncidentFilter{})
	if err != nil || len(rows) != 3 {
		t.Fatalf("%d cases, want 3 (%v)", len(rows), err)
	}
	var cases []*store.Incident
	for _, r := range rows {
		i, err := app.st.Incident(ctx, o.ID, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, i)
	}
	for _, i := range cases {
		if i.Reporter.Email != "melder@bieb.example" {
			t.Errorf("%s (%s): reporter e-mail %q, want the one given", i.Dossier, i.Source, i.Reporter.Email)
		}
		if i.DataOther != "Pasfoto's" || i.Regime != incident.RegimeAVG || i.Role != incident.Controller || i.Timing != incident.TimingUnknown ||
			i.PhaseOf(incident.Discover) != incident.Done || i.PhaseOf(incident.Inventory) != incident.InProgress {
			t.Errorf("%s (%s): defaults differ: %+v", i.Dossier, i.Source, i.Incident)
		}
	}
	msgs := mem.Messages()
	if len(msgs) != 3 {
		t.Fatalf("%d mails to the privacy officer, want one per report", len(msgs))
	}
	for k, msg := range msgs {
		want := "Nieuw beveiligingsincident 2026-00" + string(rune('1'+k))
		if msg.Subject != want || msg.To[0] != "fg@bieb.example" || !strings.Contains(msg.Body, "72 uur") {
			t.Errorf("mail %d: %q to %v:\n%s", k, msg.Subject, msg.To, msg.Body)
		}
	}

	// One limit per field: a title over the one-line limit is refused by
	// every door, naming the field.
	title := strings.Repeat("x", 1001)
	form.Set("title", title)
	if res := mw.postForm("/o/bieb/incidents", form); res.StatusCode == http.StatusSeeOther {
		t.Errorf("web took a title of 1001 characters")
	}
	if res := app.client().postForm("/intake/"+m[1], form); strings.Contains(res.Body, `id="receipt"`) {
		t.Errorf("intake took a title of 1001 characters")
	}
	res = app.client().api("POST", "/api/v1/incidents", tok, `{"title":"`+title+`","discovered_at":"2026-10-24T08:00:00Z"}`)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "title") {
		t.Errorf("API and a title of 1001 characters: %d %s", res.StatusCode, res.Body)
	}
}
