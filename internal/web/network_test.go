package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/contract"
	"privacyregister/internal/org"
	"privacyregister/internal/profile"
	"privacyregister/internal/store"
)

// B's side of the supplier network for the tenant-isolation test: B
// follows the profile of a processor P, so {link} is B's.
func init() {
	isolationFixtures = append(isolationFixtures, func(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
		p := a.org("proc-p")
		a.publish(p, "Proc P", "v1")
		ag := a.customerAgreement(b, "Proc P", 14)
		var l *store.ProfileLink
		if err := a.st.InTx(t0(), func(tx *store.Tx) (err error) { l, err = tx.LinkLocalProfile(t0(), b.ID, ag.ID, p.ID); return }); err != nil {
			a.t.Fatal(err)
		}
		return map[string]int64{"link": l.ID, "link_agreement": ag.ID}
	})
	isoCollections["profile-links"] = "link"
	isoRequests = append(isoRequests,
		isoRoute{Method: "POST", Path: "/o/{org}/profile", Form: url.Values{"name": {"x"}, "contact_email": {"x@x"}, "change_note": {"x"}}},
		isoRoute{Method: "POST", Path: "/o/{org}/suppliers/link", Form: url.Values{"agreement_id": {"1"}, "processor": {"1"}}},
		isoRoute{Method: "POST", Path: "/api/v1/profile-links", BodyRef: true, Body: `{"agreement_id":{link_agreement},"processor_org_id":1}`},
	)
}

// publish publishes a profile for o with one sub-processor in NL.
func (a *testApp) publish(o *org.Organisation, name, note string, subs ...profile.Subprocessor) {
	a.t.Helper()
	p := profile.Profile{Name: name, Contact: profile.Contact{Email: "privacy@" + o.Short + ".example"},
		Subprocessors: append([]profile.Subprocessor{{Name: "Hostco", Country: "NL", Purpose: "hosting"}}, subs...)}
	if err := a.st.InTx(t0(), func(tx *store.Tx) error { _, err := tx.PublishProfile(t0(), o.ID, p, note, "po"); return err }); err != nil {
		a.t.Fatal(err)
	}
}

// customerAgreement gives o an agreement with the processor named, with
// an objection window of days.
func (a *testApp) customerAgreement(o *org.Organisation, processor string, days int) *agreement.Agreement {
	a.t.Helper()
	ag := &agreement.Agreement{OrgID: o.ID, Title: "VO " + processor + " van " + o.Short, OurRole: agreement.RoleController, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
	ag.Terms.Subprocessors.Regime, ag.Terms.Subprocessors.ObjectionDays = contract.RegimeGeneralObjection, &days
	ag.Terms.Parties.Processor = &processor
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateAgreement(context.Background(), ag) }); err != nil {
		a.t.Fatal(err)
	}
	return ag
}

// TestSupplierNetworkThroughThePages walks the loop of issue 16 through
// the pages: the processor publishes, a library confirms the proposal,
// the processor adds a sub-processor, the library's notice carries the
// 14 days of its own agreement (art. 28(2) AVG, general authorisation),
// the library objects with reasons and the processor reads them, and
// nothing else of the library.
func TestSupplierNetworkThroughThePages(t *testing.T) {
	app := newTestApp(t)
	day := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	app.st.Now = func() time.Time { return day }
	pb, lib := app.org("probiblio"), app.org("lib")
	app.user(pb, "po@probiblio.example", org.PrivacyOfficer)
	app.user(lib, "fg@lib.example", org.PrivacyOfficer)
	reader := app.user(lib, "lezer@lib.example", org.Reader)
	proc, fg := app.signIn("po@probiblio.example"), app.signIn("fg@lib.example")

	form := url.Values{"name": {"ProBiblio"}, "kvk": {"41169750"}, "contact_email": {"privacy@probiblio.example"}, "breach_notice_hours": {"72"},
		"sub_name": {"OCLC", ""}, "sub_country": {"Nederland", ""}, "sub_purpose": {"hosting Wise", ""}, "sub_safeguard": {"", ""},
		"change_note": {"Eerste versie"}}
	// Bad input names the row and publishes nothing.
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad["sub_country"] = []string{"Atlantis", ""}
	if res := proc.postForm("/o/probiblio/profile", bad); res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusBadRequest ||
		!strings.Contains(res.Body, "Atlantis") {
		t.Fatalf("unknown country: %d", res.StatusCode)
	}
	if vs, _ := app.st.ProfileVersions(t0(), pb.ID); len(vs) != 0 {
		t.Fatalf("a refused profile was published")
	}
	if res := proc.postForm("/o/probiblio/profile", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", res.StatusCode, res.Body)
	}

	ag := app.customerAgreement(lib, "ProBiblio", 14)
	ag.Notes = "geheime afspraak"
	page := fg.get("/o/lib/suppliers").Body
	if !strings.Contains(page, "ProBiblio") || !strings.Contains(page, `name="agreement_id" value="`+agItoa(ag.ID)+`"`) {
		t.Fatalf("no proposal for the agreement with ProBiblio:\n%s", page)
	}
	if page := fg.get("/o/lib/agreements/" + agItoa(ag.ID) + "?tab=subprocessors").Body; !strings.Contains(page, `id="proposal"`) {
		t.Error("the agreement page does not propose ProBiblio's profile")
	}
	if res := app.signIn(reader.Email).postForm("/o/lib/suppliers/link", url.Values{"agreement_id": {agItoa(ag.ID)}, "processor": {agItoa(pb.ID)}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("a reader linked: %d", res.StatusCode)
	}
	if res := fg.postForm("/o/lib/suppliers/link", url.Values{"agreement_id": {agItoa(ag.ID)}, "processor": {agItoa(pb.ID)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("link: %d %s", res.StatusCode, res.Body)
	}
	if page := fg.get("/o/lib/agreements/" + agItoa(ag.ID) + "?tab=subprocessors").Body; !strings.Contains(page, "OCLC") || !strings.Contains(page, `id="follows"`) {
		t.Errorf("the agreement does not follow the profile:\n%s", page)
	}

	form["sub_name"] = []string{"OCLC", "Mailchimp"}
	form["sub_country"] = []string{"NL", "VS"}
	form["sub_purpose"] = []string{"hosting Wise", "nieuwsbrieven"}
	form["change_note"] = []string{"Nieuwsbrieven via Mailchimp"}
	if res := proc.postForm("/o/probiblio/profile", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish v2: %d %s", res.StatusCode, res.Body)
	}
	page = fg.get("/o/lib/agreements/" + agItoa(ag.ID) + "?tab=subprocessors").Body
	for _, want := range []string{"Nieuwe subverwerker Mailchimp", "Nieuwsbrieven via Mailchimp", "17-12-2026"} {
		if !strings.Contains(page, want) {
			t.Errorf("the library's notice lacks %q", want)
		}
	}
	ns, _ := app.st.Notices(t0(), lib.ID, 0)
	if len(ns) != 1 {
		t.Fatalf("notices %+v", ns)
	}
	decide := "/o/lib/agreements/" + agItoa(ag.ID) + "/notices/" + agItoa(ns[0].ID) + "/decide?tab=subprocessors"
	if res := fg.postForm(decide, url.Values{"decision": {"object"}}); res.StatusCode == http.StatusSeeOther {
		t.Error("an objection without reasons was recorded")
	}
	if res := fg.postForm(decide, url.Values{"decision": {"object"}, "note": {"Geen doorgifte naar de VS"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("object: %d %s", res.StatusCode, res.Body)
	}
	answers := proc.get("/o/probiblio/profile?tab=customers").Body
	for _, want := range []string{"Organisatie lib", "Geen doorgifte naar de VS", "bezwaar maken"} {
		if !strings.Contains(answers, want) {
			t.Errorf("the processor's page lacks %q", want)
		}
	}
	for _, secret := range []string{"VO ProBiblio van lib", "fg@lib.example"} {
		if strings.Contains(answers, secret) {
			t.Errorf("the processor's page shows the customer's %q", secret)
		}
	}
	// The processor cannot open the customer's pages, nor link an
	// agreement of the customer's.
	if res := proc.get("/o/lib/suppliers"); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden {
		t.Errorf("processor opens the customer's page: %d", res.StatusCode)
	}
	if res := proc.postForm("/o/probiblio/suppliers/link", url.Values{"agreement_id": {agItoa(ag.ID)}, "processor": {agItoa(pb.ID)}}); res.StatusCode == http.StatusSeeOther {
		t.Error("the processor linked the customer's agreement")
	}
}

// TestSupplierNetworkThroughTheAPI: the same loop through the JSON API,
// with a refused profile naming its row.
func TestSupplierNetworkThroughTheAPI(t *testing.T) {
	app := newTestApp(t)
	pb, lib := app.org("probiblio"), app.org("lib")
	procTok := app.token(pb, app.user(pb, "po@probiblio.example", org.PrivacyOfficer))
	libTok := app.token(lib, app.user(lib, "fg@lib.example", org.PrivacyOfficer))
	c := app.client()
	bad := `{"profile":{"name":"ProBiblio","contact":{"email":"p@probiblio.example"},"subprocessors":[{"name":"X","country":"Atlantis"}]},"change_note":"v1"}`
	if res := c.api("POST", "/api/v1/profile", procTok, bad); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Atlantis") {
		t.Fatalf("bad profile: %d %s", res.StatusCode, res.Body)
	}
	v1 := `{"profile":{"name":"ProBiblio","contact":{"email":"p@probiblio.example"},"subprocessors":[{"name":"OCLC","country":"NL","purpose":"hosting"}]},"change_note":"v1"}`
	if res := c.api("POST", "/api/v1/profile", procTok, v1); res.StatusCode != http.StatusCreated {
		t.Fatalf("publish: %d %s", res.StatusCode, res.Body)
	}
	ag := app.customerAgreement(lib, "ProBiblio", 14)
	if res := c.api("POST", "/api/v1/profile-links", libTok, `{"agreement_id":`+agItoa(ag.ID)+`,"processor_org_id":`+agItoa(pb.ID)+`}`); res.StatusCode != http.StatusCreated {
		t.Fatalf("link: %d %s", res.StatusCode, res.Body)
	}
	v2 := strings.Replace(v1, `"purpose":"hosting"}`, `"purpose":"hosting"},{"name":"Zivver","country":"NL","purpose":"beveiligde e-mail"}`, 1)
	if res := c.api("POST", "/api/v1/profile", procTok, strings.Replace(v2, `"v1"`, `"Zivver erbij"`, 1)); res.StatusCode != http.StatusCreated {
		t.Fatalf("publish v2: %d %s", res.StatusCode, res.Body)
	}
	res := c.api("GET", "/api/v1/profile/customers", procTok, "")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `"subprocessor": "Zivver"`) || !strings.Contains(res.Body, `"decision": ""`) {
		t.Errorf("customers: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("GET", "/api/v1/profile/customers", libTok, ""); res.StatusCode != http.StatusOK || strings.Contains(res.Body, "Zivver") {
		t.Errorf("the library sees the processor's customers: %s", res.Body)
	}
	if res := c.api("GET", "/api/v1/profile-links", libTok, ""); !strings.Contains(res.Body, `"seen_version": 2`) {
		t.Errorf("links: %s", res.Body)
	}
}

// TestSignInLeadsToTheFirstOrganisationJoined: a user of several
// organisations (the demo's privacy officer is a member of the library,
// ProBiblio and two more libraries) lands where it joined first, not on
// the organisation whose name sorts first.
func TestSignInLeadsToTheFirstOrganisationJoined(t *testing.T) {
	app := newTestApp(t)
	home, other := app.org("zeta"), app.org("alpha")
	u := app.user(home, "fg@zeta.example", org.PrivacyOfficer)
	if err := app.st.InTx(t0(), func(tx *store.Tx) error { _, err := tx.AddMember(t0(), other.ID, u, org.Reader); return err }); err != nil {
		t.Fatal(err)
	}
	if res := app.signIn(u.Email).get("/"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/o/zeta/" {
		t.Errorf("home: %d to %q, want /o/zeta/", res.StatusCode, res.Header.Get("Location"))
	}
}

// TestCountriesInThePageLanguage: the sub-processor table named countries
// in Dutch on an English page ("Nederland" beside "inside the EEA").
func TestCountriesInThePageLanguage(t *testing.T) {
	app := newTestApp(t)
	lib := app.org("lib")
	app.user(lib, "fg@lib.example", org.PrivacyOfficer)
	ag := app.customerAgreement(lib, "ProBiblio", 14)
	nl := "NL"
	ag.Terms.Subprocessors.Named = []agreement.Subprocessor{{Name: "OCLC", Country: &nl}}
	if err := app.st.InTx(t0(), func(tx *store.Tx) error { return tx.UpdateAgreement(t0(), ag) }); err != nil {
		t.Fatal(err)
	}
	c := app.signIn("fg@lib.example")
	path := "/o/lib/agreements/" + agItoa(ag.ID) + "?tab=subprocessors"
	if page := c.get(path).Body; !strings.Contains(page, "<td>Nederland</td>") {
		t.Errorf("Dutch page lacks Nederland")
	}
	if res := c.postForm("/lang", url.Values{"lang": {"en"}}); res.StatusCode >= 400 {
		t.Fatalf("switch language: %d", res.StatusCode)
	}
	if page := c.get(path).Body; !strings.Contains(page, "<td>Netherlands</td>") || strings.Contains(page, "<td>Nederland</td>") {
		t.Errorf("English page names the country in Dutch")
	}
}
