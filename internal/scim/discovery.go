package scim

import (
	"net/http"
	"strings"
)

// The discovery endpoints (RFC 7644 section 4): what this service provider
// supports, so a client such as Okta can configure itself.

func serviceProviderConfig(location string) map[string]any {
	return map[string]any{
		"schemas":        []string{"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"},
		"patch":          map[string]any{"supported": true},
		"bulk":           map[string]any{"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
		"filter":         map[string]any{"supported": true, "maxResults": maxResults},
		"changePassword": map[string]any{"supported": false},
		"sort":           map[string]any{"supported": false},
		"etag":           map[string]any{"supported": false},
		"authenticationSchemes": []map[string]any{{
			"type": "oauthbearertoken", "name": "OAuth Bearer Token", "primary": true,
			"description": "A provisioning token of the organisation, made by a beheerder under Beheer > Provisioning (SCIM).",
		}},
		"meta": map[string]any{"resourceType": "ServiceProviderConfig", "location": location},
	}
}

func (s *Server) resourceTypes(q *request, id string) error {
	types := []map[string]any{
		{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}, "id": "User", "name": "User",
			"endpoint": "/Users", "description": "A member of the organisation", "schema": UserSchema,
			"meta": map[string]any{"resourceType": "ResourceType", "location": s.location("ResourceTypes", "User")}},
		{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}, "id": "Group", "name": "Group",
			"endpoint": "/Groups", "description": "A role of the organisation", "schema": GroupSchema,
			"meta": map[string]any{"resourceType": "ResourceType", "location": s.location("ResourceTypes", "Group")}},
	}
	return s.discovery(q, id, types)
}

// attr describes one attribute in a schema.
func attr(name, typ string, required bool, mutability, uniqueness string, sub ...map[string]any) map[string]any {
	a := map[string]any{"name": name, "type": typ, "multiValued": false, "required": required, "caseExact": false,
		"mutability": mutability, "returned": "default", "uniqueness": uniqueness}
	if len(sub) > 0 {
		a["subAttributes"] = sub
	}
	return a
}

func multi(a map[string]any) map[string]any { a["multiValued"] = true; return a }

func (s *Server) schemas(q *request, id string) error {
	rw, ro := "readWrite", "readOnly"
	ref := func() []map[string]any {
		return []map[string]any{attr("value", "string", false, "immutable", "none"), attr("display", "string", false, ro, "none"),
			attr("$ref", "reference", false, "immutable", "none")}
	}
	user := map[string]any{
		"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Schema"},
		"id":      UserSchema, "name": "User", "description": "A member of the organisation",
		"attributes": []map[string]any{
			attr("userName", "string", true, rw, "server"),
			attr("name", "complex", false, rw, "none",
				attr("formatted", "string", false, rw, "none"), attr("givenName", "string", false, rw, "none"),
				attr("familyName", "string", false, rw, "none")),
			attr("displayName", "string", false, rw, "none"),
			multi(attr("emails", "complex", true, rw, "none",
				attr("value", "string", true, rw, "server"), attr("type", "string", false, rw, "none"),
				attr("primary", "boolean", false, rw, "none"))),
			attr("active", "boolean", false, rw, "none"),
			multi(attr("groups", "complex", false, ro, "none", ref()...)),
		},
		"meta": map[string]any{"resourceType": "Schema", "location": s.location("Schemas", UserSchema)},
	}
	group := map[string]any{
		"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Schema"},
		"id":      GroupSchema, "name": "Group", "description": "A role of the organisation",
		"attributes": []map[string]any{
			attr("displayName", "string", true, "immutable", "server"),
			multi(attr("members", "complex", false, rw, "none", ref()...)),
		},
		"meta": map[string]any{"resourceType": "Schema", "location": s.location("Schemas", GroupSchema)},
	}
	return s.discovery(q, id, []map[string]any{user, group})
}

// discovery answers the list, or the one item with id.
func (s *Server) discovery(q *request, id string, items []map[string]any) error {
	if id == "" {
		out := make([]any, len(items))
		for i, it := range items {
			out[i] = it
		}
		return s.write(q, http.StatusOK, listResponse(len(out), 0, out))
	}
	for _, it := range items {
		if strings.EqualFold(it["id"].(string), id) {
			return s.write(q, http.StatusOK, it)
		}
	}
	return notFound("not found")
}
