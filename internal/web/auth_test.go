package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

func TestSignInWrongPasswordAndUnknownUser(t *testing.T) {
	app := newTestApp(t)
	o := app.org("demo")
	app.user(o, "a@example.org", org.Admin)
	c := app.client()
	for _, email := range []string{"a@example.org", "nobody@example.org"} {
		res := c.postForm("/login", url.Values{"email": {email}, "password": {"wrong password!"}})
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.Body, "verkeerd wachtwoord") {
			t.Fatalf("%s with wrong password: status %d", email, res.StatusCode)
		}
	}
	if res := c.get("/o/demo/"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Fatalf("unsigned dashboard: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestSignInThrottledPerAccount(t *testing.T) {
	app := newTestApp(t)
	o := app.org("demo")
	app.user(o, "a@example.org", org.Admin)
	c := app.client()
	for i := 0; i < 6; i++ {
		c.postForm("/login", url.Values{"email": {"a@example.org"}, "password": {"wrong password!"}})
	}
	// Even the right password must wait now.
	res := c.postForm("/login", url.Values{"email": {"a@example.org"}, "password": {testPassword}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after 6 failures: status %d, want 429", res.StatusCode)
	}
}

func TestOneTimePasswordMustBeChanged(t *testing.T) {
	app := newTestApp(t)
	o := app.org("demo")
	u := app.user(o, "a@example.org", org.Admin)
	u.MustChangePassword = true
	if err := app.st.InTx(t0(), func(tx *store.Tx) error { return tx.UpdateUser(t0(), u) }); err != nil {
		t.Fatal(err)
	}
	c := app.signIn("a@example.org")
	if res := c.get("/o/demo/"); res.Header.Get("Location") != "/account/password" {
		t.Fatalf("dashboard before password change: redirect to %q", res.Header.Get("Location"))
	}
	res := c.postForm("/account/password", url.Values{"current": {testPassword}, "password": {"short"}, "password2": {"short"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "minstens 10 tekens") {
		t.Fatalf("weak password: %d", res.StatusCode)
	}
	res = c.postForm("/account/password", url.Values{"current": {testPassword}, "password": {"a much better one"}, "password2": {"a much better one"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("password change: %d %s", res.StatusCode, res.Body)
	}
	if res := c.get("/o/demo/"); res.StatusCode != http.StatusOK {
		t.Fatalf("dashboard after change: %d", res.StatusCode)
	}
	trail, _ := app.st.AuditLog(t0(), o.ID, store.AuditFilter{Entity: "user"})
	if len(trail) == 0 || trail[0].Changes["password_changed"].After != true {
		t.Fatalf("password change not in audit trail: %+v", trail)
	}
	for _, e := range trail {
		for k := range e.Changes {
			if strings.Contains(k, "hash") {
				t.Fatalf("audit trail holds %s", k)
			}
		}
	}
}

func TestTwoFactorSignIn(t *testing.T) {
	app := newTestApp(t)
	o := app.org("demo")
	u := app.user(o, "a@example.org", org.Admin)
	secret, _, _ := auth.NewTOTP("privacyregister", u.Email)
	u.TOTPSecret, u.TOTPEnabled = secret, true
	if err := app.st.InTx(t0(), func(tx *store.Tx) error {
		if err := tx.UpdateUser(t0(), u); err != nil {
			return err
		}
		return tx.SetRecoveryCodes(t0(), u.ID, []string{"aaaa-bbbb-cccc"})
	}); err != nil {
		t.Fatal(err)
	}
	c := app.client()
	res := c.postForm("/login", url.Values{"email": {u.Email}, "password": {testPassword}})
	if !strings.HasPrefix(res.Header.Get("Location"), "/login/2fa") {
		t.Fatalf("password step: redirect %q", res.Header.Get("Location"))
	}
	if res := c.get("/o/demo/"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dashboard before second factor: %d", res.StatusCode)
	}
	if res := c.postForm("/login/2fa", url.Values{"code": {"000000"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("wrong code: %d", res.StatusCode)
	}
	code, _ := auth.TOTPCode(secret, time.Now())
	if res := c.postForm("/login/2fa", url.Values{"code": {code}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("right code: %d %s", res.StatusCode, res.Body)
	}
	if res := c.get("/o/demo/"); res.StatusCode != http.StatusOK {
		t.Fatalf("dashboard after second factor: %d", res.StatusCode)
	}
	// A recovery code works once.
	for i, want := range []int{http.StatusSeeOther, http.StatusUnprocessableEntity} {
		c2 := app.client()
		c2.postForm("/login", url.Values{"email": {u.Email}, "password": {testPassword}})
		if res := c2.postForm("/login/2fa", url.Values{"code": {"AAAA BBBB CCCC"}}); res.StatusCode != want {
			t.Fatalf("recovery code use %d: %d, want %d", i+1, res.StatusCode, want)
		}
	}
}

func TestOrganisationRequiringTwoFactor(t *testing.T) {
	app := newTestApp(t)
	o := app.org("demo")
	app.user(o, "a@example.org", org.Admin)
	o.Require2FA = true
	if err := app.st.InTx(t0(), func(tx *store.Tx) error { return tx.UpdateOrg(t0(), o) }); err != nil {
		t.Fatal(err)
	}
	c := app.signIn("a@example.org")
	if res := c.get("/o/demo/"); !strings.HasPrefix(res.Header.Get("Location"), "/account/2fa") {
		t.Fatalf("without 2FA in a 2FA organisation: redirect %q", res.Header.Get("Location"))
	}
}

func TestRolesLimitPages(t *testing.T) {
	app := newTestApp(t)
	o := app.org("demo")
	app.user(o, "admin@example.org", org.Admin)
	app.user(o, "reader@example.org", org.Reader)
	c := app.signIn("reader@example.org")
	for _, p := range []string{"/o/demo/users", "/o/demo/settings", "/o/demo/audit"} {
		if res := c.get(p); res.StatusCode != http.StatusForbidden {
			t.Errorf("reader GET %s: %d, want 403", p, res.StatusCode)
		}
	}
	if res := c.postForm("/o/demo/users", url.Values{"email": {"x@example.org"}, "role": {"beheerder"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("reader adds user: %d", res.StatusCode)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	app := newTestApp(t)
	o := app.org("demo")
	app.user(o, "admin@example.org", org.Admin)
	c := app.signIn("admin@example.org")
	req, _ := http.NewRequest("POST", c.base+"/o/demo/settings", strings.NewReader("name=Evil"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := c.do(req); res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d, want 403", res.StatusCode)
	}
	got, _ := app.st.Org(context.Background(), o.ID)
	if got.Name == "Evil" {
		t.Fatal("cross-site POST changed the organisation")
	}
}

func TestAdminManagesUsersAndTrailShowsIt(t *testing.T) {
	app := newTestApp(t)
	o := app.org("demo")
	app.user(o, "admin@example.org", org.Admin)
	c := app.signIn("admin@example.org")
	res := c.postForm("/o/demo/users", url.Values{"email": {"New.Person@Example.org"}, "role": {"technicus"}})
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `id="invite-url"`) {
		t.Fatalf("add user: %d", res.StatusCode)
	}
	link := inviteLink(t, res.Body)
	res = app.client().postForm(link+"/register", url.Values{"password": {testPassword}, "password2": {testPassword}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("register by invitation: %d", res.StatusCode)
	}
	if m, err := app.st.UserByEmail(t0(), "new.person@example.org"); err != nil || m.MustChangePassword {
		t.Fatalf("new user: %+v %v", m, err)
	}
	if res := c.postForm("/o/demo/users", url.Values{"email": {"not-an-address"}, "role": {"technicus"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "e-mail") {
		t.Fatalf("bad e-mail: %d", res.StatusCode)
	}
	res = c.get("/o/demo/audit?entity=membership")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "new.person@example.org") {
		t.Fatalf("audit page: %d", res.StatusCode)
	}
}

func TestSettingsValidationNamesField(t *testing.T) {
	app := newTestApp(t)
	o := app.org("demo")
	app.user(o, "admin@example.org", org.Admin)
	c := app.signIn("admin@example.org")
	res := c.postForm("/o/demo/settings", url.Values{"name": {"Bieb"}, "roles": {"controller"}, "kvk": {"123"}, "dpo_email": {"fg@bieb.nl"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "KvK-nummer: een KvK-nummer heeft 8 cijfers") {
		t.Fatalf("bad KvK: %d", res.StatusCode)
	}
	got, _ := app.st.Org(t0(), o.ID)
	if got.Name == "Bieb" {
		t.Fatal("invalid settings were half-written")
	}
}

func TestAPI(t *testing.T) {
	app := newTestApp(t)
	o := app.org("demo")
	admin := app.user(o, "admin@example.org", org.Admin)
	reader := app.user(o, "reader@example.org", org.Reader)
	c := app.client()
	tok := app.token(o, admin)
	if res := c.api("GET", "/api/v1/me", tok, ""); res.StatusCode != 200 || !strings.Contains(res.Body, `"role": "beheerder"`) {
		t.Fatalf("me: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("GET", "/api/v1/me", "pr_wrong", ""); res.StatusCode != 401 {
		t.Fatalf("bad token: %d", res.StatusCode)
	}
	if res := c.api("GET", "/api/v1/users", app.token(o, reader), ""); res.StatusCode != 403 {
		t.Fatalf("reader lists users: %d", res.StatusCode)
	}
	if res := c.api("POST", "/api/v1/users", tok, `{"email": "x@example.org", "role": `); res.StatusCode != 422 || !strings.Contains(res.Body, "malformed JSON") {
		t.Fatalf("malformed JSON: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("POST", "/api/v1/users", tok, `{"email": "x@example.org", "role": "koning"}`); res.StatusCode != 422 || !strings.Contains(res.Body, `"field": "role"`) {
		t.Fatalf("bad role: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("POST", "/api/v1/users", tok, `{"email": "x@example.org", "role": "lezer"}`); res.StatusCode != 201 || !strings.Contains(res.Body, "accept_url") {
		t.Fatalf("add user: %d %s", res.StatusCode, res.Body)
	}
	res := c.get("/api/v1/openapi.json")
	if res.StatusCode != 200 || !strings.Contains(res.Body, `"/api/v1/users/{id}"`) || strings.Contains(res.Body, "password_hash") {
		t.Fatalf("openapi: %d", res.StatusCode)
	}
}

func TestHealthz(t *testing.T) {
	app := newTestApp(t)
	if res := app.client().get("/healthz"); res.StatusCode != 200 {
		t.Fatalf("healthz: %d", res.StatusCode)
	}
}

// TestSignOutOtherDevices: "sign out on every other device" ends the
// user's other sessions and keeps the one that asked.
func TestSignOutOtherDevices(t *testing.T) {
	app := newTestApp(t)
	o := app.org("acme")
	app.user(o, "fg@example.org", org.PrivacyOfficer)
	laptop, phone := app.signIn("fg@example.org"), app.signIn("fg@example.org")
	if res := laptop.postForm("/account/sessions/end", nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account" {
		t.Fatalf("end other sessions: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if res := laptop.get("/account"); res.StatusCode != http.StatusOK {
		t.Errorf("the asking browser was signed out too: %d", res.StatusCode)
	}
	if res := phone.get("/account"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("the other browser is still signed in: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
}
