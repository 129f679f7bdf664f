package web

import (
	"net/http"

	"privacyregister/internal/apperr"
)

const sessionCookie = "pr_session"

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/",
		HttpOnly: true, Secure: s.Config.SecureCookies, SameSite: http.SameSiteLaxMode,
		MaxAge: int(s.Config.AbsoluteTimeout.Seconds()),
	})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.Config.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// loadSession resolves the session cookie to a fully signed-in user.
func (s *Server) loadSession(w http.ResponseWriter, r *http.Request) (*Ctx, error) {
	ck, err := r.Cookie(sessionCookie)
	if err != nil || ck.Value == "" {
		return nil, apperr.New(apperr.Unauthorized, "please sign in")
	}
	sess, err := s.Store.TouchSession(r.Context(), ck.Value, s.Config.IdleTimeout)
	if err != nil {
		s.clearSessionCookie(w)
		return nil, err
	}
	if !sess.MFADone {
		return nil, apperr.New(apperr.Unauthorized, "please sign in")
	}
	u, err := s.Store.User(r.Context(), sess.UserID)
	if err != nil || u.Disabled {
		s.clearSessionCookie(w)
		return nil, apperr.New(apperr.Unauthorized, "please sign in")
	}
	ms, err := s.Store.Memberships(r.Context(), u.ID)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 { // every membership deactivated (SCIM) ends the session too
		if blocked, err := s.Store.SignInBlocked(r.Context(), u.ID); err != nil || blocked {
			_ = s.Store.DeleteSession(r.Context(), ck.Value)
			s.clearSessionCookie(w)
			return nil, apperr.New(apperr.Unauthorized, "please sign in")
		}
	}
	return &Ctx{User: u, Memberships: ms, Lang: u.Lang, sessionToken: ck.Value}, nil
}
