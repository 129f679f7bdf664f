package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/org"
)

// TestIncidentCloseNeedsDecision: a lost USB stick with members' names
// and addresses, every phase marked done by hand but no decision on
// notifying the AP (art. 33) and the people concerned (art. 34) recorded.
// Closing is refused with the message at the decision's field; once the
// decision aid records "document only" (unlikely to result in a risk)
// with its reasons, and the effects and remedial action are documented
// (art. 33(5)), the case closes.
func TestIncidentCloseNeedsDecision(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	po := app.signIn("fg@bieb.example")
	id := report(t, po, "bieb", url.Values{"title": {"USB-stick kwijt"}, "discovered_at": {"2026-10-24T09:00"},
		"description": {"Een USB-stick met een ledenlijst is zoekgeraakt."}, "data_types": {"name_address"}})
	path := "/o/bieb/incidents/" + strconv.FormatInt(id, 10)
	for _, p := range []string{"discover", "inventory", "qualify", "repair", "notify"} {
		if res := po.postForm(path+"/phase", url.Values{"phase": {p}, "state": {"done"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("phase %s: %d %s", p, res.StatusCode, errorsOf(res.Body))
		}
	}
	res := po.postForm(path+"/close", nil)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("closing without a decision: %d, want 422", res.StatusCode)
	}
	for _, want := range []string{
		`id="d-outcome" name="outcome" aria-invalid="true" aria-describedby="err-outcome"`,
		`<p class="field-error" id="err-outcome">Leg het besluit over melden aan de AP en informeren van de betrokkenen vast (art. 33 en 34)`,
		`<a href="#d-outcome">Uitkomst: Leg het besluit`,
	} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("the refused close lacks %q", want)
		}
	}
	if res := po.postForm(path+"/decide", url.Values{"action": {"confirm"}, "personal_data": {"on"}, "confidentiality": {"on"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("decide: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	res = po.postForm(path+"/close", nil)
	// The case opens on the first tab with an error (the details, with the
	// effects); the summary's link to the measures leads to their tab.
	for _, want := range []string{`id="err-consequences"`, `href="` + path + `?tab=measures#`} {
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, want) {
			t.Errorf("closing without effects and remedial action: %d, lacks %q", res.StatusCode, want)
		}
	}
	po.postForm(path+"/measures", url.Values{"kind": {"immediate"}, "description": {"Leden gevraagd alert te zijn op phishing"}})
	if res := po.get(path); res.StatusCode != 200 {
		t.Fatal(res.StatusCode)
	}
	details := url.Values{"title": {"USB-stick kwijt"}, "discovered_at": {"2026-10-24T09:00"}, "description": {"Een USB-stick met een ledenlijst is zoekgeraakt."},
		"data_types": {"name_address"}, "consequences": {"spam_phishing"}}
	if res := po.postForm(path, details); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("details: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	if res := po.postForm(path+"/close", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("close after the decision: %d %s", res.StatusCode, errorsOf(res.Body))
	}
}
