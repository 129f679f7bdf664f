package web

import (
	"math"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/auth"
	"privacyregister/internal/i18n"
	"privacyregister/internal/store"
)

// Sign-in throttling: after this many failures within the window, each
// further attempt must wait, doubling per failure, up to maxWait. Counted
// per account and per client address, in the database.
const (
	failureWindow    = 15 * time.Minute
	freeFailures     = 5
	freeAddrFailures = 20
	maxWait          = 15 * time.Minute
)

func (s *Server) clientAddr(r *http.Request) string {
	if s.Config.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			return strings.TrimSpace(strings.Split(xff, ",")[0])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// throttle returns an error when the account or address must wait.
func (s *Server) throttle(r *http.Request, email string) error {
	byEmail, byAddr, last, err := s.Store.LoginFailures(r.Context(), email, s.clientAddr(r), failureWindow)
	if err != nil {
		return err
	}
	over := max(byEmail-freeFailures, byAddr-freeAddrFailures)
	if over < 0 {
		return nil
	}
	wait := time.Duration(math.Min(float64(maxWait), float64(time.Second)*math.Pow(2, float64(over))))
	if left := last.Add(wait).Sub(s.Store.Now()); left > 0 {
		return apperr.New(apperr.TooMany, "too many failed sign-ins; try again in %d seconds", int(left.Seconds())+1)
	}
	return nil
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	s.render(w, r, c, "login", "Sign in", map[string]any{"Next": safeNext(r.URL.Query().Get("next"))})
	return nil
}

// safeNext only allows a local path as the place to return to.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/") && !strings.HasPrefix(next, "//") && !strings.HasPrefix(next, "/\\") {
		return next
	}
	return "/"
}

func (s *Server) login(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "could not be read")
	}
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	pw := r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	data := map[string]any{"Email": email, "Next": next}
	if email == "" || pw == "" {
		return s.formError(w, r, c, "login", "Sign in", data, apperr.New(apperr.Invalid, "enter your e-mail address and password"))
	}
	if err := s.throttle(r, email); err != nil {
		return s.formError(w, r, c, "login", "Sign in", data, err)
	}
	u, err := s.Store.UserByEmail(r.Context(), email)
	ok := false
	if err == nil {
		ok = auth.VerifyPassword(u.PasswordHash, pw) && !u.Disabled
	} else {
		auth.BurnTime(pw) // same time for unknown and known accounts
	}
	if !ok {
		if err := s.Store.RecordLoginFailure(r.Context(), email, s.clientAddr(r)); err != nil {
			return err
		}
		s.Log.Info("sign-in failed", "addr", s.clientAddr(r))
		return s.formError(w, r, c, "login", "Sign in", data, apperr.New(apperr.Unauthorized, "wrong e-mail address or password"))
	}
	_ = s.Store.ClearLoginFailures(r.Context(), email)
	// A new session at every sign-in (no fixation); the old one ends.
	if old, err := r.Cookie(sessionCookie); err == nil {
		_ = s.Store.DeleteSession(r.Context(), old.Value)
	}
	token, err := s.Store.CreateSession(r.Context(), u.ID, !u.TOTPEnabled, s.Config.AbsoluteTimeout)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	if u.TOTPEnabled {
		http.Redirect(w, r, "/login/2fa?next="+url.QueryEscape(next), http.StatusSeeOther)
		return nil
	}
	if u.MustChangePassword {
		next = "/account/password"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) secondFactorPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	s.render(w, r, c, "login2fa", "Two-factor sign-in", map[string]any{"Next": safeNext(r.URL.Query().Get("next"))})
	return nil
}

// secondFactor accepts a TOTP code or a recovery code for a session that
// has passed the password step.
func (s *Server) secondFactor(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	ck, err := r.Cookie(sessionCookie)
	if err != nil {
		return apperr.New(apperr.Unauthorized, "please sign in")
	}
	sess, err := s.Store.TouchSession(r.Context(), ck.Value, s.Config.IdleTimeout)
	if err != nil {
		return err
	}
	u, err := s.Store.User(r.Context(), sess.UserID)
	if err != nil {
		return apperr.New(apperr.Unauthorized, "please sign in")
	}
	next := safeNext(r.PostFormValue("next"))
	data := map[string]any{"Next": next}
	if err := s.throttle(r, u.Email); err != nil {
		return s.formError(w, r, c, "login2fa", "Two-factor sign-in", data, err)
	}
	code := r.PostFormValue("code")
	ok := auth.CheckTOTP(u.TOTPSecret, code, s.Store.Now())
	if !ok && len(strings.TrimSpace(code)) > 6 {
		ok, err = s.Store.UseRecoveryCode(r.Context(), u.ID, code)
		if err != nil {
			return err
		}
	}
	if !ok {
		_ = s.Store.RecordLoginFailure(r.Context(), u.Email, s.clientAddr(r))
		return s.formError(w, r, c, "login2fa", "Two-factor sign-in", data, apperr.Invalidf("code", "is not correct"))
	}
	_ = s.Store.ClearLoginFailures(r.Context(), u.Email)
	if err := s.Store.CompleteMFA(r.Context(), ck.Value); err != nil {
		return err
	}
	if u.MustChangePassword {
		next = "/account/password"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if ck, err := r.Cookie(sessionCookie); err == nil {
		if err := s.Store.DeleteSession(r.Context(), ck.Value); err != nil {
			return err
		}
	}
	s.clearSessionCookie(w)
	redirectFlash(w, r, "/login", "signed-out")
	return nil
}

// setLang switches the language: for a signed-in user it is saved with
// the account; before sign-in a cookie remembers it.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	lang := i18n.Supported(r.PostFormValue("lang"))
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
	if sc, err := s.loadSession(w, r); err == nil {
		sc.User.Lang = lang
		ctx := withActor(r.Context(), sc)
		if err := s.Store.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, sc.User) }); err != nil {
			return err
		}
	}
	back := safeNext(r.PostFormValue("next"))
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}
