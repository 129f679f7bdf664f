package api

import (
	"net/http"

	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// Me is the calling user with their role in the token's organisation.
type Me struct {
	User *auth.User `json:"user"`
	Org  string     `json:"organisation"`
	Role org.Role   `json:"role"`
}

// NewUser is the body of POST /api/v1/users.
type NewUser struct {
	Email string   `json:"email"`
	Name  string   `json:"name"`
	Role  org.Role `json:"role"`
}

// NewUserResult is the answer to POST /api/v1/users: an invitation and
// the link to pass on to the person (shown once). It is the same whether
// or not the address has an account already (another organisation's
// account is not this organisation's to learn of), and the person becomes
// a member only by accepting: signing in with their account, or choosing
// a password when they have none.
type NewUserResult struct {
	Invitation *store.Invitation `json:"invitation"`
	AcceptURL  string            `json:"accept_url"`
}

// acceptURL is the address of an invitation, on the host the API was
// called on.
func acceptURL(r *http.Request, token string) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/invite/" + token
}

// OrgUpdate is the body of PUT /api/v1/organisation: every field is set.
type OrgUpdate struct {
	Name       string `json:"name"`
	Roles      string `json:"roles"`
	KvK        string `json:"kvk"`
	Address    string `json:"address"`
	DPOName    string `json:"dpo_name"`
	DPOEmail   string `json:"dpo_email"`
	DPOPhone   string `json:"dpo_phone"`
	Employees  int    `json:"employees"`
	Require2FA bool   `json:"require_2fa"`
}

func (a *API) foundationRoutes() {
	a.Handle(Route{Method: "GET", Path: "/api/v1/me", Perm: org.ReportIncident, Tag: "account", Summary: "The calling user and their role", Response: Me{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			return Me{User: c.User, Org: c.Org.Short, Role: c.Role}, nil
		})
	// Every member may see which organisation a token is for.
	a.Handle(Route{Method: "GET", Path: "/api/v1/organisation", Perm: org.ReportIncident, Tag: "organisation", Summary: "The token's organisation", Response: org.Organisation{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) { return c.Org, nil })
	a.Handle(Route{Method: "PUT", Path: "/api/v1/organisation", Perm: org.ManageSettings, Tag: "organisation", Summary: "Change the organisation's settings", Request: OrgUpdate{}, Response: org.Organisation{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in OrgUpdate
			if err := DecodeReplacement(r, &in, org.Organisation{}); err != nil {
				return nil, err
			}
			o := *c.Org
			o.Name, o.Roles, o.KvK, o.Address = in.Name, in.Roles, in.KvK, in.Address
			o.DPOName, o.DPOEmail, o.DPOPhone, o.Employees, o.Require2FA = in.DPOName, in.DPOEmail, in.DPOPhone, in.Employees, in.Require2FA
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UpdateOrg(r.Context(), &o) }); err != nil {
				return nil, err
			}
			return &o, nil
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/users", Perm: org.ManageUsers, Tag: "users", Summary: "Members of the organisation, by user id", Paging: PagedByKey, Response: []org.Membership{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(m *org.Membership) int64 { return m.UserID })(a.Store.MembersPage(r.Context(), c.Org.ID, p))
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/users/{id}", Perm: org.ManageUsers, Tag: "users", Summary: "One member", Response: org.Membership{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return a.Store.Member(r.Context(), c.Org.ID, id)
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/users", Perm: org.ManageUsers, Tag: "users", Summary: "Invite a person into the organisation (they accept by signing in, or by choosing a password when new); the answer does not say whether the address has an account", Request: NewUser{}, Response: NewUserResult{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in NewUser
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			role, err := org.ParseRole(string(in.Role))
			if err != nil {
				return nil, err
			}
			var token string
			var inv *store.Invitation
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
				token, inv, err = tx.Invite(r.Context(), c.Org.ID, in.Email, in.Name, role)
				return err
			}); err != nil {
				return nil, err
			}
			return Created{NewUserResult{Invitation: inv, AcceptURL: acceptURL(r, token)}}, nil
		})
	a.Handle(Route{Method: "DELETE", Path: "/api/v1/users/{id}", Perm: org.ManageUsers, Tag: "users", Summary: "Remove a member from the organisation"},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return nil, a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.RemoveMember(r.Context(), c.Org.ID, id) })
		})
}
