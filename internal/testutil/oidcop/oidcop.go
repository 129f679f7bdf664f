// Package oidcop runs a real OpenID Connect provider for tests: the OP of
// github.com/zitadel/oidc/v3 (discovery, JWKS, authorize, token, end
// session) over a small in-memory storage written here. Its login step
// approves the chosen test user at once. Knobs let a test make the
// provider misbehave in the ways a relying party must refuse (wrong
// audience, stale nonce, expired token) and rotate its signing key.
package oidcop

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// User is a person at the provider.
type User struct {
	Subject, Email, Name string
	EmailVerified        bool
}

// OP is a running provider.
type OP struct {
	URL      string // where it is served
	Issuer   string // what it calls itself (URL unless set otherwise)
	ClientID string
	Secret   string
	server   *httptest.Server
	provider *op.Provider
	st       *storage
}

// Options change how the provider is set up.
type Options struct {
	// Issuer makes the provider call itself something else than its URL
	// plus Path (a provider that is not the configured issuer).
	Issuer string
	// Path serves the provider below a path, e.g. "/tenant".
	Path string
}

// Start starts a provider on a local port with one client (ClientID,
// Secret); Close stops it.
func Start(o Options) (*OP, error) {
	st := newStorage()
	srv := httptest.NewUnstartedServer(nil)
	srv.Start()
	base := srv.URL + o.Path
	issuer := base
	if o.Issuer != "" {
		issuer = o.Issuer
	}
	cfg := &op.Config{
		CryptoKey:                sha256.Sum256([]byte("oidcop test key")),
		DefaultLogoutRedirectURI: "/logged-out",
		CodeMethodS256:           true,
		AuthMethodPost:           true,
		SupportedUILocales:       []language.Tag{language.English},
	}
	p, err := op.NewProvider(cfg, st, op.StaticIssuer(issuer), op.WithAllowInsecure(),
		op.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		srv.Close()
		return nil, err
	}
	st.callback = op.AuthCallbackURL(p)
	mux := http.NewServeMux()
	login := op.NewIssuerInterceptor(p.IssuerFromRequest).HandlerFunc(st.approve)
	mux.Handle(o.Path+"/login", login)
	mux.HandleFunc(o.Path+"/logged-out", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("signed out at the provider")) })
	if o.Path != "" {
		mux.Handle(o.Path+"/", http.StripPrefix(o.Path, p))
	} else {
		mux.Handle("/", p)
	}
	srv.Config.Handler = mux
	st.loginURL = base + "/login"
	return &OP{URL: base, Issuer: issuer, ClientID: clientID, Secret: clientSecret, server: srv, provider: p, st: st}, nil
}

// Close stops the provider.
func (o *OP) Close() { o.server.Close() }

// AddUser adds or replaces a person.
func (o *OP) AddUser(u User) {
	o.st.mu.Lock()
	defer o.st.mu.Unlock()
	o.st.users[u.Subject] = u
}

// SignInAs makes the login step approve this subject.
func (o *OP) SignInAs(subject string) {
	o.st.mu.Lock()
	defer o.st.mu.Unlock()
	o.st.current = subject
}

// AllowRedirect registers a redirect URI (and post-logout URI) of the client.
func (o *OP) AllowRedirect(uri, postLogout string) {
	o.st.mu.Lock()
	defer o.st.mu.Unlock()
	o.st.redirects = append(o.st.redirects, uri)
	if postLogout != "" {
		o.st.postLogout = append(o.st.postLogout, postLogout)
	}
}

// Tamper makes the next ID tokens wrong: a different nonce, or a
// lifetime (negative: expired when issued). Zero values undo it.
func (o *OP) Tamper(nonce string, lifetime time.Duration) {
	o.st.mu.Lock()
	defer o.st.mu.Unlock()
	o.st.nonce, o.st.lifetime = nonce, lifetime
}

// Alias makes the provider accept the client under a second id too, while
// it issues tokens for the client's own id, as a provider does that knows
// an application by more than one name (Entra ID: application id URI and
// client id). A relying party configured with the alias gets tokens whose
// audience is not its client id.
func (o *OP) Alias(alias string) {
	o.st.mu.Lock()
	defer o.st.mu.Unlock()
	o.st.alias = alias
}

// RotateKey makes a new signing key current; the old one stays published
// (as providers do for a while), so only a relying party that fetches the
// key set again finds the new one.
func (o *OP) RotateKey() error {
	k, err := newKey()
	if err != nil {
		return err
	}
	o.st.mu.Lock()
	defer o.st.mu.Unlock()
	o.st.keys = append(o.st.keys, k)
	return nil
}

// KeyID is the id of the current signing key.
func (o *OP) KeyID() string {
	o.st.mu.Lock()
	defer o.st.mu.Unlock()
	return o.st.keys[len(o.st.keys)-1].id
}

// storage is the provider's state, in memory.
type storage struct {
	mu         sync.Mutex
	users      map[string]User
	current    string
	requests   map[string]*authRequest
	codes      map[string]string // code → request id
	tokens     map[string]string // access token id → subject
	keys       []*key
	redirects  []string
	postLogout []string
	alias      string
	nonce      string
	lifetime   time.Duration
	callback   func(context.Context, string) string
	loginURL   string
}

func newStorage() *storage {
	k, err := newKey()
	if err != nil {
		panic(err)
	}
	return &storage{users: map[string]User{}, requests: map[string]*authRequest{}, codes: map[string]string{},
		tokens: map[string]string{}, keys: []*key{k}}
}

// approve is the login page: it signs the current user in without asking.
func (s *storage) approve(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("authRequestID")
	s.mu.Lock()
	req, ok := s.requests[id]
	if ok && s.current != "" {
		req.subject, req.done, req.authTime = s.current, true, time.Now()
	}
	s.mu.Unlock()
	if !ok || !req.done {
		http.Error(w, "no such request or no user to sign in", http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, s.callback(r.Context(), id), http.StatusFound)
}

func randomID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x", b)
}

type key struct {
	id  string
	key *rsa.PrivateKey
}

func newKey() (*key, error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	return &key{id: randomID(), key: k}, nil
}

func (k *key) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k *key) Algorithm() jose.SignatureAlgorithm          { return jose.RS256 }
func (k *key) Use() string                                 { return "sig" }
func (k *key) ID() string                                  { return k.id }

type signingKey struct{ *key }

func (k signingKey) Key() any { return k.key.key }

type publicKey struct{ *key }

func (k publicKey) Key() any { return &k.key.key.PublicKey }

// authRequest is a sign-in under way at the provider.
type authRequest struct {
	id       string
	req      oidc.AuthRequest
	subject  string
	done     bool
	authTime time.Time
	nonce    string // tampered nonce, when set
}

func (a *authRequest) GetID() string          { return a.id }
func (a *authRequest) GetACR() string         { return "" }
func (a *authRequest) GetAMR() []string       { return []string{"pwd"} }
func (a *authRequest) GetAuthTime() time.Time { return a.authTime }
func (a *authRequest) GetClientID() string    { return a.req.ClientID }
func (a *authRequest) GetRedirectURI() string {
	return a.req.RedirectURI
}
func (a *authRequest) GetResponseType() oidc.ResponseType { return a.req.ResponseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode { return a.req.ResponseMode }
func (a *authRequest) GetScopes() []string                { return a.req.Scopes }
func (a *authRequest) GetState() string                   { return a.req.State }
func (a *authRequest) GetSubject() string                 { return a.subject }
func (a *authRequest) Done() bool                         { return a.done }
func (a *authRequest) GetAudience() []string              { return []string{a.req.ClientID} }
func (a *authRequest) GetNonce() string {
	if a.nonce != "" {
		return a.nonce
	}
	return a.req.Nonce
}
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge {
	if a.req.CodeChallenge == "" {
		return nil
	}
	return &oidc.CodeChallenge{Challenge: a.req.CodeChallenge, Method: a.req.CodeChallengeMethod}
}

var errNotFound = errors.New("not found")

func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := &authRequest{id: randomID(), req: *req, nonce: s.nonce}
	if s.alias != "" && a.req.ClientID == s.alias {
		a.req.ClientID = clientID
	}
	s.requests[a.id] = a
	return a, nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.requests[id]; ok {
		return a, nil
	}
	return nil, errNotFound
}

func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.requests[s.codes[code]]; ok {
		return a, nil
	}
	return nil, errNotFound
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codes[code] = id
	return nil
}

func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.requests, id)
	for c, r := range s.codes {
		if r == id {
			delete(s.codes, c)
		}
	}
	return nil
}

func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := randomID()
	s.tokens[id] = req.GetSubject()
	return id, time.Now().Add(5 * time.Minute), nil
}

func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, errors.New("refresh tokens are not supported")
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, op.ErrInvalidRefreshToken
}

func (s *storage) TerminateSession(context.Context, string, string) error { return nil }

func (s *storage) RevokeToken(context.Context, string, string, string) *oidc.Error { return nil }

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return signingKey{s.keys[len(s.keys)-1]}, nil
}

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []op.Key
	for _, k := range s.keys {
		out = append(out, publicKey{k})
	}
	return out, nil
}

const clientID, clientSecret = "privacyregister", "s3cret-of-the-client"

func (s *storage) knows(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return id == clientID || (s.alias != "" && id == s.alias)
}

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	if !s.knows(id) {
		return nil, errNotFound
	}
	return &client{s: s}, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	if !s.knows(id) || secret != clientSecret {
		return errors.New("wrong client id or secret")
	}
	return nil
}

func (s *storage) setInfo(info *oidc.UserInfo, subject string, scopes []string) error {
	s.mu.Lock()
	u, ok := s.users[subject]
	s.mu.Unlock()
	if !ok {
		return errNotFound
	}
	info.Subject = subject
	for _, sc := range scopes {
		switch sc {
		case oidc.ScopeEmail:
			info.Email, info.EmailVerified = u.Email, oidc.Bool(u.EmailVerified)
		case oidc.ScopeProfile:
			info.Name = u.Name
		}
	}
	return nil
}

func (s *storage) SetUserinfoFromScopes(_ context.Context, info *oidc.UserInfo, userID, _ string, scopes []string) error {
	return s.setInfo(info, userID, scopes)
}

func (s *storage) SetUserinfoFromToken(_ context.Context, info *oidc.UserInfo, tokenID, _, _ string) error {
	s.mu.Lock()
	sub := s.tokens[tokenID]
	s.mu.Unlock()
	return s.setInfo(info, sub, []string{oidc.ScopeEmail, oidc.ScopeProfile})
}

func (s *storage) SetIntrospectionFromToken(context.Context, *oidc.IntrospectionResponse, string, string, string) error {
	return errors.New("introspection is not supported")
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errNotFound
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("JWT profile is not supported")
}

func (s *storage) Health(context.Context) error { return nil }

// client is the one registered client: privacyregister.
type client struct{ s *storage }

func (c *client) GetID() string { return clientID }
func (c *client) RedirectURIs() []string {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	return append([]string(nil), c.s.redirects...)
}
func (c *client) PostLogoutRedirectURIs() []string {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	return append([]string(nil), c.s.postLogout...)
}
func (c *client) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }
func (c *client) AuthMethod() oidc.AuthMethod         { return oidc.AuthMethodBasic }
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []oidc.GrantType        { return []oidc.GrantType{oidc.GrantTypeCode} }
func (c *client) LoginURL(id string) string           { return c.s.loginURL + "?authRequestID=" + id }
func (c *client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeBearer }
func (c *client) IDTokenLifetime() time.Duration {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if c.s.lifetime != 0 {
		return c.s.lifetime
	}
	return 5 * time.Minute
}
func (c *client) DevMode() bool { return true } // http redirect URIs on localhost
func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *client) IsScopeAllowed(string) bool           { return false }
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true } // e-mail in the ID token
func (c *client) ClockSkew() time.Duration             { return 0 }
