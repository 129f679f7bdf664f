package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"privacyregister/internal/api"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
	"privacyregister/internal/web"
)

// testApp is the whole application on a test server, over a fresh store
// (SQLite, or PostgreSQL when PRIVACYREGISTER_TEST_DB is set).
type testApp struct {
	t     *testing.T
	st    *store.Store
	srv   *httptest.Server
	clock *testutil.Clock
	web   *web.Server // for its route table
	api   *api.API
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	st := testutil.NewStore(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := api.New(st, log)
	s, err := web.New(st, web.DefaultConfig(), log, a)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &testApp{t: t, st: st, srv: srv, web: s, api: a}
}

func (a *testApp) org(short string) *org.Organisation {
	a.t.Helper()
	o := &org.Organisation{Name: "Organisatie " + short, Short: short}
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateOrg(context.Background(), o) }); err != nil {
		a.t.Fatal(err)
	}
	return o
}

// user adds a member with a known password and returns the user.
func (a *testApp) user(o *org.Organisation, email string, role org.Role) *auth.User {
	a.t.Helper()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		a.t.Fatal(err)
	}
	u := &auth.User{Email: email, PasswordHash: hash}
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.AddMember(context.Background(), o.ID, u, role)
		return err
	}); err != nil {
		a.t.Fatal(err)
	}
	return u
}

const testPassword = "correct horse battery"

// client is a browser: a cookie jar on the test server.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
}

func (a *testApp) client() *client {
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &client{t: a.t, base: a.srv.URL, hc: hc}
}

// signIn returns a client signed in as email (no second factor).
func (a *testApp) signIn(email string) *client {
	a.t.Helper()
	c := a.client()
	res := c.postForm("/login", url.Values{"email": {email}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		a.t.Fatalf("sign in as %s: status %d", email, res.StatusCode)
	}
	return c
}

type response struct {
	StatusCode int
	Body       string
	Header     http.Header
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, string(b), res.Header}
}

func (c *client) get(path string) response {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	return c.do(req)
}

func (c *client) postForm(path string, v url.Values) response {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// api calls the JSON API with a bearer token.
func (c *client) api(method, path, token, body string) response {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.do(req)
}

// token makes an API token for a member.
func (a *testApp) token(o *org.Organisation, u *auth.User) string {
	a.t.Helper()
	var tok string
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) (err error) {
		tok, _, err = tx.CreateToken(context.Background(), o.ID, u.ID, "test")
		return
	}); err != nil {
		a.t.Fatal(err)
	}
	return tok
}
