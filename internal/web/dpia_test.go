package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// dpiaIsoFixture creates a DPIA of B on an activity of B.
func dpiaIsoFixture(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
	act := addActivity(a, b, "Cameratoezicht B")
	d := &store.DPIA{Title: "secret-person@b.example", ActivityID: &act, Risks: []store.DPIARisk{{Description: "x", Likelihood: 2, Impact: 2,
		Measures: []store.DPIAMeasure{{Description: "m"}}}}}
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateDPIA(context.Background(), b.ID, d) }); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"dpia": d.ID, "activity": act}
}

// addActivity inserts a bare processing activity of o.
func addActivity(a *testApp, o *org.Organisation, name string) int64 {
	a.t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	if err := a.st.RawExec(ctx, "INSERT INTO activities (org_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)", o.ID, name, now, now); err != nil {
		a.t.Fatal(err)
	}
	acts, _ := a.st.ActivityNames(ctx, o.ID)
	for _, x := range acts {
		if x.Name == name {
			return x.ID
		}
	}
	a.t.Fatalf("activity %s missing", name)
	return 0
}

// TestDPIAScreeningAndRecord screens camera surveillance (AP list item 9:
// DPIA required), builds a DPIA whose residual risk stays high (likelihood
// 3, impact 3 after measures), which must show the duty of prior
// consultation (art. 36), and downloads it as PDF.
func TestDPIAScreeningAndRecord(t *testing.T) {
	app := newTestApp(t)
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	c := app.signIn(po.Email)
	act := addActivity(app, o, "Cameratoezicht vestigingen")
	scr := "/o/bieb/screenings/" + strconv.FormatInt(act, 10)
	if res := c.postForm(scr, url.Values{"ap": {"9"}, "criteria": {"3"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("screen: %d %s", res.StatusCode, res.Body)
	}
	if res := c.postForm(scr, url.Values{"ap": {"18"}}); res.StatusCode == http.StatusSeeOther {
		t.Fatal("AP item 18 accepted")
	}
	if page := c.get("/o/bieb/dpias"); !strings.Contains(page.Body, "DPIA verplicht") {
		t.Errorf("list lacks the outcome:\n%s", page.Body)
	}
	res := c.postForm("/o/bieb/dpias", url.Values{"title": {"Cameratoezicht"}, "activity_id": {strconv.FormatInt(act, 10)}, "description": {"Camera's bij de ingang"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	loc := res.Header.Get("Location")
	if res := c.postForm(loc+"/risks", url.Values{"description": {"Beelden uitgelekt"}, "likelihood": {"3"}, "impact": {"4"}, "residual_likelihood": {"3"}, "residual_impact": {"3"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("risk: %d %s", res.StatusCode, res.Body)
	}
	if res := c.postForm(loc+"/measures", url.Values{"risk": {"0"}, "description": {"Versleutelde opslag"}, "owner": {"ICT"}, "state": {"planned"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("measure: %d", res.StatusCode)
	}
	if res := c.postForm(loc+"/measures", url.Values{"risk": {"5"}, "description": {"x"}}); res.StatusCode == http.StatusSeeOther {
		t.Fatal("measure for a risk that does not exist accepted")
	}
	page := c.get(loc + "?tab=risks")
	if !strings.Contains(page.Body, `id="prior-consultation"`) || !strings.Contains(page.Body, "Versleutelde opslag") {
		t.Errorf("detail lacks prior consultation or measure")
	}
	pdf := c.get(loc + "/pdf")
	if pdf.StatusCode != http.StatusOK || !strings.HasPrefix(pdf.Body, "%PDF") {
		t.Errorf("pdf: %d %.20q", pdf.StatusCode, pdf.Body)
	}
	// Deciding without naming who decided is refused.
	if res := c.postForm(loc, url.Values{"title": {"Cameratoezicht"}, "dpo_advice": {"Akkoord"}, "decision": {"Doorgaan"}, "state": {"decided"}}); res.StatusCode == http.StatusSeeOther {
		t.Error("decision without decider accepted")
	}
}

// TestDPIAAPI: the API computes the levels the same way: likelihood 4 and
// impact 3 is very high; residual 2 and 3 is medium, so no prior
// consultation; a screening via the API of AP item 9 requires a DPIA.
func TestDPIAAPI(t *testing.T) {
	app := newTestApp(t)
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	tok := app.token(o, po)
	c := app.client()
	act := addActivity(app, o, "Cameratoezicht")
	res := c.api("POST", "/api/v1/dpias", tok, `{"title":"Camera","activity_id":`+strconv.FormatInt(act, 10)+`,"risks":[{"description":"Lek","likelihood":4,"impact":3,"residual_likelihood":2,"residual_impact":3,"measures":[{"description":"Versleutelen","owner":"ICT"}]}]}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(res.Body, `"level": "very_high"`) || !strings.Contains(res.Body, `"residual_level": "medium"`) ||
		!strings.Contains(res.Body, `"prior_consultation": false`) {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("POST", "/api/v1/dpias", tok, `{"title":"","risks":[{"description":"x","likelihood":9,"impact":1}]}`); res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad DPIA: %d", res.StatusCode)
	}
	res = c.api("POST", "/api/v1/screenings", tok, `{"activity_id":`+strconv.FormatInt(act, 10)+`,"answers":{"ap_list":[9]}}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(res.Body, `"outcome": "required"`) {
		t.Errorf("screening: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("GET", "/api/v1/dpias", tok, ""); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Camera") {
		t.Errorf("list: %d", res.StatusCode)
	}
}
