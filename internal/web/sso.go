package web

import (
	"net/http"
	"net/url"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/org"
	"privacyregister/internal/sso"
	"privacyregister/internal/store"
)

// The beheerder's page for the organisation's OpenID Connect provider.

func (s *Server) ssoRedirectURL(r *http.Request, short string) string {
	return s.baseURL(r) + "/o/" + short + "/sso/callback"
}

func (s *Server) ssoPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	p, err := s.Store.SSOProvider(r.Context(), c.Org.ID)
	switch {
	case apperr.Is(err, apperr.NotFound):
		p = &sso.Provider{DefaultRole: org.Employee}
	case err != nil:
		return err
	}
	return s.renderSSO(w, r, c, p, map[string]any{})
}

func (s *Server) renderSSO(w http.ResponseWriter, r *http.Request, c *Ctx, p *sso.Provider, data map[string]any) error {
	links, err := s.Store.SSOLinks(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	data["P"], data["Links"], data["Roles"] = p, links, org.Roles
	data["Domains"] = strings.Join(p.Domains, ", ")
	data["RedirectURL"] = s.ssoRedirectURL(r, c.Org.Short)
	data["LoginURL"] = s.baseURL(r) + "/o/" + c.Org.Short + "/sso/login"
	data["LogoutURL"] = s.baseURL(r) + "/login"
	data["Configured"] = !p.UpdatedAt.IsZero()
	s.render(w, r, c, "sso", "Single sign-on", data)
	return nil
}

// ssoForm reads the provider form.
func ssoForm(r *http.Request) *sso.Provider {
	f := r.PostForm
	return &sso.Provider{
		Issuer: f.Get("issuer"), ClientID: f.Get("client_id"), ClientSecret: strings.TrimSpace(f.Get("client_secret")),
		Domains: []string{f.Get("domains")}, Mandatory: f.Get("mandatory") != "", TrustMFA: f.Get("trust_mfa") != "",
		CreateUsers: f.Get("create_users") != "", DefaultRole: org.Role(f.Get("default_role")),
	}
}

func (s *Server) ssoSave(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "could not be read")
	}
	p := ssoForm(r)
	fail := func(err error) error {
		if status(err) == http.StatusInternalServerError {
			return err
		}
		w.WriteHeader(status(err))
		data := map[string]any{}
		putErrors(c, data, "sso", err)
		return s.renderSSO(w, r, c, p, data)
	}
	p.Normalize()
	if err := p.Validate(); err != nil {
		return fail(err)
	}
	// Mandatory SSO shuts out password sign-in: only once this beheerder has
	// signed in through the provider in this session is it known to work.
	if p.Mandatory {
		ok, err := s.Store.SessionHasSSO(r.Context(), c.Org.ID, c.sessionToken)
		if err != nil {
			return err
		}
		if !ok {
			return fail(apperr.Invalidf("mandatory", "sign in with single sign-on once (link below) before making it mandatory, so you know it works"))
		}
	}
	if err := s.SSO.Check(r.Context(), p.Issuer); err != nil {
		s.Log.Info("sso discovery failed", "org", c.Org.Short, "err", err)
		if ae, ok := err.(*apperr.Error); ok {
			return fail(&apperr.Error{Code: apperr.Invalid, Field: "issuer", Msg: ae.Msg, Args: ae.Args})
		}
		return fail(apperr.Invalidf("issuer", "discovery failed"))
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.SetSSOProvider(r.Context(), c.Org.ID, p) }); err != nil {
		return fail(err)
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/sso", "saved")
	return nil
}

func (s *Server) ssoDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteSSOProvider(r.Context(), c.Org.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/sso", "saved")
	return nil
}

// ssoFind is the sign-in page's "sign in with single sign-on": the
// organisations whose provider takes the e-mail address's domain, each as
// a link (a link, not a redirect: the page's CSP allows forms to post only
// to this site, and browsers apply that to redirects after a post too).
func (s *Server) ssoFind(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	email := strings.ToLower(strings.TrimSpace(r.FormValue("email")))
	next := safeNext(r.FormValue("next"))
	data := map[string]any{"SSOEmail": email, "Next": next}
	if !strings.Contains(email, "@") {
		return s.formError(w, r, c, "login", "Sign in", data, apperr.Invalidf("sso_email", "enter your e-mail address"))
	}
	orgs, err := s.Store.SSOOrgsForEmail(r.Context(), email)
	if err != nil {
		return err
	}
	if len(orgs) == 0 {
		return s.formError(w, r, c, "login", "Sign in", data, apperr.Invalidf("sso_email", "no organisation has set up single sign-on for this e-mail domain"))
	}
	data["SSOOrgs"], data["NextQ"] = orgs, url.QueryEscape(next)
	s.render(w, r, c, "login", "Sign in", data)
	return nil
}
