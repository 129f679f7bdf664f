package web_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/sso"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil/oidcop"
)

// These tests run the whole OpenID Connect flow against a real provider
// (zitadel's OP, started in this process): the browser below follows every
// redirect, from /o/{org}/sso/login to the provider, its login step (which
// approves the chosen test user), back to the callback and on to the page.

// startOP starts a provider that knows the app's callback of short.
func startOP(t *testing.T, app *testApp, short string, o oidcop.Options) *oidcop.OP {
	t.Helper()
	p, err := oidcop.Start(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	p.AllowRedirect(app.srv.URL+"/o/"+short+"/sso/callback", app.srv.URL+"/login")
	return p
}

// setSSO stores a provider configuration as the command line would.
func setSSO(t *testing.T, app *testApp, o *org.Organisation, p *sso.Provider) {
	t.Helper()
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "cli"})
	if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.SetSSOProvider(ctx, o.ID, p) }); err != nil {
		t.Fatal(err)
	}
}

func providerOf(p *oidcop.OP, domains ...string) *sso.Provider {
	return &sso.Provider{Issuer: p.Issuer, ClientID: p.ClientID, ClientSecret: p.Secret, Domains: domains}
}

// browser follows redirects and keeps cookies, in English.
func (a *testApp) browser() *client {
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(a.srv.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
	return &client{t: a.t, base: a.srv.URL, hc: &http.Client{Jar: jar}}
}

// refused checks that a sign-in ended on a 403 page saying want.
func ssoRefused(t *testing.T, what string, res response, want string) {
	t.Helper()
	if res.StatusCode != http.StatusForbidden || !strings.Contains(res.Body, want) {
		t.Errorf("%s: status %d, want 403 with %q; body: %s", what, res.StatusCode, want, excerpt(res.Body))
	}
}

// excerpt is the part of a page with its messages.
func excerpt(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if len(body) > 600 {
		body = body[:600]
	}
	return body
}

func signedInAt(t *testing.T, c *client, short string) {
	t.Helper()
	res := c.get("/o/" + short + "/")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Organisatie "+short) {
		t.Fatalf("dashboard of %s: status %d, body %s", short, res.StatusCode, excerpt(res.Body))
	}
}

func TestSSOSignInLinksBySubject(t *testing.T) {
	app := newTestApp(t)
	school := app.org("school")
	u := app.user(school, "juf@school.nl", org.Employee)
	op := startOP(t, app, "school", oidcop.Options{})
	setSSO(t, app, school, providerOf(op, "school.nl"))
	op.AddUser(oidcop.User{Subject: "sub-juf", Email: "juf@school.nl", EmailVerified: true, Name: "Juf"})
	op.SignInAs("sub-juf")

	b := app.browser()
	res := b.get("/o/school/sso/login")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Organisatie school") {
		t.Fatalf("SSO sign-in: status %d, body %s", res.StatusCode, excerpt(res.Body))
	}
	if id, err := app.st.SSOIdentityUser(context.Background(), school.ID, op.Issuer, "sub-juf"); err != nil || id != u.ID {
		t.Fatalf("link of sub-juf: user %d, %v; want %d", id, err, u.ID)
	}
	trail, _ := app.st.AuditLog(context.Background(), school.ID, store.AuditFilter{})
	if !hasAudit(trail, store.EntitySSOIdentity, audit.Create) {
		t.Error("no audit row for the new SSO link")
	}

	// Once linked, the sub decides: a changed (even unverified) address at
	// the provider still signs the same user in.
	op.AddUser(oidcop.User{Subject: "sub-juf", Email: "juf@elders.example", EmailVerified: false})
	b2 := app.browser()
	b2.get("/o/school/sso/login")
	signedInAt(t, b2, "school")
}

func hasAudit(trail []audit.Entry, entity, action string) bool {
	for _, e := range trail {
		if e.Entity == entity && e.Action == action {
			return true
		}
	}
	return false
}

// TestSSORefusals: every way a provider's answer can be wrong is refused
// with a message that says what was wrong, and nobody is signed in.
func TestSSORefusals(t *testing.T) {
	app := newTestApp(t)
	school := app.org("school")
	app.user(school, "juf@school.nl", org.Employee)
	app.user(school, "meester@school.nl", org.Employee)
	op := startOP(t, app, "school", oidcop.Options{})
	setSSO(t, app, school, providerOf(op, "school.nl"))
	op.AddUser(oidcop.User{Subject: "sub-juf", Email: "juf@school.nl", EmailVerified: true})
	op.SignInAs("sub-juf")

	try := func() (*client, response) {
		b := app.browser()
		return b, b.get("/o/school/sso/login")
	}
	notSignedIn := func(what string, b *client) {
		t.Helper()
		if res := b.get("/o/school/"); res.StatusCode == http.StatusOK && strings.Contains(res.Body, "Organisatie school") {
			t.Errorf("%s: signed in after a refusal", what)
		}
	}

	// Configured with a client id the provider knows, but does not issue
	// its tokens for.
	op.Alias("api://privacyregister")
	p := providerOf(op, "school.nl")
	p.ClientID = "api://privacyregister"
	setSSO(t, app, school, p)
	b, res := try()
	ssoRefused(t, "wrong audience", res, "issued for another application")
	notSignedIn("wrong audience", b)
	setSSO(t, app, school, providerOf(op, "school.nl"))

	op.Tamper("", -10*time.Minute)
	b, res = try()
	ssoRefused(t, "expired token", res, "has expired")
	notSignedIn("expired token", b)

	op.Tamper("a-nonce-of-another-attempt", 0)
	b, res = try()
	ssoRefused(t, "nonce mismatch", res, "nonce mismatch")
	notSignedIn("nonce mismatch", b)
	op.Tamper("", 0)

	op.AddUser(oidcop.User{Subject: "sub-meester", Email: "meester@school.nl", EmailVerified: false})
	op.SignInAs("sub-meester")
	b, res = try()
	ssoRefused(t, "unverified e-mail", res, "has not verified your e-mail address")
	notSignedIn("unverified e-mail", b)

	op.AddUser(oidcop.User{Subject: "sub-buiten", Email: "iemand@elders.example", EmailVerified: true})
	op.SignInAs("sub-buiten")
	_, res = try()
	ssoRefused(t, "domain not allowed", res, "not in a domain this organisation allows")

	// Verified, allowed domain, but no account and no automatic creation.
	op.AddUser(oidcop.User{Subject: "sub-nieuw", Email: "nieuw@school.nl", EmailVerified: true})
	op.SignInAs("sub-nieuw")
	_, res = try()
	ssoRefused(t, "no account", res, "you have no account in Organisatie school")

	// Replay: the callback address of a finished sign-in, used again.
	op.SignInAs("sub-juf")
	b = app.browser()
	var callback string
	b.hc.CheckRedirect = func(req *http.Request, _ []*http.Request) error {
		if req.URL.Path == "/o/school/sso/callback" {
			callback = req.URL.String()
		}
		return nil
	}
	b.get("/o/school/sso/login")
	signedInAt(t, b, "school")
	if callback == "" {
		t.Fatal("the flow did not pass the callback")
	}
	again := func() response {
		req, _ := http.NewRequest("GET", callback, nil)
		return b.do(req)
	}
	ssoRefused(t, "replayed callback (state cookie gone)", again(), "was not started in this browser")
	// Even with the state cookie put back, the state works only once.
	cu, _ := url.Parse(callback)
	b.hc.Jar.SetCookies(cu, []*http.Cookie{{Name: "pr_sso", Value: cu.Query().Get("state"), Path: "/o/school/sso/"}})
	ssoRefused(t, "replayed state", again(), "has expired or was already used")

	// A provider that calls itself something else than the configured issuer.
	other := startOP(t, app, "school", oidcop.Options{Path: "/tenant", Issuer: "http://127.0.0.1:9/someone-else"})
	setSSO(t, app, school, providerOf(other, "school.nl"))
	p, _ = app.st.SSOProvider(context.Background(), school.ID)
	p.Issuer = other.URL
	setSSO(t, app, school, p)
	_, res = try()
	ssoRefused(t, "wrong issuer", res, "not the configured issuer URL")
}

func TestSSOKeyRotation(t *testing.T) {
	app := newTestApp(t)
	school := app.org("school")
	app.user(school, "juf@school.nl", org.Employee)
	op := startOP(t, app, "school", oidcop.Options{})
	setSSO(t, app, school, providerOf(op, "school.nl"))
	op.AddUser(oidcop.User{Subject: "sub-juf", Email: "juf@school.nl", EmailVerified: true})
	op.SignInAs("sub-juf")

	b := app.browser()
	b.get("/o/school/sso/login")
	signedInAt(t, b, "school")
	old := op.KeyID()
	if err := op.RotateKey(); err != nil {
		t.Fatal(err)
	}
	if op.KeyID() == old {
		t.Fatal("the key did not change")
	}
	// The relying party has the old key set cached; a token signed with the
	// new key makes it fetch the set again.
	b2 := app.browser()
	b2.get("/o/school/sso/login")
	signedInAt(t, b2, "school")
}

func TestSSOCreatesUserWithDefaultRole(t *testing.T) {
	app := newTestApp(t)
	school := app.org("school")
	app.user(school, "beheer@school.nl", org.Admin)
	op := startOP(t, app, "school", oidcop.Options{})
	p := providerOf(op, "school.nl")
	p.CreateUsers, p.DefaultRole = true, org.Technician
	setSSO(t, app, school, p)
	op.AddUser(oidcop.User{Subject: "sub-nieuw", Email: "Nieuw@School.nl", EmailVerified: true, Name: "Nieuwe Collega"})
	op.SignInAs("sub-nieuw")

	b := app.browser()
	b.get("/o/school/sso/login")
	signedInAt(t, b, "school")
	u, err := app.st.UserByEmail(context.Background(), "nieuw@school.nl")
	if err != nil {
		t.Fatal(err)
	}
	m, err := app.st.Member(context.Background(), school.ID, u.ID)
	if err != nil || m.Role != org.Technician {
		t.Fatalf("membership of the new user: %+v, %v; want role technicus", m, err)
	}
	trail, _ := app.st.AuditLog(context.Background(), school.ID, store.AuditFilter{})
	if !hasAudit(trail, "user", audit.Create) || !hasAudit(trail, "membership", audit.Create) || !hasAudit(trail, store.EntitySSOIdentity, audit.Create) {
		t.Error("creating the user, membership and link left no audit rows")
	}
}

// TestSSOMandatoryAndSwitching: a consultant belongs to two organisations,
// each with its own provider; the second makes SSO mandatory. Password
// sign-in is refused with a pointer to SSO, and a session signed in at the
// first organisation's provider passes the second's before its pages open.
func TestSSOMandatoryAndSwitching(t *testing.T) {
	app := newTestApp(t)
	a, b := app.org("bieb"), app.org("school")
	u := app.user(a, "adviseur@dienst.nl", org.PrivacyOfficer)
	if err := app.st.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.AddMember(context.Background(), b.ID, u, org.PrivacyOfficer)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	opA, opB := startOP(t, app, "bieb", oidcop.Options{}), startOP(t, app, "school", oidcop.Options{})
	setSSO(t, app, a, providerOf(opA, "dienst.nl"))
	pb := providerOf(opB, "dienst.nl")
	pb.Mandatory = true
	setSSO(t, app, b, pb)
	for _, op := range []*oidcop.OP{opA, opB} {
		op.AddUser(oidcop.User{Subject: "sub-" + op.URL, Email: "adviseur@dienst.nl", EmailVerified: true})
		op.SignInAs("sub-" + op.URL)
	}

	pw := app.browser()
	res := pw.postForm("/login", url.Values{"email": {u.Email}, "password": {testPassword}})
	if res.StatusCode != http.StatusForbidden || !strings.Contains(res.Body, "Organisatie school requires sign-in through its identity provider") ||
		!strings.Contains(res.Body, `href="/o/school/sso/login`) {
		t.Fatalf("password sign-in with mandatory SSO: status %d, body %s", res.StatusCode, excerpt(res.Body))
	}

	c := app.browser()
	c.get("/o/bieb/sso/login")
	signedInAt(t, c, "bieb")
	// Opening the other organisation goes through its provider first.
	var viaB bool
	c.hc.CheckRedirect = func(req *http.Request, _ []*http.Request) error {
		viaB = viaB || strings.HasPrefix(req.URL.String(), opB.URL)
		return nil
	}
	signedInAt(t, c, "school")
	if !viaB {
		t.Error("opening the organisation with mandatory SSO did not pass its provider")
	}
	signedInAt(t, c, "bieb") // and back, in the same session
}

func TestSSOSecondFactorByOrgSetting(t *testing.T) {
	app := newTestApp(t)
	school := app.org("school")
	u := app.user(school, "juf@school.nl", org.Employee)
	secret, _, err := auth.NewTOTP("privacyregister", u.Email)
	if err != nil {
		t.Fatal(err)
	}
	u.TOTPSecret, u.TOTPEnabled = secret, true
	if err := app.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.UpdateUser(context.Background(), u) }); err != nil {
		t.Fatal(err)
	}
	op := startOP(t, app, "school", oidcop.Options{})
	p := providerOf(op, "school.nl")
	setSSO(t, app, school, p)
	op.AddUser(oidcop.User{Subject: "sub-juf", Email: "juf@school.nl", EmailVerified: true})
	op.SignInAs("sub-juf")

	b := app.browser()
	if res := b.get("/o/school/sso/login"); !strings.Contains(res.Body, `name="code"`) {
		t.Errorf("TOTP user without trust in the provider's MFA: want the code page, got %s", excerpt(res.Body))
	}
	p.TrustMFA = true
	setSSO(t, app, school, p)
	b = app.browser()
	b.get("/o/school/sso/login")
	signedInAt(t, b, "school")
}

func TestSSOLogoutEndsProviderSession(t *testing.T) {
	app := newTestApp(t)
	school := app.org("school")
	app.user(school, "juf@school.nl", org.Employee)
	op := startOP(t, app, "school", oidcop.Options{})
	setSSO(t, app, school, providerOf(op, "school.nl"))
	op.AddUser(oidcop.User{Subject: "sub-juf", Email: "juf@school.nl", EmailVerified: true})
	op.SignInAs("sub-juf")
	b := app.browser()
	b.get("/o/school/sso/login")
	signedInAt(t, b, "school")

	res := b.postForm("/logout", nil)
	i := strings.Index(res.Body, `id="sso-end" href="`)
	if res.StatusCode != http.StatusOK || i < 0 {
		t.Fatalf("logout after SSO: status %d, no link to the provider: %s", res.StatusCode, excerpt(res.Body))
	}
	href := res.Body[i+len(`id="sso-end" href="`):]
	href = strings.ReplaceAll(href[:strings.IndexByte(href, '"')], "&amp;", "&")
	if !strings.HasPrefix(href, op.URL+"/end_session?") || !strings.Contains(href, "client_id=privacyregister") {
		t.Errorf("end-session link %q, want the provider's end_session_endpoint with our client id", href)
	}
	if res := b.get("/o/school/"); strings.Contains(res.Body, "Organisatie school") {
		t.Error("still signed in after logout")
	}
	req, _ := http.NewRequest("GET", href, nil)
	if res := b.do(req); res.StatusCode != http.StatusOK {
		t.Errorf("the provider's end session: status %d", res.StatusCode)
	}
}

// TestSSOSettingsPage: the beheerder's page checks the provider by
// discovery, refuses mandatory SSO before it was tried, and keeps the
// secret out of the audit trail and the logs.
func TestSSOSettingsPage(t *testing.T) {
	app := newTestApp(t)
	school := app.org("school")
	app.user(school, "beheer@school.nl", org.Admin)
	app.user(school, "po@school.nl", org.PrivacyOfficer)
	var logs bytes.Buffer
	app.web.Log = slog.New(slog.NewTextHandler(&logs, nil))
	op := startOP(t, app, "school", oidcop.Options{})
	op.AddUser(oidcop.User{Subject: "sub-b", Email: "beheer@school.nl", EmailVerified: true})
	op.SignInAs("sub-b")

	if res := app.signIn("po@school.nl").get("/o/school/sso"); res.StatusCode != http.StatusForbidden {
		t.Errorf("privacy officer on the SSO page: status %d, want 403", res.StatusCode)
	}
	c := app.signIn("beheer@school.nl")
	res := c.get("/o/school/sso")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, app.srv.URL+"/o/school/sso/callback") {
		t.Fatalf("SSO page: status %d, no redirect URI", res.StatusCode)
	}
	form := url.Values{"issuer": {op.Issuer}, "client_id": {op.ClientID}, "client_secret": {op.Secret},
		"domains": {"School.nl, @leerling.school.nl"}, "default_role": {"medewerker"}}
	bad := url.Values{"issuer": {"ftp://x"}, "client_id": {""}, "domains": {""}, "default_role": {"koning"}}
	if res := c.postForm("/o/school/sso", bad); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, `href="#issuer"`) || !strings.Contains(res.Body, `href="#client_id"`) || !strings.Contains(res.Body, `href="#domains"`) {
		t.Errorf("bad form: status %d, %s", res.StatusCode, excerpt(res.Body))
	}
	wrong := url.Values{}
	for k, v := range form {
		wrong[k] = v
	}
	wrong.Set("issuer", op.URL+"/nothing-here")
	if res := c.postForm("/o/school/sso", wrong); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("issuer without discovery: status %d, want 422", res.StatusCode)
	}
	form.Set("mandatory", "on")
	if res := c.postForm("/o/school/sso", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `href="#mandatory"`) {
		t.Errorf("mandatory before trying SSO: status %d", res.StatusCode)
	}
	form.Del("mandatory")
	if res := c.postForm("/o/school/sso", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d, %s", res.StatusCode, excerpt(res.Body))
	}
	p, err := app.st.SSOProvider(context.Background(), school.ID)
	if err != nil || p.ClientSecret != op.Secret || strings.Join(p.Domains, " ") != "school.nl leerling.school.nl" {
		t.Fatalf("stored: %+v, %v", p, err)
	}
	// Now tried through the provider, SSO can be made mandatory; an empty
	// secret field keeps the stored secret.
	c.hc.CheckRedirect = nil
	c.get("/o/school/sso/login")
	c.hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	form.Set("mandatory", "on")
	form.Set("client_secret", "")
	if res := c.postForm("/o/school/sso", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("mandatory after SSO: status %d, %s", res.StatusCode, excerpt(res.Body))
	}
	if p, _ := app.st.SSOProvider(context.Background(), school.ID); !p.Mandatory || p.ClientSecret != op.Secret {
		t.Errorf("after making it mandatory: mandatory %v, secret kept %v", p.Mandatory, p.ClientSecret == op.Secret)
	}
	trail, _ := app.st.AuditLog(context.Background(), school.ID, store.AuditFilter{})
	if !hasAudit(trail, store.EntitySSOProvider, audit.Create) || !hasAudit(trail, store.EntitySSOProvider, audit.Update) {
		t.Error("no audit rows for the SSO configuration")
	}
	for _, e := range trail {
		if strings.Contains(fmt.Sprint(e.Changes), op.Secret) {
			t.Errorf("audit row %s %s shows the client secret", e.Entity, e.Action)
		}
	}
	if strings.Contains(logs.String(), op.Secret) {
		t.Error("the client secret is in the log")
	}
}
