package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// DashboardItem is one thing due as the dashboard, the calendar and the
// iCalendar feed show it (see dueItems).
type DashboardItem struct {
	Due     time.Time
	Overdue bool
	Kind    string // message id, e.g. "Register review"
	Title   string
	Link    string
	Owner   int64 // the user it is assigned to, 0 for nobody in particular
	Timed   bool  // due at a moment (a breach clock), not at the end of a day
	More    int   // on the line that stands for more register reviews: how many
}

// dashboardHorizon is how far ahead the dashboard looks; the calendar
// lists everything.
const dashboardHorizon = 60 * 24 * time.Hour

func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	s.render(w, r, c, "settings", "Organisation settings", map[string]any{"O": c.Org})
	return nil
}

func (s *Server) saveSettings(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	o := *c.Org
	o.Name = r.PostFormValue("name")
	o.Roles = r.PostFormValue("roles")
	o.KvK = r.PostFormValue("kvk")
	o.Address = r.PostFormValue("address")
	o.DPOName = r.PostFormValue("dpo_name")
	o.DPOEmail = r.PostFormValue("dpo_email")
	o.DPOPhone = r.PostFormValue("dpo_phone")
	o.Require2FA = newForm(r).check("require_2fa")
	data := map[string]any{"O": &o}
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("employees")))
	if err != nil && strings.TrimSpace(r.PostFormValue("employees")) != "" {
		return s.formError(w, r, c, "settings", "Organisation settings", data, apperr.Invalidf("employees", "Give a whole number."))
	}
	o.Employees = n
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UpdateOrg(r.Context(), &o) }); err != nil {
		return s.formError(w, r, c, "settings", "Organisation settings", data, err)
	}
	redirectFlash(w, r, "/o/"+o.Short+"/settings", "saved")
	return nil
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.renderUsers(w, r, c, map[string]any{})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, c *Ctx, data map[string]any) error {
	ms, err := s.Store.Members(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	if data["Invitations"], err = s.Store.Invitations(r.Context(), c.Org.ID); err != nil {
		return err
	}
	data["Members"], data["Roles"] = ms, org.Roles
	s.render(w, r, c, "users", "Users", data)
	return nil
}

// addUser invites a person: the beheerder gets a link to pass on (shown
// once). The page says the same whether or not the address has an account
// (it may be another organisation's), and the person becomes a member only
// by accepting (store.Invite).
func (s *Server) addUser(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	data := map[string]any{}
	fail := func(err error) error {
		if status(err) == http.StatusInternalServerError {
			return err
		}
		w.WriteHeader(status(err))
		putErrors(c, data, "users", err)
		return s.renderUsers(w, r, c, data)
	}
	email, err := auth.NormaliseEmail("email", r.PostFormValue("email"))
	if err != nil {
		return fail(err)
	}
	role, err := org.ParseRole(r.PostFormValue("role"))
	if err != nil {
		return fail(err)
	}
	var token string
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		token, _, err = tx.Invite(r.Context(), c.Org.ID, email, r.PostFormValue("name"), role)
		return err
	}); err != nil {
		return fail(err)
	}
	data["Invited"], data["InviteURL"] = email, strings.TrimSuffix(s.baseURL(r), "/")+"/invite/"+token
	return s.renderUsers(w, r, c, data)
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.NotFoundf("page not found")
	}
	return id, nil
}

func (s *Server) setRole(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	role, err := org.ParseRole(r.PostFormValue("role"))
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.SetRole(r.Context(), c.Org.ID, id, role) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/users", "role")
	return nil
}

func (s *Server) removeUser(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.RemoveMember(r.Context(), c.Org.ID, id) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/users", "user-removed")
	return nil
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.renderTokens(w, r, c, map[string]any{})
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, c *Ctx, data map[string]any) error {
	ts, err := s.Store.Tokens(r.Context(), c.Org.ID, c.User.ID)
	if err != nil {
		return err
	}
	data["Tokens"] = ts
	s.render(w, r, c, "tokens", "API tokens", data)
	return nil
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	var token string
	name := strings.TrimSpace(r.PostFormValue("name"))
	err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		token, _, err = tx.CreateToken(r.Context(), c.Org.ID, c.User.ID, name)
		return
	})
	if err != nil {
		if status(err) == http.StatusInternalServerError {
			return err
		}
		w.WriteHeader(status(err))
		return s.renderTokens(w, r, c, map[string]any{"Errors": messages(c, err)})
	}
	return s.renderTokens(w, r, c, map[string]any{"NewToken": token})
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.RevokeToken(r.Context(), c.Org.ID, c.User.ID, id) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/tokens", "token-revoked")
	return nil
}
