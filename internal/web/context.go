package web

import (
	"context"
	"net/http"
	"net/url"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/i18n"
	"privacyregister/internal/org"
)

// Ctx is what a handler knows about the request: who signed in, in which
// organisation, with which role.
type Ctx struct {
	User         *auth.User
	Memberships  []org.Membership
	Org          *org.Organisation // nil outside /o/{org}/
	Role         org.Role
	Lang         string
	sessionToken string
}

// Can reports whether the user's role in the current organisation has p.
func (c *Ctx) Can(p org.Permission) bool { return c.Org != nil && c.Role.Can(p) }

// T translates into the user's language.
func (c *Ctx) T(msg string, args ...any) string { return i18n.T(c.Lang, msg, args...) }

// handlerFunc is a handler that returns an error instead of writing one.
type handlerFunc func(w http.ResponseWriter, r *http.Request, c *Ctx) error

// public serves a page that needs no sign-in.
func (s *Server) public(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := &Ctx{Lang: langFromRequest(r)}
		if err := h(w, r, c); err != nil {
			s.respondError(w, r, c, err)
		}
	}
}

// signedIn serves a page for any signed-in user, outside an organisation.
// allowPending lets through users who still owe a password change or a
// second factor (the pages where they do that).
func (s *Server) signedIn(h handlerFunc, allowPending bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := s.loadSession(w, r)
		if err != nil {
			s.respondError(w, r, &Ctx{Lang: langFromRequest(r)}, err)
			return
		}
		if !allowPending && c.User.MustChangePassword {
			http.Redirect(w, r, "/account/password", http.StatusSeeOther)
			return
		}
		r = r.WithContext(withActor(r.Context(), c))
		if err := h(w, r, c); err != nil {
			s.respondError(w, r, c, err)
		}
	}
}

// inOrgAny serves a page of organisation {org}, for members whose role has
// any of perms. A non-member gets 404: the page does not exist for them.
func (s *Server) inOrgAny(perms []org.Permission, h handlerFunc) http.HandlerFunc {
	return s.signedIn(func(w http.ResponseWriter, r *http.Request, c *Ctx) error {
		short := r.PathValue("org")
		var m *org.Membership
		for i := range c.Memberships {
			if c.Memberships[i].OrgShort == short {
				m = &c.Memberships[i]
			}
		}
		if m == nil {
			return apperr.NotFoundf("page not found")
		}
		o, err := s.Store.Org(r.Context(), m.OrgID)
		if err != nil {
			return err
		}
		c.Org, c.Role = o, m.Role
		if o.Require2FA && !c.User.TOTPEnabled {
			http.Redirect(w, r, "/account/2fa?required="+o.Short, http.StatusSeeOther)
			return nil
		}
		// An organisation that makes SSO mandatory opens to a session only
		// after a sign-in through its own provider (also when switching).
		if need, err := s.Store.SSONeeded(r.Context(), o.ID, c.sessionToken); err != nil {
			return err
		} else if need {
			http.Redirect(w, r, "/o/"+o.Short+"/sso/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return nil
		}
		for _, p := range perms {
			if c.Role.Can(p) {
				return h(w, r, c)
			}
		}
		return apperr.New(apperr.Forbidden, "your role does not allow this")
	}, false)
}

func withActor(ctx context.Context, c *Ctx) context.Context {
	return audit.WithActor(ctx, audit.Actor{UserID: c.User.ID, Name: c.User.Email})
}

// langFromRequest picks the language before anyone signed in: a cookie set
// by the language switch, then the browser's preference, then Dutch.
func langFromRequest(r *http.Request) string {
	if ck, err := r.Cookie("lang"); err == nil {
		return i18n.Supported(ck.Value)
	}
	if l := i18n.Accepted(r.Header.Get("Accept-Language")); l != "" {
		return l
	}
	return i18n.Languages[0]
}
