package web

import (
	"net/http"

	"privacyregister/internal/apperr"
	"privacyregister/internal/auth"
	"privacyregister/internal/i18n"
	"privacyregister/internal/store"
)

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	left, err := s.Store.RecoveryCodesLeft(r.Context(), c.User.ID)
	if err != nil {
		return err
	}
	s.render(w, r, c, "account", "Your account", map[string]any{"RecoveryLeft": left})
	return nil
}

func (s *Server) saveAccount(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	u := *c.User
	u.Name = r.PostFormValue("name")
	u.Lang = i18n.Supported(r.PostFormValue("lang"))
	if len(u.Name) > 200 {
		return s.formError(w, r, c, "account", "Your account", map[string]any{}, apperr.Invalidf("name", "is too long"))
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UpdateUser(r.Context(), &u) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/account", "saved")
	return nil
}

// checkOwnPassword checks a signed-in user's password (to change it or
// turn two-factor sign-in off) under the sign-in limits, so a browser left
// signed in cannot be used to guess it at full speed.
func (s *Server) checkOwnPassword(w http.ResponseWriter, r *http.Request, c *Ctx, pw string) (bool, error) {
	addr := s.clientAddr(r)
	limits, err := s.passwordLimits(r, c.User.Email, addr)
	if err != nil {
		return false, err
	}
	return s.guarded(w, r, limits, passwordResets(c.User.Email, addr), func() (bool, error) {
		return auth.CheckPassword(r.Context(), c.User.PasswordHash, pw)
	})
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	s.render(w, r, c, "password", "Change password", map[string]any{})
	return nil
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	cur, pw, pw2 := r.PostFormValue("current"), r.PostFormValue("password"), r.PostFormValue("password2")
	fail := func(err error) error {
		return s.formError(w, r, c, "password", "Change password", map[string]any{}, err)
	}
	if ok, err := s.checkOwnPassword(w, r, c, cur); err != nil {
		if shown(err) {
			return fail(err)
		}
		return err
	} else if !ok {
		return fail(apperr.Invalidf("current", "is not your current password"))
	}
	if err := auth.CheckPasswordPolicy("password", pw); err != nil {
		return fail(err)
	}
	if pw != pw2 {
		return fail(apperr.Invalidf("password2", "does not match the new password"))
	}
	if pw == cur {
		return fail(apperr.Invalidf("password", "must differ from the current one"))
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	u := *c.User
	u.PasswordHash, u.MustChangePassword = hash, false
	// Other browsers signed in with the old password are signed out. API
	// tokens and calendar feed addresses do not ask for the password, so
	// they keep working unless the user asks to end them too (when the old
	// password may have leaked).
	revoke := r.PostFormValue("revoke_access") != ""
	ctx := withActor(r.Context(), c)
	if err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateUser(ctx, &u); err != nil {
			return err
		}
		if revoke {
			if _, _, err := tx.RevokeUserAccess(ctx, u.ID); err != nil {
				return err
			}
		}
		return tx.DeleteUserSessions(ctx, u.ID, c.sessionToken)
	}); err != nil {
		return err
	}
	redirectFlash(w, r, "/", "password")
	return nil
}

// endOtherSessions signs the user out in every other browser, for when a
// device was lost or a session was left open somewhere.
func (s *Server) endOtherSessions(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := s.Store.DeleteUserSessions(r.Context(), c.User.ID, c.sessionToken); err != nil {
		return err
	}
	redirectFlash(w, r, "/account", "sessions-ended")
	return nil
}

// twoFactorPage shows the state of two-factor sign-in; when it is off, it
// shows a new secret with its QR code to set it up.
func (s *Server) twoFactorPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	data := map[string]any{"Required": r.URL.Query().Get("required")}
	if !c.User.TOTPEnabled {
		secret, url, err := auth.NewTOTP("privacyregister", c.User.Email)
		if err != nil {
			return err
		}
		data["Secret"], data["QR"] = secret, qrSVG(url, c.T("QR code for your authenticator app"))
	}
	s.render(w, r, c, "twofactor", "Two-factor sign-in", data)
	return nil
}

// enableTwoFactor turns TOTP on after the user proves the app works, and
// shows the recovery codes once.
func (s *Server) enableTwoFactor(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	secret, code := r.PostFormValue("secret"), r.PostFormValue("code")
	step, ok := auth.MatchTOTP(secret, code, s.Store.Now())
	if !ok {
		data := map[string]any{"Secret": secret, "QR": qrSVG("otpauth://totp/privacyregister:"+c.User.Email+"?secret="+secret+"&issuer=privacyregister", c.T("QR code for your authenticator app"))}
		return s.formError(w, r, c, "twofactor", "Two-factor sign-in", data, apperr.Invalidf("code", "is not correct; check the time on your phone and try again"))
	}
	codes := auth.NewRecoveryCodes(10)
	u := *c.User
	u.TOTPSecret, u.TOTPEnabled = secret, true
	err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		if err := tx.UpdateUser(r.Context(), &u); err != nil {
			return err
		}
		// The code that proved the app works cannot sign in afterwards.
		if err := tx.SetTOTPStep(r.Context(), u.ID, step); err != nil {
			return err
		}
		return tx.SetRecoveryCodes(r.Context(), u.ID, codes)
	})
	if err != nil {
		return err
	}
	c.User = &u
	s.render(w, r, c, "recovery", "Recovery codes", map[string]any{"Codes": codes})
	return nil
}

func (s *Server) disableTwoFactor(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if ok, err := s.checkOwnPassword(w, r, c, r.PostFormValue("password")); err != nil || !ok {
		if err == nil {
			err = apperr.Invalidf("password", "is not your current password")
		} else if !shown(err) {
			return err
		}
		return s.formError(w, r, c, "twofactor", "Two-factor sign-in", map[string]any{}, err)
	}
	for _, m := range c.Memberships {
		o, err := s.Store.Org(r.Context(), m.OrgID)
		if err != nil {
			return err
		}
		if o.Require2FA {
			return s.formError(w, r, c, "twofactor", "Two-factor sign-in", map[string]any{}, apperr.New(apperr.Forbidden, "%s requires two-factor sign-in", o.Name))
		}
	}
	u := *c.User
	u.TOTPSecret, u.TOTPEnabled = "", false
	err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		if err := tx.UpdateUser(r.Context(), &u); err != nil {
			return err
		}
		return tx.SetRecoveryCodes(r.Context(), u.ID, nil)
	})
	if err != nil {
		return err
	}
	redirectFlash(w, r, "/account", "2fa-off")
	return nil
}
