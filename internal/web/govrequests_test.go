package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/govrequest"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// B's government request for the tenant-isolation test: B is a processor
// with an agreement with a customer and a request about it whose
// authority carries B's marker.
func init() {
	isolationFixtures = append(isolationFixtures, func(a *testApp, b *org.Organisation, _ int64) map[string]int64 {
		ag := a.processorAgreement(b, "Klant van B")
		g := &store.GovRequest{Request: govrequest.Request{AgreementID: ag, Authority: "secret-person@b.example", AuthorityKind: govrequest.Investigation,
			ReceivedAt: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC), DataAsked: "x"}}
		if err := a.st.InTx(t0(), func(tx *store.Tx) error { return tx.CreateGovRequest(t0(), b.ID, g) }); err != nil {
			a.t.Fatal(err)
		}
		return map[string]int64{"govrequest": g.ID, "govagreement": ag}
	})
	form := url.Values{"agreement_id": {"{govagreement}"}, "authority": {"Gekaapt"}, "authority_kind": {"foreign"}, "received_at": {"2026-01-05T10:00"}, "data_asked": {"x"}}
	isoRequests = append(isoRequests,
		isoRoute{Method: "POST", Path: "/o/{org}/govrequests", Form: form},
		isoRoute{Method: "POST", Path: "/o/{org}/govrequests/{govrequest}", Form: form},
		isoRoute{Method: "PUT", Path: "/api/v1/govrequests/{govrequest}", Body: `{"authority":"Gekaapt"}`},
		// A's request naming B's agreement: refused at the field.
		isoRoute{Method: "POST", Path: "/api/v1/govrequests", BodyRef: true,
			Body: `{"agreement_id":{govagreement},"authority":"x","authority_kind":"foreign","received_at":"2026-01-05T10:00:00Z","data_asked":"x"}`},
	)
	isoCollections["govrequests"] = "govrequest"
}

// processorAgreement gives o an agreement as processor with the customer
// named, with the customer as its party.
func (a *testApp) processorAgreement(o *org.Organisation, customer string) int64 {
	a.t.Helper()
	p := &agreement.Party{OrgID: o.ID, Name: customer, Kind: agreement.KindController}
	ag := &agreement.Agreement{OrgID: o.ID, Title: "VO Wise - " + customer, OurRole: agreement.RoleProcessor, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
	if err := a.st.InTx(t0(), func(tx *store.Tx) error {
		if err := tx.CreateParty(t0(), p); err != nil {
			return err
		}
		ag.PartyID = &p.ID
		return tx.CreateAgreement(t0(), ag)
	}); err != nil {
		a.t.Fatal(err)
	}
	return ag.ID
}

// TestGovRequestPages walks seed 001 art. 9 through the pages. ProBiblio
// records a police request (art. 126nd Sv) for a library's member data,
// received Mon 10:00 and not yet told: on Tue 10:01 the list and the
// per-customer overview show it overdue (9.1). An order under a gag
// shows "legal check required" and stays out of the library's view
// (9.2a); the police request is on the library's page. Bad input names
// its field; a reader can look but not save; the menu offers the
// processor's page to the processor only.
func TestGovRequestPages(t *testing.T) {
	app := newTestApp(t)
	monday := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) // 10:00 in Amsterdam
	now := monday.Add(time.Hour)
	app.st.Now = func() time.Time { return now }
	pb, lib := app.org("probiblio"), app.org("lib")
	pb.Roles = org.ActsProcessor
	if err := app.st.InTx(t0(), func(tx *store.Tx) error { return tx.UpdateOrg(t0(), pb) }); err != nil {
		t.Fatal(err)
	}
	app.user(pb, "po@probiblio.example", org.PrivacyOfficer)
	app.user(pb, "lezer@probiblio.example", org.Reader)
	app.user(lib, "fg@lib.example", org.PrivacyOfficer)
	app.publish(pb, "ProBiblio", "v1")
	libAg := app.customerAgreement(lib, "ProBiblio", 14)
	pa := app.processorAgreement(pb, lib.Name)
	if err := app.st.InTx(t0(), func(tx *store.Tx) error { _, err := tx.LinkLocalProfile(t0(), lib.ID, libAg.ID, pb.ID); return err }); err != nil {
		t.Fatal(err)
	}
	po, fg := app.signIn("po@probiblio.example"), app.signIn("fg@lib.example")

	// The menu: the processor's page for the processor, the controller's
	// page for the library.
	if res := po.get("/o/probiblio/"); !strings.Contains(res.Body, `href="/o/probiblio/govrequests"`) || strings.Contains(res.Body, `href="/o/probiblio/govrequests/about-us"`) {
		t.Errorf("processor's menu: government requests missing, or the controller's page shown")
	}
	if res := fg.get("/o/lib/"); strings.Contains(res.Body, `href="/o/lib/govrequests"`) || !strings.Contains(res.Body, `href="/o/lib/govrequests/about-us"`) {
		t.Errorf("library's menu: want only the controller's page")
	}

	// Bad input names its fields and records nothing.
	res := po.postForm("/o/probiblio/govrequests", url.Values{"agreement_id": {strconv.FormatInt(pa, 10)}, "authority_kind": {"investigation"},
		"received_at": {"2026-11-30T10:00"}, "data_asked": {"NAW"}, "gag": {"on"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="err-authority"`) || !strings.Contains(res.Body, `id="err-gag_reason"`) {
		t.Fatalf("bad input: %d, field errors missing", res.StatusCode)
	}
	if gs, _ := app.st.GovRequests(t0(), pb.ID, 0, store.Page{}); len(gs) != 0 {
		t.Fatalf("a refused form recorded %d requests", len(gs))
	}

	police := url.Values{"agreement_id": {strconv.FormatInt(pa, 10)}, "authority": {"Politie Eenheid Den Haag"}, "authority_kind": {"investigation"},
		"legal_basis": {"art. 126nd Sv"}, "received_at": {"2026-11-30T10:00"}, "data_asked": {"NAW-gegevens en leenhistorie van lid 1234"}, "decision": {"pending"}}
	res = po.postForm("/o/probiblio/govrequests", police)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	loc := res.Header.Get("Location")
	if !regexp.MustCompile(`^/o/probiblio/govrequests/\d+`).MatchString(loc) {
		t.Fatalf("redirect to %q", loc)
	}
	page := strings.SplitN(loc, "?", 2)[0]
	gag := url.Values{"agreement_id": {strconv.FormatInt(pa, 10)}, "authority": {"AIVD"}, "authority_kind": {"national_security"},
		"received_at": {"2026-11-30T10:00"}, "data_asked": {"Leenhistorie"}, "gag": {"on"}, "gag_reason": {"Geheimhouding art. 85 Wiv 2017"}}
	if res := po.postForm("/o/probiblio/govrequests", gag); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create under gag: %d", res.StatusCode)
	}

	// Tue 10:01: overdue, in the list and per customer.
	now = monday.Add(24*time.Hour + time.Minute)
	// A day on, the sessions have expired: sign in again.
	po, fg = app.signIn("po@probiblio.example"), app.signIn("fg@lib.example")
	reader := app.signIn("lezer@probiblio.example")
	list := po.get("/o/probiblio/govrequests")
	if !strings.Contains(list.Body, "te laat: verwerkingsverantwoordelijke niet geïnformeerd") || !strings.Contains(list.Body, "verbod om te informeren: juridische toets vereist") {
		t.Errorf("seed 001 art. 9.1 and 9.2a: the list does not show overdue and legal check required:\n%s", list.Body)
	}
	custs := po.get("/o/probiblio/govrequests/customers")
	if !regexp.MustCompile(`(?s)` + regexp.QuoteMeta(lib.Name) + `.*<td>2</td><td>2</td><td><span class="badge bad">1</span></td><td>1</td>`).MatchString(custs.Body) {
		t.Errorf("per customer: want 2 requests, 2 undecided, 1 overdue, 1 under a gag:\n%s", custs.Body)
	}

	// The library sees the police request, not the gagged one.
	about := fg.get("/o/lib/govrequests/about-us")
	if about.StatusCode != 200 || !strings.Contains(about.Body, "Politie Eenheid Den Haag") || !strings.Contains(about.Body, "art. 126nd Sv") || strings.Contains(about.Body, "AIVD") {
		t.Errorf("library's page: %d\n%s", about.StatusCode, about.Body)
	}
	if res := fg.get("/o/probiblio/govrequests"); res.StatusCode != http.StatusNotFound {
		t.Errorf("the library opens the processor's list: %d", res.StatusCode)
	}

	// Telling the library: no longer overdue.
	told := url.Values{}
	for k, v := range police {
		told[k] = v
	}
	told.Set("told_at", "2026-12-01T10:00")
	if res := po.postForm(page, told); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, res.Body)
	}
	if res := po.get(page); !strings.Contains(res.Body, "verwerkingsverantwoordelijke geïnformeerd") || !strings.Contains(res.Body, "Geschiedenis") {
		t.Errorf("after telling: status or history missing")
	}

	// A reader sees the form without a button and cannot save.
	if res := reader.get(page); res.StatusCode != 200 || !strings.Contains(res.Body, "<fieldset disabled>") || strings.Contains(res.Body, ">Opslaan</button>") {
		t.Errorf("reader's view: %d, want the form disabled and no save button", res.StatusCode)
	}
	if res := reader.postForm(page, told); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Errorf("reader saves: %d", res.StatusCode)
	}
}

// TestGovRequestAPI: the processor records and changes a request through
// the API, a wrong agreement is refused at its field, the list filters by
// customer, and the library reads the request at about-us once the gag is
// lifted (seed 001 art. 9.2e).
func TestGovRequestAPI(t *testing.T) {
	app := newTestApp(t)
	monday := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	app.st.Now = func() time.Time { return monday.Add(48 * time.Hour) }
	pb, lib := app.org("probiblio"), app.org("lib")
	tok := app.token(pb, app.user(pb, "po@probiblio.example", org.PrivacyOfficer))
	libTok := app.token(lib, app.user(lib, "fg@lib.example", org.PrivacyOfficer))
	app.publish(pb, "ProBiblio", "v1")
	libAg := app.customerAgreement(lib, "ProBiblio", 14)
	pa, other := app.processorAgreement(pb, lib.Name), app.processorAgreement(pb, "Bibliotheek Elders")
	if err := app.st.InTx(t0(), func(tx *store.Tx) error { _, err := tx.LinkLocalProfile(t0(), lib.ID, libAg.ID, pb.ID); return err }); err != nil {
		t.Fatal(err)
	}
	c := app.client()
	body := func(ag int64, extra string) string {
		return `{"agreement_id":` + strconv.FormatInt(ag, 10) + `,"authority":"AIVD","authority_kind":"national_security","received_at":"2026-11-30T09:00:00Z","data_asked":"Leenhistorie"` + extra + `}`
	}
	if res := c.api("POST", "/api/v1/govrequests", tok, body(libAg.ID, "")); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "agreement_id") {
		t.Errorf("the library's agreement in the processor's request: %d %s", res.StatusCode, res.Body)
	}
	res := c.api("POST", "/api/v1/govrequests", tok, body(pa, `,"gag":true,"gag_reason":"art. 85 Wiv 2017"`))
	if res.StatusCode != http.StatusCreated || !strings.Contains(res.Body, `"status": "gag_check"`) || !strings.Contains(res.Body, `"customer": "`+lib.Name+`"`) {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	id := regexp.MustCompile(`"id": (\d+)`).FindStringSubmatch(res.Body)[1]
	if res := c.api("POST", "/api/v1/govrequests", tok, body(other, "")); res.StatusCode != http.StatusCreated {
		t.Fatalf("second: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("GET", "/api/v1/govrequests?agreement_id="+strconv.FormatInt(pa, 10), tok, ""); strings.Count(res.Body, `"authority":`) != 1 {
		t.Errorf("filtered list: %s", res.Body)
	}
	if res := c.api("GET", "/api/v1/govrequests", tok, ""); strings.Count(res.Body, `"authority":`) != 2 {
		t.Errorf("list: %s", res.Body)
	}
	// Paged by id, newest first: the first page of one is the second request.
	if res := c.api("GET", "/api/v1/govrequests?limit=1", tok, ""); strings.Count(res.Body, `"authority":`) != 1 || strings.Contains(res.Body, `"id": `+id+`,`) ||
		!strings.Contains(res.Header.Get("Link"), "after=") {
		t.Errorf("first page: %s %q", res.Body, res.Header.Get("Link"))
	}
	if res := c.api("GET", "/api/v1/govrequests/about-us", libTok, ""); res.StatusCode != 200 || strings.Contains(res.Body, "AIVD") {
		t.Errorf("seed 001 art. 9.2: the library sees a gagged request: %d %s", res.StatusCode, res.Body)
	}
	res = c.api("PUT", "/api/v1/govrequests/"+id, tok, `{"legal_check_at":"2026-11-30T15:00:00Z","gag_lifted_at":"2026-12-01T09:00:00Z","told_at":"2026-12-01T10:00:00Z"}`)
	if res.StatusCode != 200 || !strings.Contains(res.Body, `"status": "told"`) || !strings.Contains(res.Body, `"authority": "AIVD"`) {
		t.Fatalf("put: %d %s", res.StatusCode, res.Body)
	}
	res = c.api("GET", "/api/v1/govrequests/about-us", libTok, "")
	if !strings.Contains(res.Body, `"authority": "AIVD"`) || !strings.Contains(res.Body, `"processor": "`+pb.Name+`"`) || strings.Contains(res.Body, "Wiv") {
		t.Errorf("after the gag is lifted the library sees the request, without the gag's reason: %s", res.Body)
	}
	if res := c.api("GET", "/api/v1/govrequests/"+id, libTok, ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("the library reads the processor's record: %d", res.StatusCode)
	}
}
