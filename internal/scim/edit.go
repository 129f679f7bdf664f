package scim

import (
	"fmt"
	"net/http"
	"strings"

	filter "github.com/scim2/filter-parser/v2"

	"privacyregister/internal/store"
)

// edit applies attributes, from a body or from PATCH operations, to a
// user. The person's name is kept in one field: an explicit displayName or
// name.formatted wins, else it is made of the given and family names.
type edit struct {
	u            *store.SCIMUser
	nameSet      bool // displayName or name.formatted given
	namePartsSet bool // givenName or familyName changed
}

func newEdit(u *store.SCIMUser) *edit { return &edit{u: u} }

func (e *edit) done() *store.SCIMUser {
	if e.namePartsSet && !e.nameSet {
		e.u.Name = strings.TrimSpace(e.u.GivenName + " " + e.u.FamilyName)
	}
	return e.u
}

// ignored are User attributes of RFC 7643 this application keeps no copy
// of; a provider's default mapping sends several (Entra ID: title,
// preferredLanguage, addresses, phoneNumbers). Accepting them keeps its
// synchronisation going; they are not stored.
var ignored = map[string]bool{
	"title": true, "preferredlanguage": true, "locale": true, "timezone": true, "nickname": true,
	"profileurl": true, "usertype": true, "phonenumbers": true, "addresses": true, "ims": true,
	"photos": true, "roles": true, "entitlements": true, "x509certificates": true,
	// Passwords are never taken from a provider: members sign in by single
	// sign-on, or set their own.
	"password": true,
}

// readOnly are attributes the service provider sets.
var readOnly = map[string]bool{"id": true, "meta": true, "groups": true, "schemas": true}

// body applies a POST or PUT body: every attribute in it. Read-only and
// unknown attributes are ignored, as RFC 7644 section 3.5.1 allows.
func (e *edit) body(b map[string]any) error {
	for k, v := range b {
		if readOnly[strings.ToLower(k)] {
			continue
		}
		if err := e.set(k, "replace", v, false); err != nil {
			return err
		}
	}
	return nil
}

// operation is one PATCH operation.
type operation struct {
	Op    string `json:"op"`
	Path  string `json:"path"`
	Value any    `json:"value"`
}

func readPatch(r *http.Request) ([]operation, error) {
	var p struct {
		Schemas    []string    `json:"schemas"`
		Operations []operation `json:"Operations"`
	}
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	if len(p.Operations) == 0 {
		return nil, invalid("invalidValue", "Operations is required")
	}
	for i := range p.Operations {
		// Entra ID writes "Replace", "Add", "Remove".
		p.Operations[i].Op = strings.ToLower(p.Operations[i].Op)
		switch p.Operations[i].Op {
		case "add", "replace", "remove":
		default:
			return nil, invalid("invalidValue", fmt.Sprintf("unknown op %q (add, replace or remove)", p.Operations[i].Op))
		}
	}
	return p.Operations, nil
}

// patch applies one operation. Without a path the value is an object of
// attributes (each key may itself be a path, as "name.givenName").
func (e *edit) patch(op operation) error {
	if op.Path == "" {
		if op.Op == "remove" {
			return invalid("noTarget", "remove needs a path")
		}
		m, ok := op.Value.(map[string]any)
		if !ok {
			return invalid("invalidValue", "an operation without a path needs an object as its value")
		}
		for k, v := range m {
			if err := e.set(k, op.Op, v, false); err != nil {
				return err
			}
		}
		return nil
	}
	return e.set(op.Path, op.Op, op.Value, true)
}

// set applies one attribute path. strict refuses paths this application
// does not know (a PATCH path); bodies pass them by.
func (e *edit) set(path, op string, v any, strict bool) error {
	if uri, rest, ok := splitURN(path); ok {
		if !strings.EqualFold(uri, UserSchema) {
			return nil // an extension schema (enterprise, a provider's own): not kept
		}
		path = rest
		if path == "" { // the core schema's attributes as an object
			m, ok := v.(map[string]any)
			if !ok {
				return invalid("invalidValue", "the value of "+uri+" must be an object")
			}
			for k, v := range m {
				if err := e.set(k, op, v, strict); err != nil {
					return err
				}
			}
			return nil
		}
	}
	p, err := filter.ParsePath([]byte(path))
	if err != nil {
		return invalid("invalidPath", fmt.Sprintf("path %q cannot be read", path))
	}
	attr := strings.ToLower(p.AttributePath.AttributeName)
	sub := strings.ToLower(p.AttributePath.SubAttributeName())
	if p.SubAttribute != nil {
		sub = strings.ToLower(*p.SubAttribute)
	}
	remove := op == "remove"
	switch attr {
	case "username":
		if remove {
			return invalid("mutability", "userName is required")
		}
		return setString(&e.u.UserName, "userName", v)
	case "externalid":
		if remove {
			e.u.ExternalID = ""
			return nil
		}
		return setString(&e.u.ExternalID, "externalId", v)
	case "displayname":
		e.nameSet = true
		if remove {
			e.u.Name = ""
			return nil
		}
		return setString(&e.u.Name, "displayName", v)
	case "name":
		return e.setName(sub, v, remove)
	case "emails":
		return e.setEmail(p, sub, v, remove)
	case "active":
		if remove {
			return invalid("mutability", "active cannot be removed")
		}
		b, ok := boolValue(v)
		if !ok {
			return invalid("invalidValue", "active must be true or false")
		}
		e.u.Active = b
		return nil
	}
	switch {
	case ignored[attr]:
		return nil
	case readOnly[attr] && strict:
		return invalid("mutability", attr+" is read-only")
	case strict:
		return invalid("invalidPath", fmt.Sprintf("unknown attribute %q", p.AttributePath.AttributeName))
	}
	return nil
}

// splitURN splits "urn:...:User:name.givenName" into the schema and the
// attribute path; a path without a schema is left alone.
func splitURN(path string) (uri, rest string, ok bool) {
	if !strings.HasPrefix(strings.ToLower(path), "urn:") {
		return "", path, false
	}
	if len(path) >= len(UserSchema) && strings.EqualFold(path[:len(UserSchema)], UserSchema) {
		return path[:len(UserSchema)], strings.TrimPrefix(path[len(UserSchema):], ":"), true
	}
	return path, "", true
}

func (e *edit) setName(sub string, v any, remove bool) error {
	if sub == "" {
		if remove {
			e.u.GivenName, e.u.FamilyName, e.namePartsSet = "", "", true
			return nil
		}
		m, ok := v.(map[string]any)
		if !ok {
			return invalid("invalidValue", "name must be an object")
		}
		for k, v := range m {
			if err := e.setName(strings.ToLower(k), v, false); err != nil {
				return err
			}
		}
		return nil
	}
	var target *string
	switch sub {
	case "givenname":
		target, e.namePartsSet = &e.u.GivenName, true
	case "familyname":
		target, e.namePartsSet = &e.u.FamilyName, true
	case "formatted":
		target, e.nameSet = &e.u.Name, true
	default:
		return nil // middleName, honorificPrefix ...: not kept
	}
	if remove {
		*target = ""
		return nil
	}
	return setString(target, "name."+sub, v)
}

// setEmail keeps one address, the work or primary one: the sign-in
// address. Other types (home) are not kept.
func (e *edit) setEmail(p filter.Path, sub string, v any, remove bool) error {
	if p.ValueExpression != nil && !workOrPrimary(p.ValueExpression) {
		return nil
	}
	if remove {
		return invalid("mutability", "a member needs an e-mail address")
	}
	if sub != "" {
		if sub != "value" {
			return nil // type, primary, display
		}
		return setString(&e.u.Email, "emails", v)
	}
	// The multi-valued attribute itself: a list (or one) of {value, type, primary}.
	var list []any
	switch x := v.(type) {
	case []any:
		list = x
	case map[string]any:
		list = []any{x}
	default:
		return invalid("invalidValue", "emails must be a list of objects")
	}
	// The primary address wins, then the work address, then the first.
	pick, rank := "", 0
	for _, it := range list {
		m, ok := it.(map[string]any)
		if !ok {
			return invalid("invalidValue", "emails must be a list of objects")
		}
		val, _ := m["value"].(string)
		typ, _ := m["type"].(string)
		r := 1
		if strings.EqualFold(typ, "work") {
			r = 2
		}
		if primary, _ := boolValue(m["primary"]); primary {
			r = 3
		}
		if r > rank {
			pick, rank = val, r
		}
	}
	if pick == "" {
		return invalid("invalidValue", "emails has no value")
	}
	e.u.Email = pick
	return nil
}

// workOrPrimary reports whether a value filter selects the work or primary
// address: type eq "work", primary eq true, or both.
func workOrPrimary(x filter.Expression) bool {
	switch x := x.(type) {
	case *filter.AttributeExpression:
		switch strings.ToLower(x.AttributePath.AttributeName) {
		case "type":
			s, _ := x.CompareValue.(string)
			return x.Operator == filter.EQ && strings.EqualFold(s, "work")
		case "primary":
			b, _ := boolValue(x.CompareValue)
			return x.Operator == filter.EQ && b
		}
	case *filter.LogicalExpression:
		if x.Operator == filter.AND {
			return workOrPrimary(x.Left) || workOrPrimary(x.Right)
		}
	}
	return false
}

func setString(dst *string, field string, v any) error {
	switch x := v.(type) {
	case string:
		*dst = x
	case nil:
		*dst = ""
	default:
		return invalid("invalidValue", field+" must be a string")
	}
	return nil
}

// boolValue reads a boolean, also as the strings "True" and "False" that
// Entra ID sent before its SCIM compliance fixes.
func boolValue(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(x) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}
