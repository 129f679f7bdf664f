package scim

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	filter "github.com/scim2/filter-parser/v2"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// Groups are the organisation's roles, one fixed group per role: a member
// has exactly one role, so adding someone to a group gives them its role,
// and taking them out of the group of their role gives them DefaultRole.
// Groups cannot be created or renamed; deleting one takes its role from
// all its members.

// roleByName finds the role a group id or displayName names: the role's
// own name (beheerder, privacyofficer, ...) or its English label, in any
// case.
func roleByName(name string) (org.Role, bool) {
	for _, r := range org.Roles {
		if strings.EqualFold(name, string(r)) || strings.EqualFold(name, r.Label()) {
			return r, true
		}
	}
	return "", false
}

func groupOf(id string) (org.Role, error) {
	if r, ok := roleByName(id); ok && id == string(r) {
		return r, nil
	}
	return "", notFound("group not found")
}

// groupResource is a role as a SCIM Group; members are left out when
// withMembers is false (excludedAttributes=members, as Entra ID asks).
func (s *Server) groupResource(ctx context.Context, orgID int64, r org.Role, withMembers bool) (map[string]any, error) {
	g := map[string]any{
		"schemas":     []string{GroupSchema},
		"id":          string(r),
		"displayName": string(r),
		"meta":        map[string]any{"resourceType": "Group", "location": s.location("Groups", string(r))},
	}
	if !withMembers {
		return g, nil
	}
	us, _, err := s.Store.SCIMUsers(ctx, orgID, []store.SCIMCond{{Attr: "role", Value: string(r)}}, 0, 1<<30)
	if err != nil {
		return nil, err
	}
	members := make([]map[string]any, len(us))
	for i, u := range us {
		id := strconv.FormatInt(u.UserID, 10)
		members[i] = map[string]any{"value": id, "display": u.UserName, "$ref": s.location("Users", id)}
	}
	g["members"] = members
	return g, nil
}

func withMembers(r *http.Request) bool {
	for _, a := range strings.Split(r.URL.Query().Get("excludedAttributes"), ",") {
		if strings.EqualFold(strings.TrimSpace(a), "members") {
			return false
		}
	}
	return true
}

func (s *Server) listGroups(q *request) error {
	roles, err := groupFilter(q.r.URL.Query().Get("filter"))
	if err != nil {
		return err
	}
	offset, limit, err := page(q.r)
	if err != nil {
		return err
	}
	total := len(roles)
	roles = roles[min(offset, total):min(offset+limit, total)]
	out := make([]any, len(roles))
	for i, r := range roles {
		if out[i], err = s.groupResource(q.r.Context(), q.orgID, r, withMembers(q.r)); err != nil {
			return err
		}
	}
	return s.write(q, http.StatusOK, listResponse(total, offset, out))
}

// groupFilter selects roles: displayName eq or id eq; externalId matches
// nothing (these groups have none).
func groupFilter(raw string) ([]org.Role, error) {
	if strings.TrimSpace(raw) == "" {
		return org.Roles, nil
	}
	x, err := filter.ParseFilter([]byte(raw))
	if err != nil {
		return nil, invalid("invalidFilter", fmt.Sprintf("filter %q cannot be read", raw))
	}
	e, ok := x.(*filter.AttributeExpression)
	v, isString := "", false
	if ok {
		v, isString = e.CompareValue.(string)
	}
	if !ok || e.Operator != filter.EQ || !isString {
		return nil, invalid("invalidFilter", "only displayName eq, id eq or externalId eq is supported")
	}
	switch strings.ToLower(e.AttributePath.AttributeName) {
	case "displayname":
		if r, ok := roleByName(v); ok {
			return []org.Role{r}, nil
		}
		return nil, nil
	case "id":
		if r, err := groupOf(v); err == nil {
			return []org.Role{r}, nil
		}
		return nil, nil
	case "externalid":
		return nil, nil
	}
	return nil, invalid("invalidFilter", "only displayName eq, id eq or externalId eq is supported")
}

func (s *Server) getGroup(q *request, id string) error {
	r, err := groupOf(id)
	if err != nil {
		return err
	}
	g, err := s.groupResource(q.r.Context(), q.orgID, r, withMembers(q.r))
	if err != nil {
		return err
	}
	return s.write(q, http.StatusOK, g)
}

// createGroup cannot make a new group: the roles are fixed. A group named
// after a role exists already (409, so Okta offers to link it); any other
// name is refused with the names there are.
func (s *Server) createGroup(q *request) error {
	var body struct {
		DisplayName string `json:"displayName"`
	}
	if err := decode(q.r, &body); err != nil {
		return err
	}
	if r, ok := roleByName(body.DisplayName); ok {
		return &Error{Status: http.StatusConflict, ScimType: "uniqueness",
			Detail: fmt.Sprintf("group %q exists: it is the role %s, id %q", body.DisplayName, r, r)}
	}
	return invalid("invalidValue", "groups are the organisation's roles and cannot be created; name the provider's groups "+roleNames())
}

func roleNames() string {
	names := make([]string, len(org.Roles))
	for i, r := range org.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// replaceGroup is PUT: the members given hold the role afterwards, and
// the members that held it and are not given get DefaultRole.
func (s *Server) replaceGroup(q *request, id string) error {
	r, err := groupOf(id)
	if err != nil {
		return err
	}
	var body struct {
		DisplayName string  `json:"displayName"`
		Members     []gmRef `json:"members"`
	}
	if err := decode(q.r, &body); err != nil {
		return err
	}
	if body.DisplayName != "" {
		if br, ok := roleByName(body.DisplayName); !ok || br != r {
			return invalid("mutability", "a group's displayName is its role and cannot change")
		}
	}
	err = s.Store.InTx(q.r.Context(), func(tx *store.Tx) error {
		return s.setMembers(q, tx, r, refIDs(body.Members), true)
	})
	if err != nil {
		return err
	}
	g, err := s.groupResource(q.r.Context(), q.orgID, r, true)
	if err != nil {
		return err
	}
	return s.write(q, http.StatusOK, g)
}

// gmRef is a member reference in a group: the User id in value.
type gmRef struct {
	Value string `json:"value"`
}

func refIDs(rs []gmRef) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Value
	}
	return out
}

// patchGroup applies add, remove and replace of members (Entra ID: op
// "Add"/"Remove", path "members", value a list of {value}; or path
// members[value eq "id"] for a removal). displayName may be "replaced"
// only by itself.
func (s *Server) patchGroup(q *request, id string) error {
	r, err := groupOf(id)
	if err != nil {
		return err
	}
	ops, err := readPatch(q.r)
	if err != nil {
		return err
	}
	err = s.Store.InTx(q.r.Context(), func(tx *store.Tx) error {
		for _, op := range ops {
			if err := s.patchGroupOp(q, tx, r, op); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	q.w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) patchGroupOp(q *request, tx *store.Tx, r org.Role, op operation) error {
	if op.Path == "" {
		m, ok := op.Value.(map[string]any)
		if !ok || op.Op == "remove" {
			return invalid("invalidValue", "an operation without a path needs an object as its value")
		}
		for k, v := range m {
			if err := s.patchGroupOp(q, tx, r, operation{Op: op.Op, Path: k, Value: v}); err != nil {
				return err
			}
		}
		return nil
	}
	p, err := filter.ParsePath([]byte(op.Path))
	if err != nil {
		return invalid("invalidPath", fmt.Sprintf("path %q cannot be read", op.Path))
	}
	switch strings.ToLower(p.AttributePath.AttributeName) {
	case "members":
	case "displayname":
		name, _ := op.Value.(string)
		if br, ok := roleByName(name); op.Op != "remove" && ok && br == r {
			return nil
		}
		return invalid("mutability", "a group's displayName is its role and cannot change")
	case "externalid":
		return nil // these groups keep no external id; the provider matches them by displayName
	default:
		return invalid("invalidPath", fmt.Sprintf("unknown attribute %q", p.AttributePath.AttributeName))
	}
	var ids []string
	if p.ValueExpression != nil { // members[value eq "12"]
		e, ok := p.ValueExpression.(*filter.AttributeExpression)
		v, isString := "", false
		if ok {
			v, isString = e.CompareValue.(string)
		}
		if !ok || e.Operator != filter.EQ || !isString || !strings.EqualFold(e.AttributePath.AttributeName, "value") {
			return invalid("invalidFilter", "members can be selected by value eq only")
		}
		ids = []string{v}
	} else if op.Value != nil {
		list, ok := op.Value.([]any)
		if !ok {
			list = []any{op.Value}
		}
		for _, it := range list {
			m, ok := it.(map[string]any)
			v, isString := m["value"].(string)
			if !ok || !isString {
				return invalid("invalidValue", "members must be a list of {\"value\": user id}")
			}
			ids = append(ids, v)
		}
	}
	switch op.Op {
	case "add":
		return s.setMembers(q, tx, r, ids, false)
	case "replace":
		return s.setMembers(q, tx, r, ids, true)
	}
	if p.ValueExpression == nil && op.Value == nil { // remove all members
		return s.clearRole(q, tx, r)
	}
	for _, id := range ids {
		u, err := s.member(q, tx, id)
		if err != nil {
			return err
		}
		if u.Role == r {
			if err := tx.SetRole(q.r.Context(), q.orgID, u.UserID, DefaultRole); err != nil {
				return err
			}
		}
	}
	return nil
}

// member finds a member by User id; another organisation's user, or no
// user, is an invalid value of this group's members.
func (s *Server) member(q *request, tx *store.Tx, id string) (*store.SCIMUser, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err == nil {
		var u *store.SCIMUser
		if u, err = tx.SCIMUser(q.r.Context(), q.orgID, n); err == nil {
			return u, nil
		}
	}
	return nil, invalid("invalidValue", fmt.Sprintf("member %q is not a user of this organisation", id))
}

// setMembers gives the role to ids; with exclusive, members holding the
// role who are not in ids get DefaultRole.
func (s *Server) setMembers(q *request, tx *store.Tx, r org.Role, ids []string, exclusive bool) error {
	keep := map[int64]bool{}
	for _, id := range ids {
		u, err := s.member(q, tx, id)
		if err != nil {
			return err
		}
		keep[u.UserID] = true
		if err := tx.SetRole(q.r.Context(), q.orgID, u.UserID, r); err != nil {
			return err
		}
	}
	if !exclusive {
		return nil
	}
	holders, err := tx.RoleMembers(q.r.Context(), q.orgID, r)
	if err != nil {
		return err
	}
	for _, id := range holders {
		if !keep[id] {
			if err := tx.SetRole(q.r.Context(), q.orgID, id, DefaultRole); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Server) clearRole(q *request, tx *store.Tx, r org.Role) error {
	return s.setMembers(q, tx, r, nil, true)
}

// deleteGroup takes the role from every member holding it; the group, a
// role, remains (empty).
func (s *Server) deleteGroup(q *request, id string) error {
	r, err := groupOf(id)
	if err != nil {
		return err
	}
	if r == DefaultRole {
		return invalid("mutability", "the group of the default role cannot be emptied")
	}
	if err := s.Store.InTx(q.r.Context(), func(tx *store.Tx) error { return s.clearRole(q, tx, r) }); err != nil {
		return err
	}
	q.w.WriteHeader(http.StatusNoContent)
	return nil
}
