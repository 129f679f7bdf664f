package sso

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"privacyregister/internal/apperr"
	"privacyregister/internal/auth"
)

// Scopes asked of every provider: the ID token with the person's e-mail
// address (and whether the provider verified it) and name.
var Scopes = []string{oidc.ScopeOpenID, "email", "profile"}

// discoveryFor is how long a provider's discovery document is reused. Its
// signing keys are fetched again by go-oidc whenever a token names a key
// it does not know, so a provider that rotates its keys keeps working.
const discoveryFor = time.Hour

// Client is the relying party: it discovers providers, starts sign-ins and
// checks what comes back. One Client serves every organisation.
type Client struct {
	HTTP *http.Client       // for discovery, keys and the token endpoint
	Now  func() time.Time   // for token expiry; nil is time.Now
	mu   sync.Mutex         // guards seen
	seen map[string]*cached // by issuer
}

type cached struct {
	p          *oidc.Provider
	endSession string
	at         time.Time
}

// NewClient returns a client with a 15-second time-out per request.
func NewClient() *Client {
	return &Client{HTTP: &http.Client{Timeout: 15 * time.Second}}
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// discover returns the provider at issuer, from the cache when fresh.
func (c *Client) discover(ctx context.Context, issuer string) (*cached, error) {
	c.mu.Lock()
	d := c.seen[issuer]
	c.mu.Unlock()
	if d != nil && time.Since(d.at) < discoveryFor {
		return d, nil
	}
	// The provider keeps the context for fetching keys later: give it one
	// that outlives this request, carrying only the HTTP client.
	bg := oidc.ClientContext(context.WithoutCancel(ctx), c.HTTP)
	p, err := oidc.NewProvider(bg, issuer)
	if err != nil {
		var mis *oidc.IssuerMismatchError
		if errors.As(err, &mis) {
			return nil, apperr.Wrap(err, apperr.Forbidden, "the identity provider calls itself %s, not the configured issuer URL %s", mis.Discovered, issuer)
		}
		return nil, apperr.Wrap(err, apperr.Forbidden, "the identity provider at %s could not be reached or sent no valid discovery document", issuer)
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	_ = p.Claims(&meta) // the end-session endpoint is optional
	d = &cached{p: p, endSession: meta.EndSession, at: time.Now()}
	c.mu.Lock()
	if c.seen == nil {
		c.seen = map[string]*cached{}
	}
	c.seen[issuer] = d
	c.mu.Unlock()
	return d, nil
}

// Check runs discovery for issuer: a beheerder learns of a typing error
// when saving, not when the first colleague signs in.
func (c *Client) Check(ctx context.Context, issuer string) error {
	_, err := c.discover(ctx, issuer)
	return err
}

func (c *Client) oauth(d *cached, p *Provider, redirectURL string) *oauth2.Config {
	return &oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, Endpoint: d.p.Endpoint(), RedirectURL: redirectURL, Scopes: Scopes}
}

// Attempt is a sign-in under way: what the callback must check. State
// and nonce are random and used once; Verifier is the PKCE secret.
type Attempt struct {
	State, Nonce, Verifier string
	URL                    string // where to send the browser
}

// Begin starts a sign-in at p's provider.
func (c *Client) Begin(ctx context.Context, p *Provider, redirectURL string) (*Attempt, error) {
	d, err := c.discover(ctx, p.Issuer)
	if err != nil {
		return nil, err
	}
	a := &Attempt{State: auth.NewToken(""), Nonce: auth.NewToken(""), Verifier: oauth2.GenerateVerifier()}
	a.URL = c.oauth(d, p, redirectURL).AuthCodeURL(a.State, oidc.Nonce(a.Nonce), oauth2.S256ChallengeOption(a.Verifier))
	return a, nil
}

// Identity is the person the provider vouches for.
type Identity struct {
	Issuer        string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
}

// Finish exchanges code for tokens and checks the ID token: signature
// (against the provider's current keys), issuer, audience (the client
// id), expiry and the attempt's nonce.
func (c *Client) Finish(ctx context.Context, p *Provider, redirectURL, code, verifier, nonce string) (*Identity, error) {
	d, err := c.discover(ctx, p.Issuer)
	if err != nil {
		return nil, err
	}
	tok, err := c.oauth(d, p, redirectURL).Exchange(oidc.ClientContext(ctx, c.HTTP), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Forbidden, "the identity provider did not accept the sign-in (token request refused)")
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, apperr.New(apperr.Forbidden, "the identity provider sent no ID token")
	}
	idt, err := d.p.Verifier(&oidc.Config{ClientID: p.ClientID, Now: c.now}).Verify(oidc.ClientContext(ctx, c.HTTP), raw)
	if err != nil {
		return nil, refusal(err)
	}
	if idt.Nonce != nonce {
		return nil, apperr.New(apperr.Forbidden, "the ID token does not belong to this sign-in attempt (nonce mismatch)")
	}
	var cl struct {
		Email         string `json:"email"`
		EmailVerified any    `json:"email_verified"`
		EDOV          any    `json:"xms_edov"` // Entra ID: the e-mail domain's owner verified it
		Name          string `json:"name"`
	}
	if err := idt.Claims(&cl); err != nil {
		return nil, apperr.Wrap(err, apperr.Forbidden, "the ID token's claims could not be read")
	}
	return &Identity{Issuer: idt.Issuer, Subject: idt.Subject, Email: strings.ToLower(strings.TrimSpace(cl.Email)),
		EmailVerified: isTrue(cl.EmailVerified) || isTrue(cl.EDOV), Name: cl.Name}, nil
}

// isTrue reads a boolean claim, which some providers send as a string.
func isTrue(v any) bool {
	switch b := v.(type) {
	case bool:
		return b
	case string:
		return b == "true"
	}
	return false
}

// refusal turns go-oidc's verification error into a message for the user.
func refusal(err error) error {
	var exp *oidc.TokenExpiredError
	msg := err.Error()
	switch {
	case errors.As(err, &exp):
		return apperr.Wrap(err, apperr.Forbidden, "the ID token has expired; please sign in again")
	case strings.Contains(msg, "issued by a different provider"):
		return apperr.Wrap(err, apperr.Forbidden, "the ID token was issued by another provider than the configured issuer")
	case strings.Contains(msg, "expected audience"):
		return apperr.Wrap(err, apperr.Forbidden, "the ID token was issued for another application (its audience is not our client id)")
	case strings.Contains(msg, "signature"):
		return apperr.Wrap(err, apperr.Forbidden, "the ID token's signature could not be verified with the provider's keys")
	}
	return apperr.Wrap(err, apperr.Forbidden, "the ID token is not valid")
}

// EndSessionURL is where to send the browser after a local sign-out so the
// provider ends its session too, or "" when the provider has no
// end_session_endpoint (or cannot be reached: the local sign-out stands).
func (c *Client) EndSessionURL(ctx context.Context, p *Provider, afterLogout string) string {
	d, err := c.discover(ctx, p.Issuer)
	if err != nil || d.endSession == "" {
		return ""
	}
	u, err := url.Parse(d.endSession)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("client_id", p.ClientID)
	q.Set("post_logout_redirect_uri", afterLogout)
	u.RawQuery = q.Encode()
	return u.String()
}
