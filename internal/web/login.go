package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/auth"
	"privacyregister/internal/i18n"
	"privacyregister/internal/store"
)

// Sign-in throttling, following OWASP's advice: slow down the pair
// account+address, so a colleague behind the same NAT address as an
// attacker still gets in. Each limit lets Free failures pass within its
// window; after that each further check waits a second after the latest
// failure, doubling per failure, up to 15 minutes. The counts live in the
// database (all processes agree), and an attempt is counted before its
// password is checked, so parallel guesses cannot slip past
// (store.BeginAttempt).
const (
	failureWindow = 15 * time.Minute
	// One account from one address.
	pairFreeFailures = 5
	// One account from any address: against guessing spread over many
	// addresses. Higher, since anyone can make these failures happen.
	accountFreeFailures = 20
	// One address over all accounts: only a guard against spraying one
	// password over many accounts; an office shares its address.
	addrFreeFailures = 200
	// Second-factor codes of one account, whatever the password step did.
	mfaFreeFailures = 5
	mfaWindow       = time.Hour
)

// passwordLimits are the counters a password check runs under. At an
// address the account gave its right password from in the last 30 days
// only the pair account+address counts: guesses from elsewhere (the
// account's own limit) and at other accounts from the same address (the
// address guard) do not shut its owner out.
func (s *Server) passwordLimits(r *http.Request, email, addr string) ([]store.Limit, error) {
	pair := store.Limit{Kind: "pair", Key: email + " " + addr, Free: pairFreeFailures, Window: failureWindow}
	account := store.Limit{Kind: "account", Key: email, Free: accountFreeFailures, Window: failureWindow}
	guard := store.Limit{Kind: "addr", Key: addr, Free: addrFreeFailures, Window: failureWindow}
	known, err := s.Store.KnownAddress(r.Context(), email, addr)
	if err != nil {
		return nil, err
	}
	if known {
		return []store.Limit{pair}, nil
	}
	return []store.Limit{pair, account, guard}, nil
}

// passwordResets are the limits the right password resets: the pair and
// the account's own.
func passwordResets(email, addr string) []store.Limit {
	return []store.Limit{{Kind: "pair", Key: email + " " + addr}, {Kind: "account", Key: email}}
}

// mfaLimits count a user's wrong second-factor codes.
func mfaLimits(userID int64) []store.Limit {
	return []store.Limit{{Kind: "mfa", Key: strconv.FormatInt(userID, 10), Free: mfaFreeFailures, Window: mfaWindow}}
}

// tooMany is the answer to a throttled attempt: 429 with Retry-After.
func tooMany(w http.ResponseWriter, wait time.Duration) error {
	secs := int(wait.Seconds()) + 1
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	return apperr.New(apperr.TooMany, "too many failed sign-ins; try again in %d seconds", secs)
}

// guarded runs a password or code check under limits: a throttled attempt
// gets 429 with Retry-After without a check; an attempt is counted as a
// failure before check runs (store.BeginAttempt); a right answer takes
// that back and resets the limits in reset. A check that could not run
// (every hashing slot busy: 429 with Retry-After) is not counted.
func (s *Server) guarded(w http.ResponseWriter, r *http.Request, limits, reset []store.Limit, check func() (bool, error)) (bool, error) {
	att, wait, err := s.Store.BeginAttempt(r.Context(), limits)
	if err != nil {
		return false, err
	}
	if att == nil {
		s.Log.InfoContext(r.Context(), "sign-in throttled", "addr", s.clientAddr(r), "kind", limits[0].Kind)
		return false, tooMany(w, wait)
	}
	ok, err := check()
	if err != nil {
		_ = s.Store.Cancel(context.WithoutCancel(r.Context()), att)
		if errors.Is(err, auth.ErrBusy) {
			w.Header().Set("Retry-After", "5")
			s.Log.WarnContext(r.Context(), "sign-in refused: every password hashing slot busy", "slots", auth.MaxHashes())
		}
		return false, err
	}
	if !ok {
		return false, nil
	}
	return true, s.Store.Succeeded(r.Context(), att, reset...)
}

// shown reports whether err is for the form (a 4xx) rather than a 500.
func shown(err error) bool { return apperr.HTTPStatus(err) != http.StatusInternalServerError }

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
	addr := s.clientAddr(r)
	limits, err := s.passwordLimits(r, email, addr)
	if err != nil {
		return err
	}
	var u *auth.User
	// The right password resets this account's password counters, not its
	// second-factor count.
	ok, err := s.guarded(w, r, limits, passwordResets(email, addr), func() (bool, error) {
		var err error
		u, err = s.Store.UserByEmail(r.Context(), email)
		switch {
		case err == nil:
			ok, err := auth.CheckPassword(r.Context(), u.PasswordHash, pw)
			if ok && err == nil && !u.Disabled {
				// A person whose every membership was deactivated may not sign in.
				blocked, err := s.Store.SignInBlocked(r.Context(), u.ID)
				return !blocked, err
			}
			return ok && !u.Disabled, err
		case apperr.Is(err, apperr.NotFound):
			return false, auth.BurnTime(r.Context(), pw) // same time for unknown and known accounts
		}
		return false, err
	})
	if err != nil {
		if shown(err) {
			return s.formError(w, r, c, "login", "Sign in", data, err)
		}
		return err
	}
	if !ok {
		s.Log.InfoContext(r.Context(), "sign-in failed", "addr", addr)
		return s.formError(w, r, c, "login", "Sign in", data, apperr.New(apperr.Unauthorized, "wrong e-mail address or password"))
	}
	// A member of an organisation that makes SSO mandatory signs in there.
	if o, err := s.Store.SSOMandatoryFor(r.Context(), u.ID); err != nil {
		return err
	} else if o != nil {
		s.Log.Info("password sign-in refused: SSO mandatory", "org", o.Short)
		data["SSOOrgs"], data["NextQ"] = []store.SSOOrg{*o}, url.QueryEscape(next)
		return s.formError(w, r, c, "login", "Sign in", data, apperr.New(apperr.Forbidden, "%s requires sign-in through its identity provider (single sign-on); use the button below", o.Name))
	}
	if err := s.Store.RememberAddress(r.Context(), email, addr); err != nil {
		return err
	}
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
	limits := mfaLimits(u.ID)
	code := r.PostFormValue("code")
	ok, err := s.guarded(w, r, limits, limits, func() (bool, error) {
		// A code counts once: its time step must be later than the last one used.
		if step, match := auth.MatchTOTP(u.TOTPSecret, code, s.Store.Now()); match {
			if ok, err := s.Store.UseTOTPStep(r.Context(), u.ID, step); ok || err != nil {
				return ok, err
			}
		}
		if len(strings.TrimSpace(code)) > 6 {
			return s.Store.UseRecoveryCode(r.Context(), u.ID, code)
		}
		return false, nil
	})
	if err != nil {
		if shown(err) {
			return s.formError(w, r, c, "login2fa", "Two-factor sign-in", data, err)
		}
		return err
	}
	if !ok {
		s.Log.InfoContext(r.Context(), "second factor failed", "addr", s.clientAddr(r))
		return s.formError(w, r, c, "login2fa", "Two-factor sign-in", data, apperr.Invalidf("code", "is not correct"))
	}
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
	var end string
	if ck, err := r.Cookie(sessionCookie); err == nil {
		end = s.ssoEndSession(r, ck.Value)
		if err := s.Store.DeleteSession(r.Context(), ck.Value); err != nil {
			return err
		}
	}
	s.clearSessionCookie(w)
	if end != "" {
		// Signed in by SSO: the provider's session ends too, by a link on
		// this page (a redirect after a form post would be blocked by the
		// form-action CSP of the page that posted).
		s.render(w, r, c, "ssologout", "Signed out", map[string]any{"EndSession": end})
		return nil
	}
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
