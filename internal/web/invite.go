package web

import (
	"net/http"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/store"
)

// An invitation's page (store.Invite): whoever holds the link sees the
// organisation and the role; the invited person accepts by signing in
// with their account, or makes one by choosing a password. The page is the
// same whether or not the address has an account.

func (s *Server) invitePage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	token := r.PathValue("token")
	inv, err := s.Store.InvitationByToken(r.Context(), token)
	if err != nil {
		return err
	}
	data := map[string]any{"Invitation": inv, "Token": token}
	if sc, err := s.loadSession(w, r); err == nil {
		data["SignedInAs"], data["Mine"] = sc.User.Email, sc.User.Email == inv.Email
		c = sc
	}
	s.render(w, r, c, "invite", "Invitation", data)
	return nil
}

func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	token := r.PathValue("token")
	var inv *store.Invitation
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		inv, err = tx.AcceptInvitation(r.Context(), token, c.User)
		return err
	}); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+inv.OrgShort+"/", "")
	return nil
}

func (s *Server) registerByInvite(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	token := r.PathValue("token")
	inv, err := s.Store.InvitationByToken(r.Context(), token)
	if err != nil {
		return err
	}
	data := map[string]any{"Invitation": inv, "Token": token}
	pw := r.PostFormValue("password")
	if err := auth.CheckPasswordPolicy("password", pw); err != nil {
		return s.formError(w, r, c, "invite", "Invitation", data, err)
	}
	if pw != r.PostFormValue("password2") {
		return s.formError(w, r, c, "invite", "Invitation", data, apperr.Invalidf("password2", "The two passwords differ."))
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	ctx := audit.WithActor(r.Context(), audit.Actor{Name: inv.Email})
	if err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		_, _, err := tx.RegisterByInvitation(ctx, token, hash)
		return err
	}); err != nil {
		return s.formError(w, r, c, "invite", "Invitation", data, err)
	}
	data["Accepted"] = true
	s.render(w, r, c, "invite", "Invitation", data)
	return nil
}
