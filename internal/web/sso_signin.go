package web

import (
	"context"
	"net/http"
	"net/url"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/sso"
	"privacyregister/internal/store"
)

// The sign-in through an organisation's OpenID Connect provider:
// /o/{org}/sso/login sends the browser to the provider, which returns it
// to /o/{org}/sso/callback.

const ssoStateCookie = "pr_sso"

// ssoOrg returns the organisation of the path and its provider; 404 when
// it has none, so the address tells nothing more about an organisation
// without SSO.
func (s *Server) ssoOrg(r *http.Request) (*org.Organisation, *sso.Provider, error) {
	o, err := s.Store.OrgByShort(r.Context(), r.PathValue("org"))
	if err != nil {
		return nil, nil, apperr.NotFoundf("page not found")
	}
	p, err := s.Store.SSOProvider(r.Context(), o.ID)
	if err != nil {
		return nil, nil, err
	}
	return o, p, nil
}

func (s *Server) ssoLogin(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	o, p, err := s.ssoOrg(r)
	if err != nil {
		return err
	}
	a, err := s.SSO.Begin(r.Context(), p, s.ssoRedirectURL(r, o.Short))
	if err != nil {
		s.Log.Warn("sso start failed", "org", o.Short, "err", err)
		return err
	}
	next := safeNext(r.URL.Query().Get("next"))
	if next == "/" {
		next = "/o/" + o.Short + "/"
	}
	if err := s.Store.SaveSSOState(r.Context(), o.ID, a.State, store.SSOState{Nonce: a.Nonce, Verifier: a.Verifier, Next: next}); err != nil {
		return err
	}
	// The state also goes in a cookie of this browser: a callback carrying
	// a state this browser did not start (login CSRF) is refused.
	http.SetCookie(w, &http.Cookie{Name: ssoStateCookie, Value: a.State, Path: "/o/" + o.Short + "/sso/",
		HttpOnly: true, Secure: s.Config.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(store.StateFor.Seconds())})
	http.Redirect(w, r, a.URL, http.StatusFound)
	return nil
}

func (s *Server) ssoCallback(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	o, p, err := s.ssoOrg(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		s.Log.Info("sso refused by provider", "org", o.Short, "error", e)
		return apperr.New(apperr.Forbidden, "the identity provider refused the sign-in (%s)", e)
	}
	state := q.Get("state")
	ck, err := r.Cookie(ssoStateCookie)
	if state == "" || err != nil || ck.Value != state {
		return apperr.New(apperr.Forbidden, "this sign-in was not started in this browser, or has expired; please start again")
	}
	http.SetCookie(w, &http.Cookie{Name: ssoStateCookie, Path: "/o/" + o.Short + "/sso/", MaxAge: -1, HttpOnly: true, Secure: s.Config.SecureCookies, SameSite: http.SameSiteLaxMode})
	st, err := s.Store.TakeSSOState(r.Context(), o.ID, state)
	if err != nil {
		return err
	}
	id, err := s.SSO.Finish(r.Context(), p, s.ssoRedirectURL(r, o.Short), q.Get("code"), st.Verifier, st.Nonce)
	if err != nil {
		s.Log.Info("sso sign-in refused", "org", o.Short, "err", err)
		return err
	}
	u, err := s.ssoUser(r.Context(), o, p, id)
	if err != nil {
		s.Log.Info("sso sign-in refused", "org", o.Short, "err", err)
		return err
	}
	// Already signed in as this user (switching to another organisation):
	// the session gains this organisation.
	if cur, err := s.loadSession(w, r); err == nil && cur.User.ID == u.ID {
		if err := s.Store.MarkSessionSSO(r.Context(), cur.sessionToken, o.ID); err != nil {
			return err
		}
		http.Redirect(w, r, st.Next, http.StatusSeeOther)
		return nil
	}
	if old, err := r.Cookie(sessionCookie); err == nil {
		_ = s.Store.DeleteSession(r.Context(), old.Value)
	}
	// The organisation decides whether its provider's sign-in stands in for
	// our second factor.
	mfaDone := !u.TOTPEnabled || p.TrustMFA
	token, err := s.Store.CreateSession(r.Context(), u.ID, mfaDone, s.Config.AbsoluteTimeout)
	if err != nil {
		return err
	}
	if err := s.Store.MarkSessionSSO(r.Context(), token, o.ID); err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	if !mfaDone {
		http.Redirect(w, r, "/login/2fa?next="+url.QueryEscape(st.Next), http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, st.Next, http.StatusSeeOther)
	return nil
}

// ssoUser finds the user the provider vouches for: by the link of
// issuer+sub once made; the first time by the verified e-mail address in
// an allowed domain, then linked. A new person becomes a member with the
// default role when the organisation allows it.
func (s *Server) ssoUser(ctx context.Context, o *org.Organisation, p *sso.Provider, id *sso.Identity) (*auth.User, error) {
	notMember := apperr.New(apperr.Forbidden, "you have no account in %s; ask its administrator to add you", o.Name)
	uid, err := s.Store.SSOIdentityUser(ctx, o.ID, id.Issuer, id.Subject)
	if err != nil {
		return nil, err
	}
	if uid == 0 {
		if !id.EmailVerified {
			return nil, apperr.New(apperr.Forbidden, "your identity provider has not verified your e-mail address, so it cannot be matched to an account")
		}
		if id.Email == "" || !p.AllowsEmail(id.Email) {
			return nil, apperr.New(apperr.Forbidden, "your e-mail address %s is not in a domain this organisation allows for single sign-on", id.Email)
		}
		actx := audit.WithActor(ctx, audit.Actor{Name: "sso " + id.Email})
		err := s.Store.InTx(actx, func(tx *store.Tx) error {
			u, err := s.Store.UserByEmail(actx, id.Email)
			switch {
			case err == nil:
				if _, err := s.Store.Member(actx, o.ID, u.ID); err != nil {
					if !apperr.Is(err, apperr.NotFound) {
						return err
					}
					if !p.CreateUsers {
						return notMember
					}
					if _, err := tx.AddMember(actx, o.ID, u, p.DefaultRole); err != nil {
						return err
					}
				}
			case apperr.Is(err, apperr.NotFound):
				if !p.CreateUsers {
					return notMember
				}
				// No password: this user signs in through the provider (a
				// beheerder can reset one later). The hash of a random,
				// forgotten password stands in.
				hash, err := auth.HashPassword(auth.NewToken("") + auth.NewToken(""))
				if err != nil {
					return err
				}
				u = &auth.User{Email: id.Email, Name: id.Name, PasswordHash: hash}
				if _, err := tx.AddMember(actx, o.ID, u, p.DefaultRole); err != nil {
					return err
				}
			default:
				return err
			}
			uid = u.ID
			return tx.LinkSSOIdentity(actx, o.ID, id.Issuer, id.Subject, u.ID)
		})
		if err != nil {
			return nil, err
		}
	}
	u, err := s.Store.User(ctx, uid)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, apperr.New(apperr.Forbidden, "your account is disabled")
	}
	if _, err := s.Store.Member(ctx, o.ID, u.ID); err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return nil, notMember
		}
		return nil, err
	}
	return u, nil
}

// ssoEndSession is the provider's end-session address for a session that
// signed in by SSO, or "".
func (s *Server) ssoEndSession(r *http.Request, token string) string {
	orgID, err := s.Store.SessionSSOOrg(r.Context(), token)
	if err != nil || orgID == 0 {
		return ""
	}
	p, err := s.Store.SSOProvider(r.Context(), orgID)
	if err != nil {
		return ""
	}
	return s.SSO.EndSessionURL(r.Context(), p, s.baseURL(r)+"/login")
}
