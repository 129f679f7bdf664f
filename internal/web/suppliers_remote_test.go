package web_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/agreement"
	"privacyregister/internal/contract"
	"privacyregister/internal/org"
	"privacyregister/internal/profile"
	"privacyregister/internal/store"
	"privacyregister/internal/subscription"
)

// remoteLinkIsoFixture gives B an agreement that follows a profile on
// another installation, for the routes with {link}.
func remoteLinkIsoFixture(a *testApp, b *org.Organisation, _ int64) map[string]int64 {
	ctx := context.Background()
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	body, err := profile.Sign(profile.NewDocument([]profile.Version{{Number: 1, ChangeNote: "v1", Profile: profile.Profile{Name: "Remote processor"}}}), key)
	if err != nil {
		a.t.Fatal(err)
	}
	v, err := profile.Verify(body)
	if err != nil {
		a.t.Fatal(err)
	}
	ag := &agreement.Agreement{OrgID: b.ID, Title: "VO remote", OurRole: agreement.RoleController, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
	var l *store.ProfileLink
	if err := a.st.InTx(ctx, func(tx *store.Tx) (err error) {
		if err = tx.CreateAgreement(ctx, ag); err != nil {
			return err
		}
		l, err = tx.LinkRemoteProfile(ctx, b.ID, ag.ID, "https://processor.example/p/x/processor.json", v, `"x"`)
		return err
	}); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"link": l.ID}
}

// publishProbiblio publishes a version of ProBiblio's profile with the
// sub-processors named.
func publishProbiblio(t *testing.T, app *testApp, o *org.Organisation, subs ...string) {
	t.Helper()
	p := profile.Profile{Name: "ProBiblio", Contact: profile.Contact{Email: "privacy@probiblio.example"}}
	for _, s := range subs {
		p.Subprocessors = append(p.Subprocessors, profile.Subprocessor{Name: s, Country: "NL", Purpose: "hosting"})
	}
	ctx := context.Background()
	if err := app.st.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.PublishProfile(ctx, o.ID, p, "wijziging", "po@probiblio.example")
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// TestProcessorProfileIsPublic: /p/SHORT/processor.json serves the signed
// document to anyone, with a strong ETag, a 304 for a repeated poll and
// CORS; an organisation that never published answers 404 in JSON.
func TestProcessorProfileIsPublic(t *testing.T) {
	app := newTestApp(t)
	pb := app.org("probiblio")
	app.org("bieb")
	c := app.client()
	for _, path := range []string{"/p/bieb/processor.json", "/p/nobody/processor.json"} {
		res := c.get(path)
		var e struct {
			Error struct{ Code, Message string }
		}
		if res.StatusCode != http.StatusNotFound || json.Unmarshal([]byte(res.Body), &e) != nil || e.Error.Code != "not_found" {
			t.Errorf("%s: %d %q", path, res.StatusCode, res.Body)
		}
	}
	publishProbiblio(t, app, pb, "OCLC")
	res := c.get("/p/probiblio/processor.json")
	h := res.Header
	if res.StatusCode != 200 || h.Get("Content-Type") != "application/json" || h.Get("Cache-Control") != "public, max-age=300" || h.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("status %d, headers %v", res.StatusCode, h)
	}
	etag := h.Get("ETag")
	if len(etag) < 10 || !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) {
		t.Fatalf("ETag %q is not a strong quoted tag", etag)
	}
	v, err := profile.Verify([]byte(res.Body))
	if err != nil {
		t.Fatal(err)
	}
	if key, _ := app.st.ProfilePublicKey(context.Background(), pb.ID); v.PublicKey != key || v.Document.Version != 1 || v.Document.Profile.Subprocessors[0].Name != "OCLC" {
		t.Errorf("document %+v, key %s", v.Document, v.PublicKey)
	}
	if again := c.get("/p/probiblio/processor.json"); again.Body != res.Body || again.Header.Get("ETag") != etag {
		t.Error("the same version served twice differs: the ETag would never match")
	}
	for hdr, want := range map[string]int{etag: 304, "W/" + etag: 304, `"other", ` + etag: 304, `"other"`: 200} {
		req, _ := http.NewRequest("GET", app.srv.URL+"/p/probiblio/processor.json", nil)
		req.Header.Set("If-None-Match", hdr)
		if got := c.do(req); got.StatusCode != want || (want == 304 && got.Body != "") {
			t.Errorf("If-None-Match %s: %d, want %d", hdr, got.StatusCode, want)
		}
	}
	publishProbiblio(t, app, pb, "OCLC", "Mailchimp")
	if res := c.get("/p/probiblio/processor.json"); res.Header.Get("ETag") == etag {
		t.Error("a new version kept the old ETag")
	}
}

func flashOf(res response) string {
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == "flash" {
			return c.Value
		}
	}
	return ""
}

// TestSubscribeThroughTheWeb: the privacy officer subscribes an agreement
// to a profile's address, checks it after a new version (a notice) and
// cannot trust a link that waits for no decision; a reader cannot act,
// and another organisation's agreement cannot be linked.
func TestSubscribeThroughTheWeb(t *testing.T) {
	app := newTestApp(t)
	// The test server listens on 127.0.0.1 over http.
	app.web.Subscriptions = subscription.New(app.st, true)
	pb := app.org("probiblio")
	publishProbiblio(t, app, pb, "OCLC")
	bieb := app.org("bieb")
	po := app.user(bieb, "fg@bieb.example", org.PrivacyOfficer)
	reader := app.user(bieb, "lezer@bieb.example", org.Reader)
	other := app.org("ander")
	ctx := context.Background()
	newAgreement := func(o *org.Organisation) int64 {
		a := &agreement.Agreement{OrgID: o.ID, Title: "VO Wise", OurRole: agreement.RoleController, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
		days := 14
		a.Terms.Subprocessors.Regime, a.Terms.Subprocessors.ObjectionDays = contract.RegimeGeneralObjection, &days
		if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateAgreement(ctx, a) }); err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	ag, foreign := newAgreement(bieb), newAgreement(other)
	profileURL := app.srv.URL + "/p/probiblio/processor.json"
	c := app.signIn(po.Email)

	if res := c.postForm("/o/bieb/suppliers/subscribe", url.Values{"agreement_id": {strconv.FormatInt(foreign, 10)}, "url": {profileURL}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("another organisation's agreement: %d", res.StatusCode)
	}
	if res := c.postForm("/o/bieb/suppliers/subscribe", url.Values{"agreement_id": {strconv.FormatInt(ag, 10)}, "url": {"ftp://probiblio.example"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "https://") {
		t.Errorf("a wrong address: %d", res.StatusCode)
	}
	res := c.postForm("/o/bieb/suppliers/subscribe", url.Values{"agreement_id": {strconv.FormatInt(ag, 10)}, "url": {profileURL}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/o/bieb/suppliers" || flashOf(res) != "profile-subscribed" {
		t.Fatalf("subscribe: %d %v %q", res.StatusCode, res.Header.Get("Location"), flashOf(res))
	}
	l, err := app.st.ProfileLinkOfAgreement(ctx, bieb.ID, ag)
	if err != nil || l.URL != profileURL || l.SeenVersion != 1 {
		t.Fatalf("link %+v %v", l, err)
	}
	publishProbiblio(t, app, pb, "OCLC", "Mailchimp")
	linkPath := "/o/bieb/suppliers/" + strconv.FormatInt(l.ID, 10)
	if res := app.signIn(reader.Email).postForm(linkPath+"/check", nil); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Errorf("a reader checks: %d", res.StatusCode)
	}
	if res := c.postForm(linkPath+"/check", nil); res.StatusCode != http.StatusSeeOther || flashOf(res) != "profile-checked" {
		t.Fatalf("check: %d %q", res.StatusCode, flashOf(res))
	}
	if ns, _ := app.st.Notices(ctx, bieb.ID, ag); len(ns) != 1 || ns[0].Subprocessor != "Mailchimp" {
		t.Errorf("notices after the check: %+v", ns)
	}
	if res := c.postForm(linkPath+"/trust", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("trusting a link that waits for nothing: %d", res.StatusCode)
	}
}

// TestProfileLinkAPI: the same through the JSON API, with a token.
func TestProfileLinkAPI(t *testing.T) {
	app := newTestApp(t)
	app.api.Subscriptions = subscription.New(app.st, true)
	pb := app.org("probiblio")
	publishProbiblio(t, app, pb, "OCLC")
	bieb := app.org("bieb")
	tok := app.token(bieb, app.user(bieb, "fg@bieb.example", org.PrivacyOfficer))
	ctx := context.Background()
	a := &agreement.Agreement{OrgID: bieb.ID, Title: "VO Wise", OurRole: agreement.RoleController, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
	if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateAgreement(ctx, a) }); err != nil {
		t.Fatal(err)
	}
	c := app.client()
	res := c.api("POST", "/api/v1/agreements/"+strconv.FormatInt(a.ID, 10)+"/profile-link", tok, `{"url":"`+app.srv.URL+`/p/probiblio/processor.json"}`)
	var l store.ProfileLink
	if res.StatusCode != http.StatusCreated || json.Unmarshal([]byte(res.Body), &l) != nil || l.SeenVersion != 1 || l.PinnedKey == "" {
		t.Fatalf("subscribe: %d %s", res.StatusCode, res.Body)
	}
	publishProbiblio(t, app, pb, "OCLC", "Mailchimp")
	path := "/api/v1/profile-links/" + strconv.FormatInt(l.ID, 10)
	if res := c.api("POST", path+"/check", tok, ""); res.StatusCode != 200 || json.Unmarshal([]byte(res.Body), &l) != nil || l.SeenVersion != 2 {
		t.Fatalf("check: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("POST", path+"/trust", tok, ""); res.StatusCode != http.StatusConflict {
		t.Errorf("trust an active link: %d %s", res.StatusCode, res.Body)
	}
}
