package scim

import (
	"net/http"
	"strconv"
	"time"

	"privacyregister/internal/store"
)

// userResource is a member as a SCIM User.
func (s *Server) userResource(u *store.SCIMUser) map[string]any {
	id := strconv.FormatInt(u.UserID, 10)
	res := map[string]any{
		"schemas":     []string{UserSchema},
		"id":          id,
		"userName":    u.UserName,
		"displayName": u.Name,
		"name":        map[string]any{"formatted": u.Name, "givenName": u.GivenName, "familyName": u.FamilyName},
		"emails":      []map[string]any{{"value": u.Email, "type": "work", "primary": true}},
		"active":      u.Active,
		"groups":      []map[string]any{{"value": string(u.Role), "display": string(u.Role), "$ref": s.location("Groups", string(u.Role))}},
		"meta": map[string]any{"resourceType": "User", "created": u.Created.Format(time.RFC3339),
			"lastModified": u.Updated.Format(time.RFC3339), "location": s.location("Users", id)},
	}
	if u.ExternalID != "" {
		res["externalId"] = u.ExternalID
	}
	return res
}

// userID reads a User id; a malformed one is simply not found.
func userID(id string) (int64, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return 0, notFound("user not found")
	}
	return n, nil
}

func (s *Server) listUsers(q *request) error {
	conds, err := userFilter(q.r.URL.Query().Get("filter"))
	if err != nil {
		return err
	}
	offset, limit, err := page(q.r)
	if err != nil {
		return err
	}
	us, total, err := s.Store.SCIMUsers(q.r.Context(), q.orgID, conds, offset, limit)
	if err != nil {
		return err
	}
	out := make([]any, len(us))
	for i := range us {
		out[i] = s.userResource(&us[i])
	}
	return s.write(q, http.StatusOK, listResponse(total, offset, out))
}

func (s *Server) getUser(q *request, id string) error {
	n, err := userID(id)
	if err != nil {
		return err
	}
	u, err := s.Store.SCIMUser(q.r.Context(), q.orgID, n)
	if err != nil {
		return err
	}
	return s.write(q, http.StatusOK, s.userResource(u))
}

func (s *Server) createUser(q *request) error {
	var body map[string]any
	if err := decode(q.r, &body); err != nil {
		return err
	}
	e := newEdit(&store.SCIMUser{Active: true})
	if err := e.body(body); err != nil {
		return err
	}
	var u *store.SCIMUser
	err := s.Store.InTx(q.r.Context(), func(tx *store.Tx) (err error) {
		u, err = tx.ProvisionUser(q.r.Context(), q.orgID, e.done(), DefaultRole)
		return err
	})
	if err != nil {
		return err
	}
	q.w.Header().Set("Location", s.location("Users", strconv.FormatInt(u.UserID, 10)))
	return s.write(q, http.StatusCreated, s.userResource(u))
}

// replaceUser is PUT: the body is the whole user. An active left out keeps
// its value, so a client that does not send it cannot reactivate anyone.
func (s *Server) replaceUser(q *request, id string) error {
	n, err := userID(id)
	if err != nil {
		return err
	}
	var body map[string]any
	if err := decode(q.r, &body); err != nil {
		return err
	}
	return s.update(q, n, func(cur *store.SCIMUser) (*store.SCIMUser, error) {
		e := newEdit(&store.SCIMUser{UserID: cur.UserID, Active: cur.Active})
		if err := e.body(body); err != nil {
			return nil, err
		}
		return e.done(), nil
	})
}

// patchUser applies a PatchOp (RFC 7644 section 3.5.2) to the member.
func (s *Server) patchUser(q *request, id string) error {
	n, err := userID(id)
	if err != nil {
		return err
	}
	ops, err := readPatch(q.r)
	if err != nil {
		return err
	}
	return s.update(q, n, func(cur *store.SCIMUser) (*store.SCIMUser, error) {
		c := *cur
		e := newEdit(&c)
		for _, op := range ops {
			if err := e.patch(op); err != nil {
				return nil, err
			}
		}
		return e.done(), nil
	})
}

// update changes a member in one transaction: the current state is read,
// changed by f and saved.
func (s *Server) update(q *request, userID int64, f func(cur *store.SCIMUser) (*store.SCIMUser, error)) error {
	ctx := q.r.Context()
	var u *store.SCIMUser
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		cur, err := tx.SCIMUser(ctx, q.orgID, userID)
		if err != nil {
			return err
		}
		in, err := f(cur)
		if err != nil {
			return err
		}
		u, err = tx.UpdateSCIMUser(ctx, q.orgID, userID, in)
		return err
	})
	if err != nil {
		return err
	}
	return s.write(q, http.StatusOK, s.userResource(u))
}

func (s *Server) deleteUser(q *request, id string) error {
	n, err := userID(id)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(q.r.Context(), func(tx *store.Tx) error { return tx.DeprovisionUser(q.r.Context(), q.orgID, n) }); err != nil {
		return err
	}
	q.w.WriteHeader(http.StatusNoContent)
	return nil
}
