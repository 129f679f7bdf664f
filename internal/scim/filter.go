package scim

import (
	"fmt"
	"regexp"
	"strings"

	filter "github.com/scim2/filter-parser/v2"

	"privacyregister/internal/store"
)

// userFilter turns a Users filter into store conditions. What identity
// providers ask is supported: eq on userName, externalId or the e-mail
// address (emails, emails.value, emails[value eq "..."]), joined by and.
// Anything else is 400 invalidFilter, as RFC 7644 section 3.4.2.2 asks of
// a filter the provider does not support.
func userFilter(raw string) ([]store.SCIMCond, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	x, err := filter.ParseFilter([]byte(raw))
	if m := subAfterValuePath.FindStringSubmatch(raw); err != nil && m != nil {
		// Entra ID matches on emails[type eq "work"].value eq "...", which
		// RFC 7644's grammar lacks; it means emails[type eq "work" and value eq "..."].
		x, err = filter.ParseFilter([]byte(m[1] + "[" + m[2] + " and " + m[3] + " " + m[4] + "]"))
	}
	if err != nil {
		return nil, invalid("invalidFilter", fmt.Sprintf("filter %q cannot be read", raw))
	}
	var conds []store.SCIMCond
	var walk func(x filter.Expression) error
	walk = func(x filter.Expression) error {
		switch x := x.(type) {
		case *filter.LogicalExpression:
			if x.Operator != filter.AND {
				return invalid("invalidFilter", "only conditions joined by and are supported")
			}
			if err := walk(x.Left); err != nil {
				return err
			}
			return walk(x.Right)
		case *filter.AttributeExpression:
			c, err := userCond(x.AttributePath, x)
			if err != nil {
				return err
			}
			conds = append(conds, c)
			return nil
		case *filter.ValuePath:
			if !strings.EqualFold(x.AttributePath.AttributeName, "emails") {
				break
			}
			c, ok := emailValue(x.ValueFilter)
			if !ok {
				break
			}
			conds = append(conds, c)
			return nil
		}
		return invalid("invalidFilter", fmt.Sprintf("filter %q is not supported (eq on userName, externalId or emails)", raw))
	}
	if err := walk(x); err != nil {
		return nil, err
	}
	return conds, nil
}

// subAfterValuePath is a value path followed by a sub-attribute and a
// comparison: attr[filter].sub op value.
var subAfterValuePath = regexp.MustCompile(`^\s*(\w+)\[([^\]]*)\]\.(\w+)\s+(\w+\s+.*?)\s*$`)

// emailValue reads the filter inside emails[...]: value eq "...", with
// conditions on the type (work) or primary (true) joined by and, which
// hold for the one address kept.
func emailValue(x filter.Expression) (store.SCIMCond, bool) {
	switch x := x.(type) {
	case *filter.AttributeExpression:
		v, isString := x.CompareValue.(string)
		if strings.EqualFold(x.AttributePath.AttributeName, "value") && x.Operator == filter.EQ && isString {
			return store.SCIMCond{Attr: "email", Value: v}, true
		}
	case *filter.LogicalExpression:
		if x.Operator != filter.AND {
			return store.SCIMCond{}, false
		}
		if c, ok := emailValue(x.Left); ok && workOrPrimary(x.Right) {
			return c, true
		}
		if c, ok := emailValue(x.Right); ok && workOrPrimary(x.Left) {
			return c, true
		}
	}
	return store.SCIMCond{}, false
}

func userCond(p filter.AttributePath, x *filter.AttributeExpression) (store.SCIMCond, error) {
	v, ok := x.CompareValue.(string)
	if x.Operator != filter.EQ || !ok {
		return store.SCIMCond{}, invalid("invalidFilter", "only eq with a string is supported")
	}
	name, sub := strings.ToLower(p.AttributeName), strings.ToLower(p.SubAttributeName())
	switch {
	case name == "username" && sub == "":
		return store.SCIMCond{Attr: "userName", Value: v}, nil
	case name == "externalid" && sub == "":
		return store.SCIMCond{Attr: "externalId", Value: v}, nil
	case name == "emails" && (sub == "" || sub == "value"):
		return store.SCIMCond{Attr: "email", Value: v}, nil
	}
	return store.SCIMCond{}, invalid("invalidFilter", fmt.Sprintf("cannot filter on %s", p.String()))
}
