package web

import (
	"net/http"
	"strings"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// The provisioning page: a beheerder makes and revokes the organisation's
// SCIM tokens, which its identity provider (Entra ID, Okta) uses at
// /scim/v2/ to create, update, deactivate and remove members. A new
// token is shown once; only its hash is kept.

func (s *Server) scimPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.renderSCIM(w, r, c, map[string]any{})
}

func (s *Server) renderSCIM(w http.ResponseWriter, r *http.Request, c *Ctx, data map[string]any) error {
	ts, err := s.Store.SCIMTokens(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	data["Tokens"] = ts
	data["TenantURL"] = s.scimURL(r)
	roles := make([]string, len(org.Roles))
	for i, ro := range org.Roles {
		roles[i] = string(ro)
	}
	data["Groups"] = strings.Join(roles, ", ")
	s.render(w, r, c, "scim", "Provisioning (SCIM)", data)
	return nil
}

// scimURL is the tenant URL to give the identity provider: the configured
// public address, else the address this page was asked on.
func (s *Server) scimURL(r *http.Request) string {
	base := strings.TrimSuffix(s.Config.BaseURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil || s.Config.SecureCookies {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + "/scim/v2"
}

func (s *Server) scimTokenCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	var token string
	err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		token, _, err = tx.CreateSCIMToken(r.Context(), c.Org.ID, r.PostFormValue("name"))
		return
	})
	if err != nil {
		if status(err) == http.StatusInternalServerError {
			return err
		}
		w.WriteHeader(status(err))
		data := map[string]any{}
		putErrors(c, data, "scim", err)
		return s.renderSCIM(w, r, c, data)
	}
	return s.renderSCIM(w, r, c, map[string]any{"NewToken": token})
}

func (s *Server) scimTokenRevoke(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.RevokeSCIMToken(r.Context(), c.Org.ID, id) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/scim", "scim-revoked")
	return nil
}
