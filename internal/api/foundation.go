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

// NewUserResult carries the one-time password of a newly created account.
type NewUserResult struct {
	Membership      *org.Membership `json:"membership"`
	Created         bool            `json:"created"`
	OneTimePassword string          `json:"one_time_password,omitempty"`
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
			if err := Decode(r, &in); err != nil {
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
	a.Handle(Route{Method: "POST", Path: "/api/v1/users", Perm: org.ManageUsers, Tag: "users", Summary: "Add a member (creates the account when new; returns a one-time password)", Request: NewUser{}, Response: NewUserResult{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in NewUser
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			email, err := auth.NormaliseEmail("email", in.Email)
			if err != nil {
				return nil, err
			}
			role, err := org.ParseRole(string(in.Role))
			if err != nil {
				return nil, err
			}
			pw := auth.NewPassword()
			hash, err := auth.HashPassword(pw)
			if err != nil {
				return nil, err
			}
			u := &auth.User{Email: email, Name: in.Name, PasswordHash: hash, MustChangePassword: true}
			var created bool
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) { created, err = tx.AddMember(r.Context(), c.Org.ID, u, role); return }); err != nil {
				return nil, err
			}
			m, err := a.Store.Member(r.Context(), c.Org.ID, u.ID)
			if err != nil {
				return nil, err
			}
			res := NewUserResult{Membership: m, Created: created}
			if created {
				res.OneTimePassword = pw
			}
			return Created{res}, nil
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
