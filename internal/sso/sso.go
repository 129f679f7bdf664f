// Package sso is single sign-on by OpenID Connect: an organisation's
// provider configuration and its rules, and the relying party's side of
// the authorization code flow with PKCE (client.go). Tokens are checked by
// github.com/coreos/go-oidc, never by code of our own.
package sso

import (
	"net/url"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/org"
)

// Provider is an organisation's OpenID Connect provider.
type Provider struct {
	OrgID        int64    `json:"-"`
	Issuer       string   `json:"issuer"`
	ClientID     string   `json:"client_id"`
	ClientSecret string   `json:"-"` // sealed at rest, never in the audit trail or logs
	Domains      []string `json:"domains"`
	// Mandatory refuses password sign-in to the organisation's members and
	// asks every session for this organisation's SSO before its pages open.
	Mandatory bool `json:"mandatory"`
	// TrustMFA: a sign-in through the provider counts as the second factor
	// (the provider enforces MFA); otherwise a user with TOTP still gives a code.
	TrustMFA    bool      `json:"trust_mfa"`
	CreateUsers bool      `json:"create_users"`
	DefaultRole org.Role  `json:"default_role"`
	UpdatedAt   time.Time `json:"-"`
}

// Normalize tidies the input: trimmed, domains lower case without "@".
func (p *Provider) Normalize() {
	p.Issuer = strings.TrimSpace(p.Issuer)
	p.ClientID = strings.TrimSpace(p.ClientID)
	var ds []string
	for _, d := range p.Domains {
		for _, f := range strings.FieldsFunc(d, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\r' || r == ';' }) {
			f = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(f), "@"))
			if f != "" && !contains(ds, f) {
				ds = append(ds, f)
			}
		}
	}
	p.Domains = ds
	if p.DefaultRole == "" {
		p.DefaultRole = org.Employee
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Validate checks a configuration, naming the field of each problem.
func (p *Provider) Validate() error {
	var errs apperr.List
	u, err := url.Parse(p.Issuer)
	switch {
	case p.Issuer == "":
		errs = append(errs, apperr.Invalidf("issuer", "is required"))
	case err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && isLocal(u.Hostname()))) || u.RawQuery != "" || u.Fragment != "":
		errs = append(errs, apperr.Invalidf("issuer", "must be an https address such as https://login.microsoftonline.com/<tenant>/v2.0"))
	}
	if p.ClientID == "" {
		errs = append(errs, apperr.Invalidf("client_id", "is required"))
	}
	if len(p.Domains) == 0 {
		errs = append(errs, apperr.Invalidf("domains", "name at least one e-mail domain, such as school.nl"))
	}
	for _, d := range p.Domains {
		if !strings.Contains(d, ".") || strings.ContainsAny(d, "/:@ ") {
			errs = append(errs, apperr.Invalidf("domains", "%s is not a domain name", d))
		}
	}
	if _, err := org.ParseRole(string(p.DefaultRole)); err != nil {
		errs = append(errs, apperr.Invalidf("default_role", "is not a role"))
	}
	return errs.Err()
}

// isLocal allows plain http for a provider on this machine (tests, a
// provider on the same host); anything else must use TLS.
func isLocal(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// AllowsEmail reports whether email's domain is one of the allowed domains.
func (p *Provider) AllowsEmail(email string) bool {
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return false
	}
	return contains(p.Domains, strings.ToLower(email[at+1:]))
}
