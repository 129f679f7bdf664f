package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/api"
	"privacyregister/internal/audit"
	"privacyregister/internal/incident"
	"privacyregister/internal/mail"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
	"privacyregister/internal/web"
)

// incidentIsoFixture creates a case of B with an intake link, an affected controller and an AP notification.
func incidentIsoFixture(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
	ctx := context.Background()
	i := &store.Incident{}
	i.Title, i.DiscoveredAt, i.Role = "Secret breach of org B", a.st.Now().Add(-time.Hour), incident.Processor
	var linkID, ctlID, noteID int64
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateIncident(ctx, b.ID, i); err != nil {
			return err
		}
		_, l, err := tx.CreateIntakeLink(ctx, b.ID, "B's volunteers")
		if err != nil {
			return err
		}
		linkID = l.ID
		ct := &store.AffectedController{Name: "B's controller"}
		if err := tx.AddAffectedController(ctx, b.ID, i.ID, ct); err != nil {
			return err
		}
		ctlID = ct.ID
		_, err = tx.UpdateIncident(ctx, b.ID, i.ID, "", func(x *store.Incident) error { t := x.DiscoveredAt; x.AwareAt = &t; return nil })
		if err != nil {
			return err
		}
		n := &store.AuthorityNotification{Kind: store.NotifyNew, SentAt: a.st.Now(), FileName: "b.pdf", File: []byte("B")}
		if err := tx.RecordAuthorityNotification(ctx, b.ID, i.ID, n, ""); err != nil {
			return err
		}
		noteID = n.ID
		return nil
	}); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"incident": i.ID, "intakelink": linkID, "incidentctl": ctlID, "incidentnote": noteID}
}

// incidentApp is the test application with a clock and an e-mail
// recorder, standing at Saturday 24 October 2026 22:00 Amsterdam (20:00 UTC).
func incidentApp(t *testing.T) (*testApp, *mail.Memory) {
	t.Helper()
	return incidentAppLog(t, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func incidentAppLog(t *testing.T, log *slog.Logger) (*testApp, *mail.Memory) {
	t.Helper()
	st := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 10, 24, 20, 0, 0, 0, time.UTC)}
	st.Now = clock.Now
	cfg := web.DefaultConfig()
	cfg.BaseURL = "https://privacy.example.nl"
	a := api.New(st, log)
	s, err := web.New(st, cfg, log, a)
	if err != nil {
		t.Fatal(err)
	}
	mem := &mail.Memory{}
	s.Mail = mem
	a.Mail, a.BaseURL = mem, cfg.BaseURL
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &testApp{t: t, st: st, srv: srv, clock: clock}, mem
}

var dossierRe = regexp.MustCompile(`/incidents/(\d+)$`)

// report posts the short form and returns the new case's id.
func report(t *testing.T, c *client, short string, v url.Values) int64 {
	t.Helper()
	res := c.postForm("/o/"+short+"/incidents", v)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("report: status %d: %s", res.StatusCode, errorsOf(res.Body))
	}
	m := dossierRe.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("report: redirect to %q", res.Header.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func errorsOf(body string) string {
	if i := strings.Index(body, `class="errors"`); i >= 0 {
		return body[i:min(len(body), i+600)]
	}
	return ""
}

func TestIncidentReportMailsPrivacyOfficerAndShowsClock(t *testing.T) {
	app, mem := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	// A second privacy officer reads English: the same notice, in English.
	dpo := app.user(o, "dpo@bieb.example", org.PrivacyOfficer)
	dpo.Lang = "en"
	if err := app.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.UpdateUser(context.Background(), dpo) }); err != nil {
		t.Fatal(err)
	}
	app.user(o, "medewerker@bieb.example", org.Employee)
	emp := app.signIn("medewerker@bieb.example")
	id := report(t, emp, "bieb", url.Values{"title": {"Laptop lost on the train"}, "discovered_at": {"2026-10-24T21:00"},
		"data_types": {"name_address"}, "people.max": {"300"}})
	all := mem.Messages()
	var msgs []mail.Message
	for _, m := range all {
		if m.To[0] == "dpo@bieb.example" {
			if len(m.To) != 1 || m.Subject != "New security incident 2026-001" {
				t.Errorf("English notice: %v %q", m.To, m.Subject)
			}
			continue
		}
		msgs = append(msgs, m)
	}
	if len(all) != 2 || len(msgs) != 1 || msgs[0].To[0] != "fg@bieb.example" || msgs[0].Subject != "Nieuw beveiligingsincident 2026-001" {
		t.Fatalf("mail to the privacy officers: %+v", all)
	}
	if strings.Contains(msgs[0].Body, "Laptop lost") {
		t.Errorf("the mail carries the report's content; it should only link to it")
	}
	// The employee follows the report; another employee does not see it.
	if res := emp.get("/o/bieb/incidents/" + strconv.FormatInt(id, 10)); res.StatusCode != 200 || !strings.Contains(res.Body, "2026-001") {
		t.Errorf("reporter's view: %d", res.StatusCode)
	}
	app.user(o, "other@bieb.example", org.Employee)
	other := app.signIn("other@bieb.example")
	if res := other.get("/o/bieb/incidents/" + strconv.FormatInt(id, 10)); res.StatusCode != http.StatusNotFound {
		t.Errorf("another employee sees the report: %d", res.StatusCode)
	}
	if res := other.get("/o/bieb/incidents"); strings.Contains(res.Body, "Laptop lost") {
		t.Errorf("another employee's register lists the report")
	}

	// Aware at 21:30 on Saturday 24 October 2026, the night summer time
	// ends: the AP deadline is Tuesday 27 October 20:30 Amsterdam time,
	// 72 real hours later (art. 33(1)).
	po := app.signIn("fg@bieb.example")
	path := "/o/bieb/incidents/" + strconv.FormatInt(id, 10)
	res := po.postForm(path, url.Values{"title": {"Laptop lost on the train"}, "discovered_at": {"2026-10-24T21:00"}, "aware_at": {"2026-10-24T21:30"},
		"role": {"controller"}, "timing": {"unknown"}, "data_types": {"name_address"}, "people.max": {"300"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save details: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	page := po.get(path)
	if !strings.Contains(page.Body, "27-10-2026 20:30") {
		t.Errorf("case page does not show the AP deadline 27-10-2026 20:30")
	}
	if dash := po.get("/o/bieb/"); !strings.Contains(dash.Body, "2026-001") {
		t.Errorf("dashboard does not list the deadline")
	}
}

func TestIncidentBadReportWritesNothing(t *testing.T) {
	app, mem := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "medewerker@bieb.example", org.Employee)
	emp := app.signIn("medewerker@bieb.example")
	for name, v := range map[string]url.Values{
		"discovery in the future": {"title": {"x"}, "discovered_at": {"2026-10-30T10:00"}},
		"negative count":          {"title": {"x"}, "discovered_at": {"2026-10-24T10:00"}, "people.min": {"-4"}},
		"no title":                {"discovered_at": {"2026-10-24T10:00"}},
		"bad date":                {"title": {"x"}, "discovered_at": {"yesterday"}},
	} {
		res := emp.postForm("/o/bieb/incidents", v)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `class="errors"`) {
			t.Errorf("%s: status %d, want 422 with the errors listed", name, res.StatusCode)
		}
	}
	if _, n, _ := app.st.Incidents(context.Background(), o.ID, store.IncidentFilter{}); n != 0 {
		t.Errorf("%d cases written", n)
	}
	if len(mem.Messages()) != 0 {
		t.Errorf("mail sent for a rejected report")
	}
}

// The encrypted laptop: a confidentiality breach of data that stay
// unintelligible (art. 34(3)(a)) needs no notice to the people concerned;
// the decision aid says why, and an override needs a reason.
func TestIncidentDecisionAid(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	po := app.signIn("fg@bieb.example")
	id := report(t, po, "bieb", url.Values{"title": {"Encrypted laptop stolen"}, "discovered_at": {"2026-10-24T09:00"}})
	path := "/o/bieb/incidents/" + strconv.FormatInt(id, 10)
	answers := url.Values{"personal_data": {"on"}, "confidentiality": {"on"}, "sensitive": {"on"}, "unintelligible": {"on"}, "people": {"400"}}
	prop := answers
	prop.Set("action", "propose")
	res := po.postForm(path+"/decide?tab=decision", prop)
	if res.StatusCode != 200 || !strings.Contains(res.Body, "inc-proposal") {
		t.Fatalf("proposal: %d", res.StatusCode)
	}
	if !strings.Contains(res.Body, "personal data breach, documented only") && !strings.Contains(res.Body, "alleen geregistreerd") {
		t.Errorf("proposal for the encrypted laptop is not 'document only'")
	}
	// Contradictory answers are refused at the form, before any proposal.
	contra := url.Values{"personal_data": {"on"}, "availability": {"on"}, "restored": {"on"}, "severity": {"medium"}, "action": {"propose"}}
	if res := po.postForm(path+"/decide", contra); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Hersteld zonder gevolgen is in tegenspraak") {
		t.Errorf("restored with significant consequences: %d, want 422 with the contradiction named", res.StatusCode)
	}
	over := url.Values{}
	for k, v := range answers {
		over[k] = v
	}
	over.Set("action", "confirm")
	over.Set("outcome", "notify_authority")
	if res := po.postForm(path+"/decide", over); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("override without reason: %d, want 422", res.StatusCode)
	}
	over.Set("override_reason", "The board wants the AP informed.")
	if res := po.postForm(path+"/decide", over); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("override with reason: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	i, _ := app.st.Incident(context.Background(), o.ID, id)
	if i.Outcome != incident.NotifyAuthority || i.Decision == nil || i.Decision.Proposed.Outcome != incident.DocumentOnly || i.Decision.OverrideReason == "" {
		t.Errorf("decision kept: %+v %+v", i.Outcome, i.Decision)
	}
	if i.PhaseOf(incident.Qualify) != incident.Done {
		t.Errorf("qualify phase = %s, want done", i.PhaseOf(incident.Qualify))
	}
	if res := po.get(path + "/text/authority"); res.StatusCode != 200 || !strings.Contains(res.Body, "Encrypted laptop stolen") {
		t.Errorf("AP text: %d", res.StatusCode)
	}
	if res := po.get(path + "/text/subjects?format=pdf"); res.StatusCode != 200 || !strings.HasPrefix(res.Body, "%PDF") {
		t.Errorf("letter PDF: %d", res.StatusCode)
	}
}

func TestIntakeLink(t *testing.T) {
	app, mem := incidentApp(t)
	o := app.org("bieb")
	b := app.org("other")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	po := app.signIn("fg@bieb.example")
	res := po.postForm("/o/bieb/incidents/intake", url.Values{"label": {"Volunteers"}})
	m := regexp.MustCompile(`/intake/(in_[A-Za-z0-9_-]+)`).FindStringSubmatch(res.Body)
	if res.StatusCode != 200 || m == nil {
		t.Fatalf("create link: %d", res.StatusCode)
	}
	token := m[1]
	anon := app.client()
	if res := anon.get("/intake/" + token); res.StatusCode != 200 || !strings.Contains(res.Body, "Organisatie bieb") {
		t.Fatalf("intake page: %d", res.StatusCode)
	}
	form := url.Values{"title": {"Newsletter sent with all addresses visible"}, "discovered_at": {"2026-10-24T10:00"}, "reporter_name": {"Vrijwilliger"}}
	res = anon.postForm("/intake/"+token, form)
	if res.StatusCode != 200 || !strings.Contains(res.Body, `id="receipt">2026-001<`) {
		t.Fatalf("intake receipt: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	if strings.Contains(res.Body, "/o/bieb/incidents") {
		t.Errorf("the receipt links into the register")
	}
	if len(mem.Messages()) != 1 {
		t.Errorf("privacy officer not mailed: %d messages", len(mem.Messages()))
	}
	// Floods: after five reports from one address the link refuses.
	for range 4 {
		anon.postForm("/intake/"+token, form)
	}
	if res := anon.postForm("/intake/"+token, form); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("sixth report within the hour: %d, want 429", res.StatusCode)
	}
	_, n, _ := app.st.Incidents(context.Background(), o.ID, store.IncidentFilter{})
	if n != 5 {
		t.Errorf("%d cases after the flood, want 5", n)
	}
	// Unknown and revoked links answer 404 and write nothing.
	if res := anon.postForm("/intake/in_unknown", form); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown link: %d", res.StatusCode)
	}
	links, _ := app.st.IntakeLinks(context.Background(), o.ID)
	if res := po.postForm("/o/bieb/incidents/intake/"+strconv.FormatInt(links[0].ID, 10)+"/revoke", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", res.StatusCode)
	}
	if res := app.client().postForm("/intake/"+token, form); res.StatusCode != http.StatusNotFound {
		t.Errorf("revoked link: %d, want 404", res.StatusCode)
	}
	if _, n2, _ := app.st.Incidents(context.Background(), o.ID, store.IncidentFilter{}); n2 != n {
		t.Errorf("revoked link wrote a case")
	}
	// A link of one organisation never reports into another.
	if _, nb, _ := app.st.Incidents(context.Background(), b.ID, store.IncidentFilter{}); nb != 0 {
		t.Errorf("reports landed in another organisation")
	}
}

func TestIncidentRolesClosedAndDelete(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	tech := app.user(o, "tech@bieb.example", org.Technician)
	app.user(o, "lezer@bieb.example", org.Reader)
	app.user(o, "admin@bieb.example", org.Admin)
	po := app.signIn("fg@bieb.example")
	id := report(t, po, "bieb", url.Values{"title": {"Server outage"}, "discovered_at": {"2026-10-24T09:00"}})
	path := "/o/bieb/incidents/" + strconv.FormatInt(id, 10)
	tc := app.signIn("tech@bieb.example")
	if res := tc.get(path); res.StatusCode != http.StatusNotFound {
		t.Errorf("technicus sees an unassigned case: %d", res.StatusCode)
	}
	po.postForm(path+"/assign", url.Values{"assignee": {strconv.FormatInt(tech.ID, 10)}})
	if res := tc.get(path); res.StatusCode != 200 {
		t.Errorf("technicus cannot open the assigned case: %d", res.StatusCode)
	}
	if res := tc.postForm(path+"/measures", url.Values{"kind": {"immediate"}, "description": {"Restarted the server"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("technicus adds a measure: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	if res := tc.postForm(path+"/decide", url.Values{"action": {"confirm"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("technicus decides: %d, want 403", res.StatusCode)
	}
	rd := app.signIn("lezer@bieb.example")
	if res := rd.get("/o/bieb/incidents"); res.StatusCode != 200 || !strings.Contains(res.Body, "Server outage") {
		t.Errorf("reader's register: %d", res.StatusCode)
	}
	if res := rd.get("/o/bieb/register"); !strings.Contains(res.Body, `<a href="/o/bieb/incidents">`) {
		t.Errorf("the reader's menu lacks the breach register")
	}
	if res := rd.postForm(path+"/note", url.Values{"note": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("reader writes a note: %d", res.StatusCode)
	}
	// Close: all phases done first, then the case is read-only.
	for _, p := range []string{"discover", "inventory", "repair"} {
		po.postForm(path+"/phase", url.Values{"phase": {p}, "state": {"done"}})
	}
	po.postForm(path+"/decide", url.Values{"action": {"confirm"}, "personal_data": {""}})
	po.postForm(path+"/phase", url.Values{"phase": {"notify"}, "state": {"done"}})
	if res := po.postForm(path+"/close", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	if res := po.postForm(path+"/note", url.Values{"note": {"late note"}}); res.StatusCode != http.StatusConflict {
		t.Errorf("note on a closed case: %d, want 409", res.StatusCode)
	}
	if res := po.postForm(path+"/reopen", url.Values{"reason": {"The supplier sent new facts"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("reopen: %d", res.StatusCode)
	}
	// Deleting needs the beheerder and the dossier number; it is audited.
	if res := po.postForm(path+"/delete", url.Values{"confirm": {"2026-001"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("privacy officer deletes: %d, want 403", res.StatusCode)
	}
	ad := app.signIn("admin@bieb.example")
	if res := ad.postForm(path+"/delete", url.Values{"confirm": {"wrong"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("delete without confirmation: %d", res.StatusCode)
	}
	if res := ad.postForm(path+"/delete", url.Values{"confirm": {"2026-001"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	trail, _ := app.st.AuditLog(context.Background(), o.ID, store.AuditFilter{Entity: "incident", EntityID: id})
	if len(trail) == 0 || trail[0].Action != audit.Delete || trail[0].Actor != "admin@bieb.example" {
		t.Errorf("no audit row for the removal")
	}
}

// TestIncidentExportsAndAPI: a case opened through the API is mailed to
// the privacy officers like one reported on the web, and a lezer, who
// may read the register on the web, may read one case through the API.
func TestIncidentExportsAndAPI(t *testing.T) {
	app, mem := incidentApp(t)
	o := app.org("bieb")
	u := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	po := app.signIn("fg@bieb.example")
	report(t, po, "bieb", url.Values{"title": {"Mis-sent newsletter"}, "discovered_at": {"2026-10-24T09:00"}})
	for format, prefix := range map[string]string{"csv": `"Dossier"`, "xlsx": "PK", "pdf": "%PDF"} {
		res := po.get("/o/bieb/incidents/export/" + format)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Body, prefix) {
			t.Errorf("export %s: %d %q", format, res.StatusCode, res.Body[:min(20, len(res.Body))])
		}
	}
	if res := po.get("/o/bieb/incidents/overview?year=2026"); res.StatusCode != 200 || !strings.Contains(res.Body, `id="ov-incidents">1<`) {
		t.Errorf("overview: %d", res.StatusCode)
	}
	tok := app.token(o, u)
	c := app.client()
	res := c.api("POST", "/api/v1/incidents", tok, `{"title":"Monitoring: mass download","discovered_at":"2026-10-24T18:00:00Z","people_max":50}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(res.Body, "2026-002") {
		t.Fatalf("API create: %d %s", res.StatusCode, res.Body)
	}
	if msgs := mem.Messages(); len(msgs) != 2 || !strings.Contains(msgs[1].Subject, "2026-002") || msgs[1].To[0] != "fg@bieb.example" {
		t.Errorf("mails after the API report: %+v", msgs)
	}
	var created struct{ ID int64 }
	if err := json.Unmarshal([]byte(res.Body), &created); err != nil || created.ID == 0 {
		t.Fatalf("API create answer: %v %s", err, res.Body)
	}
	reader := app.user(o, "lezer@bieb.example", org.Reader)
	if res := c.api("GET", fmt.Sprintf("/api/v1/incidents/%d", created.ID), app.token(o, reader), ""); res.StatusCode != 200 || !strings.Contains(res.Body, "Monitoring: mass download") {
		t.Errorf("lezer reads one case through the API: %d %s", res.StatusCode, res.Body)
	}
	res = c.api("POST", "/api/v1/incidents", tok, `{"title":"x","discovered_at":"2027-01-01T00:00:00Z"}`)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "discovered_at") {
		t.Errorf("API future discovery: %d %s", res.StatusCode, res.Body)
	}
	res = c.api("GET", "/api/v1/incidents?year=2026", tok, "")
	if res.StatusCode != 200 || !strings.Contains(res.Body, `"total": 2`) {
		t.Errorf("API list: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("GET", "/api/v1/openapi.json", tok, ""); !strings.Contains(res.Body, "/api/v1/incidents") {
		t.Errorf("OpenAPI document lacks the incidents routes")
	}
}

// TestNotificationTextsFollowTheCase: once the first notification is
// recorded, the AP text is a follow-up to it (it kept saying "nieuwe
// melding"), the follow-up kinds can be chosen, and the first
// notification's text stays as it was sent, after the case changes.
func TestNotificationTextsFollowTheCase(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	po := app.signIn("fg@bieb.example")
	id := report(t, po, "bieb", url.Values{"title": {"Lijst met leden gemaild"}, "discovered_at": {"2026-10-24T09:00"}})
	path := "/o/bieb/incidents/" + strconv.FormatInt(id, 10)
	if res := po.postForm(path, url.Values{"title": {"Lijst met leden gemaild"}, "discovered_at": {"2026-10-24T09:00"}, "aware_at": {"2026-10-24T10:00"}, "timing": {"unknown"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("aware at: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	if res := po.postForm(path+"/notify", url.Values{"kind": {"new"}, "sent_at": {"2026-10-24T20:00"}, "reference": {"M2026-000123"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first notification: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	page := po.get(path + "/text/authority?format=txt").Body
	if !strings.Contains(page, "vervolgmelding op melding M2026-000123: aanvulling") || strings.Contains(page, "nieuwe melding") {
		t.Errorf("AP text after the first notification:\n%s", page)
	}
	if res := po.get(path + "/text/authority?notice=withdraw&format=txt"); !strings.Contains(res.Body, "intrekking van melding M2026-000123") {
		t.Errorf("withdrawal text:\n%s", res.Body)
	}
	ns, err := app.st.AuthorityNotifications(context.Background(), o.ID, id)
	if err != nil || len(ns) != 1 {
		t.Fatalf("notifications: %v %d", err, len(ns))
	}
	sent := po.get(path + "/notify/" + strconv.FormatInt(ns[0].ID, 10) + "/text")
	if sent.StatusCode != 200 || !strings.Contains(sent.Body, "nieuwe melding") || !strings.Contains(sent.Body, "Lijst met leden gemaild") {
		t.Errorf("the first notification as sent: %d", sent.StatusCode)
	}
}
