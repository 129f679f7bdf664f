package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"privacyregister/internal/api"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
	"privacyregister/internal/web"
)

// signinApp is the test application with a frozen clock (throttling waits
// are exact) and a configuration of the test's choosing.
func signinApp(t *testing.T, configure func(*web.Config)) *testApp {
	t.Helper()
	st := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	st.Now = clock.Now
	cfg := web.DefaultConfig()
	if configure != nil {
		configure(&cfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := web.New(st, cfg, log, api.New(st, log))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &testApp{t: t, st: st, srv: srv, clock: clock}
}

// postFrom posts a form as if through a proxy that says X-Forwarded-For.
func (c *client) postFrom(path string, v url.Values, xff string) response {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", xff)
	return c.do(req)
}

func login(email, pw string) url.Values { return url.Values{"email": {email}, "password": {pw}} }

// totpUser turns on two-factor sign-in for u and returns the secret.
func (a *testApp) totpUser(u *auth.User) string {
	a.t.Helper()
	secret, _, _ := auth.NewTOTP("privacyregister", u.Email)
	u.TOTPSecret, u.TOTPEnabled = secret, true
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.UpdateUser(context.Background(), u) }); err != nil {
		a.t.Fatal(err)
	}
	return secret
}

// TestTOTPCodeUsableOnce: a code signs in once; the same code in a second
// sign-in, even within its 30 seconds, is refused (it was accepted three
// times in three sign-ins), and so is the code of the step before.
func TestTOTPCodeUsableOnce(t *testing.T) {
	app := signinApp(t, nil)
	o := app.org("demo")
	u := app.user(o, "a@example.org", org.Admin)
	secret := app.totpUser(u)
	code, _ := auth.TOTPCode(secret, app.clock.T)
	earlier, _ := auth.TOTPCode(secret, app.clock.T.Add(-30*time.Second))
	for i, tc := range []struct {
		code string
		want int
	}{{code, http.StatusSeeOther}, {code, http.StatusUnprocessableEntity}, {earlier, http.StatusUnprocessableEntity}} {
		c := app.client()
		if res := c.postForm("/login", login(u.Email, testPassword)); !strings.HasPrefix(res.Header.Get("Location"), "/login/2fa") {
			t.Fatalf("sign-in %d, password step: %d %s", i+1, res.StatusCode, res.Header.Get("Location"))
		}
		if res := c.postForm("/login/2fa", url.Values{"code": {tc.code}}); res.StatusCode != tc.want {
			t.Fatalf("sign-in %d: code answered %d, want %d", i+1, res.StatusCode, tc.want)
		}
	}
	// The next step's code still works.
	app.clock.Add(30 * time.Second)
	next, _ := auth.TOTPCode(secret, app.clock.T)
	c := app.client()
	c.postForm("/login", login(u.Email, testPassword))
	if res := c.postForm("/login/2fa", url.Values{"code": {next}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("next step's code: %d", res.StatusCode)
	}
}

// TestSecondFactorThrottledAcrossPasswordSteps: wrong codes are counted
// per account whatever the password step does (80 wrong codes were tried
// in 20 s, each after a fresh password step); after five, even the right
// code must wait.
func TestSecondFactorThrottledAcrossPasswordSteps(t *testing.T) {
	app := signinApp(t, nil)
	o := app.org("demo")
	u := app.user(o, "a@example.org", org.Admin)
	secret := app.totpUser(u)
	for i := 0; i < 5; i++ {
		c := app.client()
		if res := c.postForm("/login", login(u.Email, testPassword)); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("password step %d: %d", i+1, res.StatusCode)
		}
		if res := c.postForm("/login/2fa", url.Values{"code": {"000000"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("wrong code %d: %d", i+1, res.StatusCode)
		}
	}
	c := app.client()
	if res := c.postForm("/login", login(u.Email, testPassword)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("password step after the wrong codes: %d", res.StatusCode)
	}
	code, _ := auth.TOTPCode(secret, app.clock.T)
	res := c.postForm("/login/2fa", url.Values{"code": {code}})
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("sixth code: %d (Retry-After %q), want 429 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	app.clock.Add(2 * time.Second)
	if res := c.postForm("/login/2fa", url.Values{"code": {code}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("right code after the wait: %d", res.StatusCode)
	}
}

// TestParallelWrongPasswordsThrottled: 40 parallel wrong passwords for one
// account all got a password check (40 x 401); now only the free five do
// and the rest are told to wait.
func TestParallelWrongPasswordsThrottled(t *testing.T) {
	app := signinApp(t, nil)
	o := app.org("demo")
	app.user(o, "a@example.org", org.Admin)
	var mu sync.Mutex
	counts := map[int]int{}
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := app.client().postForm("/login", login("a@example.org", "wrong password!"))
			mu.Lock()
			counts[res.StatusCode]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if counts[http.StatusUnauthorized] != 5 || counts[http.StatusTooManyRequests] != 35 {
		t.Fatalf("%s: answers %v; want 5 x 401 (checked) and 35 x 429", testutil.Engine(), counts)
	}
}

// TestNATNeighbourStillSignsIn: after 45 failed sign-ins from one address
// (an office behind NAT, with an attacker in it) a colleague with no
// failures of their own signed in from the same address got 429 for 886 s.
// Now the pair account+address is slowed down: the colleague gets in, the
// attacked account from the attacker's address does not.
func TestNATNeighbourStillSignsIn(t *testing.T) {
	app := signinApp(t, nil)
	o := app.org("demo")
	app.user(o, "victim@example.org", org.Admin)
	app.user(o, "colleague@example.org", org.Reader)
	c := app.client()
	for i := 0; i < 45; i++ {
		email := "victim@example.org"
		if i >= 5 {
			email = "guess" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@example.org"
		}
		c.postForm("/login", login(email, "wrong password!"))
	}
	if res := app.client().postForm("/login", login("colleague@example.org", testPassword)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("colleague from the same address: %d, want 303", res.StatusCode)
	}
	if res := app.client().postForm("/login", login("victim@example.org", testPassword)); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("the attacked account from the attacker's address: %d, want 429", res.StatusCode)
	}
}

// TestAttackFromElsewhereDoesNotLockOut: six failures on an account from
// one address slow that address down, not the owner at another address.
func TestAttackFromElsewhereDoesNotLockOut(t *testing.T) {
	app := signinApp(t, func(c *web.Config) { c.TrustedProxies = web.LoopbackProxies })
	o := app.org("demo")
	app.user(o, "a@example.org", org.Admin)
	c := app.client()
	for i := 0; i < 6; i++ {
		c.postFrom("/login", login("a@example.org", "wrong password!"), "198.51.100.66")
	}
	if res := c.postFrom("/login", login("a@example.org", testPassword), "198.51.100.66"); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("attacker's address: %d, want 429", res.StatusCode)
	}
	if res := app.client().postFrom("/login", login("a@example.org", testPassword), "203.0.113.10"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("owner at the office: %d, want 303", res.StatusCode)
	}
}

// TestAccountThrottledAcrossAddresses: guesses spread over many addresses
// are slowed down per account, at a higher count, except at an address
// the owner signed in from before (OWASP: do not let an attacker lock the
// owner out).
func TestAccountThrottledAcrossAddresses(t *testing.T) {
	app := signinApp(t, func(c *web.Config) { c.TrustedProxies = web.LoopbackProxies })
	o := app.org("demo")
	app.user(o, "a@example.org", org.Admin)
	c := app.client()
	if res := c.postFrom("/login", login("a@example.org", testPassword), "192.0.2.50"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("owner's earlier sign-in: %d", res.StatusCode)
	}
	app.clock.Add(24 * time.Hour)
	for i := 0; i < 20; i++ {
		if res := c.postFrom("/login", login("a@example.org", "wrong password!"), "198.51.100."+itoa(i+1)); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, res.StatusCode)
		}
	}
	if res := c.postFrom("/login", login("a@example.org", testPassword), "203.0.113.10"); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after 20 failures from 20 addresses, from a new address: %d, want 429", res.StatusCode)
	}
	if res := c.postFrom("/login", login("a@example.org", testPassword), "192.0.2.50"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the owner at the address they signed in from yesterday: %d, want 303", res.StatusCode)
	}
}

// TestSpoofedForwardedForIgnored: behind a trusted proxy, addresses the
// client writes into X-Forwarded-For itself do not count; the proxy's own
// entry (the right-most) does. 25 spoofed addresses once escaped
// throttling, because the left-most entry was taken.
func TestSpoofedForwardedForIgnored(t *testing.T) {
	app := signinApp(t, func(c *web.Config) { c.TrustedProxies = web.LoopbackProxies })
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	publishStatement(t, app.signIn("fg@bieb.example"), "bieb")
	c := app.client()
	req := url.Values{"rights": {"access"}, "name": {"x"}, "email": {"x@example.nl"}}
	for i := 0; i < 5; i++ {
		if res := c.postFrom("/p/bieb/request", req, "10.1.1."+itoa(i)+", 203.0.113.7"); res.StatusCode != http.StatusOK {
			t.Fatalf("request %d: %d %s", i+1, res.StatusCode, errorsOf(res.Body))
		}
	}
	if res := c.postFrom("/p/bieb/request", req, "10.1.1.99, 203.0.113.7"); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sixth request with a new spoofed address: %d, want 429", res.StatusCode)
	}
	// Sign-in: the pair account+address counts under the proxy's entry.
	for i := 0; i < 5; i++ {
		c.postFrom("/login", login("fg@bieb.example", "wrong password!"), "10.2.2."+itoa(i)+", 203.0.113.8")
	}
	if res := c.postFrom("/login", login("fg@bieb.example", testPassword), "10.3.3.3, 203.0.113.8"); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sixth sign-in with a new spoofed address: %d, want 429", res.StatusCode)
	}
	if res := c.postFrom("/login", login("fg@bieb.example", testPassword), "203.0.113.9"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the owner at another address: %d, want 303", res.StatusCode)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestClientAddr: the client is the right-most X-Forwarded-For hop that is
// not a trusted proxy, and only when the peer itself is trusted.
func TestClientAddr(t *testing.T) {
	trusted, err := web.ParseTrustedProxies("10.0.0.0/8, 127.0.0.1, 2001:db8:1::/48")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"no proxy", "198.51.100.1:5000", nil, "198.51.100.1"},
		{"untrusted peer's header ignored", "198.51.100.1:5000", []string{"203.0.113.9"}, "198.51.100.1"},
		{"trusted peer without header", "10.0.0.2:5000", nil, "10.0.0.2"},
		{"one proxy", "127.0.0.1:5000", []string{"203.0.113.9"}, "203.0.113.9"},
		{"spoofed entries left of the real one", "127.0.0.1:5000", []string{"1.1.1.1, 2.2.2.2, 203.0.113.9"}, "203.0.113.9"},
		{"two trusted proxies", "10.0.0.2:5000", []string{"6.6.6.6, 203.0.113.9, 10.1.2.3"}, "203.0.113.9"},
		{"header split over lines", "10.0.0.2:5000", []string{"6.6.6.6, 203.0.113.9", "10.1.2.3"}, "203.0.113.9"},
		{"every hop trusted", "10.0.0.2:5000", []string{"10.9.9.9, 10.1.2.3"}, "10.9.9.9"},
		{"garbage stops the walk", "10.0.0.2:5000", []string{"203.0.113.9, nonsense, 10.1.2.3"}, "10.1.2.3"},
		{"garbage last", "127.0.0.1:5000", []string{"203.0.113.9, "}, "127.0.0.1"},
		{"hop with port", "127.0.0.1:5000", []string{"203.0.113.9:4711"}, "203.0.113.9"},
		{"IPv6 client", "[2001:db8:1::5]:443", []string{"2001:db8:2::7"}, "2001:db8:2::7"},
		{"IPv6 hop with port", "127.0.0.1:5000", []string{"[2001:db8:2::7]:443"}, "2001:db8:2::7"},
		{"IPv4-mapped peer", "[::ffff:127.0.0.1]:5000", []string{"203.0.113.9"}, "203.0.113.9"},
	} {
		if got := web.ClientAddr(tc.remote, tc.xff, trusted); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := web.ClientAddr("127.0.0.1:5000", []string{"1.1.1.1"}, nil); got != "127.0.0.1" {
		t.Errorf("no trusted proxies: %q", got)
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example.org", "10.0.0.0/8,,nonsense"} {
		if _, err := web.ParseTrustedProxies(bad); err == nil {
			t.Errorf("ParseTrustedProxies(%q) accepted", bad)
		}
	}
	if got, _ := web.ParseTrustedProxies("10.1.2.3/8, ::1"); len(got) != 2 || got[0] != netip.MustParsePrefix("10.0.0.0/8") || got[1] != netip.MustParsePrefix("::1/128") {
		t.Errorf("parsed %v", got)
	}
}

// TestHSTSWithSecureCookies: behind a TLS proxy (r.TLS is nil) HSTS is
// sent when the operator said the site is HTTPS only, and not otherwise.
func TestHSTSWithSecureCookies(t *testing.T) {
	for _, secure := range []bool{true, false} {
		app := signinApp(t, func(c *web.Config) { c.SecureCookies = secure })
		got := app.client().get("/login").Header.Get("Strict-Transport-Security")
		if want := map[bool]string{true: "max-age=31536000; includeSubDomains", false: ""}[secure]; got != want {
			t.Errorf("secure cookies %v: HSTS %q, want %q", secure, got, want)
		}
	}
}

// TestPasswordChangeCanEndTokensAndFeeds: a self-service password change
// signs other browsers out and, when asked, also ends the API tokens and
// calendar feed addresses, which otherwise keep working.
func TestPasswordChangeCanEndTokensAndFeeds(t *testing.T) {
	app := signinApp(t, nil)
	o := app.org("demo")
	u := app.user(o, "a@example.org", org.Admin)
	c := app.signIn(u.Email)
	tok := app.token(o, u)
	m := regexp.MustCompile(`/ical/(cal_[A-Za-z0-9_-]+)`).FindStringSubmatch(c.postForm("/calendar/feed", nil).Body)
	if m == nil {
		t.Fatal("no feed address")
	}
	if page := c.get("/account/password"); !strings.Contains(page.Body, `name="revoke_access"`) {
		t.Fatal("the password page does not offer to end tokens and feeds")
	}
	pw := "a much better one"
	if res := c.postForm("/account/password", url.Values{"current": {testPassword}, "password": {pw}, "password2": {pw}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	if res := c.api("GET", "/api/v1/me", tok, ""); res.StatusCode != http.StatusOK {
		t.Fatalf("token after a change without the box: %d", res.StatusCode)
	}
	pw2 := "an even better one"
	if res := c.postForm("/account/password", url.Values{"current": {pw}, "password": {pw2}, "password2": {pw2}, "revoke_access": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change with the box: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	if res := c.api("GET", "/api/v1/me", tok, ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("token after a change with the box: %d, want 401", res.StatusCode)
	}
	if res := app.client().get("/ical/" + m[1]); res.StatusCode != http.StatusNotFound {
		t.Errorf("feed after a change with the box: %d, want 404", res.StatusCode)
	}
	if res := c.get("/account"); res.StatusCode != http.StatusOK {
		t.Errorf("the changing browser was signed out: %d", res.StatusCode)
	}
}

// TestPublicFormsCountedPerOrganisation: five posts to one organisation's
// public request form made another organisation's intake link answer 429
// to the same address; the counter is now per organisation.
func TestPublicFormsCountedPerOrganisation(t *testing.T) {
	app, _ := incidentApp(t)
	a, b := app.org("bieb"), app.org("school")
	app.user(a, "fg@bieb.example", org.PrivacyOfficer)
	app.user(b, "fg@school.example", org.PrivacyOfficer)
	publishStatement(t, app.signIn("fg@bieb.example"), "bieb")
	res := app.signIn("fg@school.example").postForm("/o/school/incidents/intake", url.Values{"label": {"Staff"}})
	m := regexp.MustCompile(`/intake/(in_[A-Za-z0-9_-]+)`).FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatalf("intake link: %d", res.StatusCode)
	}
	anon := app.client()
	for i := 0; i < 5; i++ {
		anon.postForm("/p/bieb/request", url.Values{"rights": {"access"}, "name": {"x"}, "email": {"x@example.nl"}})
	}
	if res := anon.postForm("/p/bieb/request", url.Values{"rights": {"access"}, "name": {"x"}, "email": {"x@example.nl"}}); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sixth request to the same organisation: %d, want 429", res.StatusCode)
	}
	form := url.Values{"title": {"Laptop lost"}, "discovered_at": {"2026-10-24T10:00"}, "reporter_name": {"Docent"}}
	if res := anon.postForm("/intake/"+m[1], form); res.StatusCode != http.StatusOK {
		t.Fatalf("another organisation's intake link from the same address: %d %s", res.StatusCode, errorsOf(res.Body))
	}
}

// TestCurrentPasswordGuessesThrottled: a browser left signed in cannot be
// used to guess the password at full speed on the password page.
func TestCurrentPasswordGuessesThrottled(t *testing.T) {
	app := signinApp(t, nil)
	o := app.org("demo")
	u := app.user(o, "a@example.org", org.Admin)
	c := app.signIn(u.Email)
	pw := "a much better one"
	for i := 0; i < 5; i++ {
		if res := c.postForm("/account/password", url.Values{"current": {"guess " + itoa(i)}, "password": {pw}, "password2": {pw}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("guess %d: %d", i+1, res.StatusCode)
		}
	}
	if res := c.postForm("/account/password", url.Values{"current": {testPassword}, "password": {pw}, "password2": {pw}}); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sixth try: %d, want 429", res.StatusCode)
	}
}

// TestSetupCodeCannotSignIn: the code that proved the authenticator app
// works at set-up is used; it cannot sign in afterwards.
func TestSetupCodeCannotSignIn(t *testing.T) {
	app := signinApp(t, nil)
	o := app.org("demo")
	u := app.user(o, "a@example.org", org.Admin)
	c := app.signIn(u.Email)
	secret, _, _ := auth.NewTOTP("privacyregister", u.Email)
	code, _ := auth.TOTPCode(secret, app.clock.T)
	if res := c.postForm("/account/2fa/enable", url.Values{"secret": {secret}, "code": {code}}); res.StatusCode != http.StatusOK {
		t.Fatalf("enable: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	c2 := app.client()
	c2.postForm("/login", login(u.Email, testPassword))
	if res := c2.postForm("/login/2fa", url.Values{"code": {code}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("the set-up code at sign-in: %d, want 422", res.StatusCode)
	}
}
