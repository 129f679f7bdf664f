package scim_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/scim"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

var ctx = context.Background()

// env is one organisation with a provisioning token, served by the real
// handler.
type env struct {
	t     *testing.T
	st    *store.Store
	h     http.Handler
	org   *org.Organisation
	token string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st := testutil.NewStore(t)
	e := &env{t: t, st: st, h: scim.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), "https://pr.example")}
	e.org = e.newOrg("scholen")
	e.token = e.newToken(e.org)
	return e
}

func (e *env) newOrg(short string) *org.Organisation {
	e.t.Helper()
	o := &org.Organisation{Name: "Org " + short, Short: short}
	e.tx(func(tx *store.Tx) error { return tx.CreateOrg(ctx, o) })
	// Every organisation has a beheerder who is not provisioned.
	e.member(o, "admin@"+short+".example", org.Admin)
	return o
}

func (e *env) newToken(o *org.Organisation) string {
	e.t.Helper()
	var tok string
	e.tx(func(tx *store.Tx) (err error) { tok, _, err = tx.CreateSCIMToken(ctx, o.ID, "Entra ID"); return })
	return tok
}

func (e *env) member(o *org.Organisation, email string, role org.Role) *auth.User {
	e.t.Helper()
	u := &auth.User{Email: email, PasswordHash: "x"}
	e.tx(func(tx *store.Tx) error { _, err := tx.AddMember(ctx, o.ID, u, role); return err })
	return u
}

func (e *env) tx(f func(tx *store.Tx) error) {
	e.t.Helper()
	if err := e.st.InTx(ctx, f); err != nil {
		e.t.Fatal(err)
	}
}

// do sends a request with token and returns the status and the decoded
// body (nil when empty).
func (e *env) do(token, method, path, body string) (int, map[string]any) {
	e.t.Helper()
	req := httptest.NewRequest(method, "https://pr.example"+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/scim+json")
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	var out map[string]any
	if rec.Body.Len() > 0 {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			e.t.Fatalf("%s %s: answer is not JSON: %s", method, path, rec.Body)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/scim+json" {
			e.t.Errorf("%s %s: Content-Type %q", method, path, ct)
		}
	}
	return rec.Code, out
}

// get walks a dotted path through decoded JSON: "emails.0.value".
func get(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i := 0
			for _, c := range k {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// step is one request of a provisioning conversation; {id} is the User
// id the create step answered.
type step struct {
	name   string
	method string
	path   string
	body   string
	status int
	want   map[string]any // dotted path: value in the answer
}

// The requests below follow the shapes Microsoft documents for its
// provisioning service ("Tutorial: Develop and plan provisioning for a SCIM
// endpoint", its User and Group operations, and "Known issues and
// resolutions with SCIM 2.0 protocol compliance"): the query by userName
// before a create, the create with the core and enterprise schemas, PATCH
// with capitalised ops and paths such as emails[type eq "work"].value, the
// pre-2020 boolean as the string "False", a PATCH without path, group
// queries with excludedAttributes=members, member add and remove, and
// delete. The values are this test's own.
var entraConversation = []step{
	{name: "query before create finds nothing", method: "GET",
		path:   `/scim/v2/Users?filter=userName+eq+%22Test_User_7c1d2b%22`,
		status: 200, want: map[string]any{"totalResults": 0.0, "startIndex": 1.0, "schemas.0": scim.ListSchema}},
	{name: "create user", method: "POST", path: "/scim/v2/Users", body: `{
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
		"externalId": "3f6c5a2e-90b1-4c0e-a1d4-6b2f0e9d8c71",
		"userName": "Test_User_7c1d2b",
		"active": true,
		"emails": [{"primary": true, "type": "work", "value": "Test_User_7c1d2b@scholen.example"}],
		"meta": {"resourceType": "User"},
		"name": {"formatted": "Anna de Vries", "familyName": "de Vries", "givenName": "Anna"},
		"roles": [],
		"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Onderwijs"}}`,
		status: 201, want: map[string]any{"userName": "Test_User_7c1d2b", "externalId": "3f6c5a2e-90b1-4c0e-a1d4-6b2f0e9d8c71",
			"active": true, "emails.0.value": "test_user_7c1d2b@scholen.example", "name.givenName": "Anna",
			"name.familyName": "de Vries", "displayName": "Anna de Vries", "groups.0.value": "medewerker",
			"meta.resourceType": "User", "schemas.0": scim.UserSchema}},
	{name: "create the same user again", method: "POST", path: "/scim/v2/Users",
		body:   `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"Test_User_7c1d2b","emails":[{"primary":true,"type":"work","value":"other@scholen.example"}]}`,
		status: 409, want: map[string]any{"scimType": "uniqueness", "status": "409", "schemas.0": scim.ErrorSchema}},
	{name: "get user", method: "GET", path: "/scim/v2/Users/{id}",
		status: 200, want: map[string]any{"id": "{id}", "userName": "Test_User_7c1d2b", "meta.location": "https://pr.example/scim/v2/Users/{id}"}},
	{name: "get user by query", method: "GET", path: `/scim/v2/Users?filter=userName%20eq%20%22test_user_7C1D2B%22`,
		status: 200, want: map[string]any{"totalResults": 1.0, "itemsPerPage": 1.0, "Resources.0.id": "{id}"}},
	{name: "get user by externalId", method: "GET", path: `/scim/v2/Users?filter=externalId+eq+%223f6c5a2e-90b1-4c0e-a1d4-6b2f0e9d8c71%22`,
		status: 200, want: map[string]any{"totalResults": 1.0, "Resources.0.id": "{id}"}},
	{name: "get user by work e-mail", method: "GET",
		path:   `/scim/v2/Users?filter=emails%5Btype+eq+%22work%22%5D.value+eq+%22Test_User_7c1d2b@scholen.example%22`,
		status: 200, want: map[string]any{"totalResults": 1.0, "Resources.0.id": "{id}"}},
	{name: "get user by userName and e-mail", method: "GET",
		path:   `/scim/v2/Users?filter=userName+eq+%22Test_User_7c1d2b%22+and+emails.value+eq+%22nobody@scholen.example%22`,
		status: 200, want: map[string]any{"totalResults": 0.0}},
	{name: "or is not supported", method: "GET",
		path:   `/scim/v2/Users?filter=userName+eq+%22a%22+or+userName+eq+%22b%22`,
		status: 400, want: map[string]any{"scimType": "invalidFilter"}},
	{name: "malformed filter", method: "GET", path: `/scim/v2/Users?filter=userName+equals+%22x%22`,
		status: 400, want: map[string]any{"scimType": "invalidFilter", "status": "400"}},
	{name: "unsupported operator", method: "GET", path: `/scim/v2/Users?filter=userName+sw+%22Test%22`,
		status: 400, want: map[string]any{"scimType": "invalidFilter"}},
	{name: "update multiple attributes", method: "PATCH", path: "/scim/v2/Users/{id}", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [
			{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "anna.devries@scholen.example"},
			{"op": "Replace", "path": "name.familyName", "value": "Jansen"}]}`,
		status: 200, want: map[string]any{"emails.0.value": "anna.devries@scholen.example", "name.familyName": "Jansen",
			"displayName": "Anna Jansen"}},
	{name: "update single attribute", method: "PATCH", path: "/scim/v2/Users/{id}", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Replace", "path": "userName", "value": "anna.devries@scholen.example"}]}`,
		status: 200, want: map[string]any{"userName": "anna.devries@scholen.example"}},
	{name: "patch without path", method: "PATCH", path: "/scim/v2/Users/{id}", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "value": {"name.givenName": "Annet", "externalId": "ext-2", "title": "Docent",
			"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Bestuur"}}]}`,
		status: 200, want: map[string]any{"name.givenName": "Annet", "externalId": "ext-2", "displayName": "Annet Jansen"}},
	{name: "disable user (boolean as string, before the 2020 fix)", method: "PATCH", path: "/scim/v2/Users/{id}", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Replace", "path": "active", "value": "False"}]}`,
		status: 200, want: map[string]any{"active": false}},
	{name: "a deactivated member is still listed", method: "GET", path: `/scim/v2/Users?filter=userName+eq+%22anna.devries@scholen.example%22`,
		status: 200, want: map[string]any{"totalResults": 1.0, "Resources.0.active": false}},
	{name: "enable user", method: "PATCH", path: "/scim/v2/Users/{id}", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "active", "value": true}]}`,
		status: 200, want: map[string]any{"active": true}},
	{name: "unknown path", method: "PATCH", path: "/scim/v2/Users/{id}", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Replace", "path": "shoeSize", "value": "42"}]}`,
		status: 400, want: map[string]any{"scimType": "invalidPath"}},
	{name: "unknown op", method: "PATCH", path: "/scim/v2/Users/{id}", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Merge", "path": "active", "value": true}]}`,
		status: 400, want: map[string]any{"scimType": "invalidValue"}},
	{name: "not an e-mail address", method: "PATCH", path: "/scim/v2/Users/{id}", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "not an address"}]}`,
		status: 400, want: map[string]any{"scimType": "invalidValue", "detail": "emails: is not an e-mail address"}},
	{name: "get group by displayName", method: "GET",
		path:   `/scim/v2/Groups?excludedAttributes=members&filter=displayName+eq+%22privacyofficer%22`,
		status: 200, want: map[string]any{"totalResults": 1.0, "Resources.0.id": "privacyofficer", "Resources.0.members": nil}},
	{name: "unknown group name finds nothing", method: "GET", path: `/scim/v2/Groups?filter=displayName+eq+%22Marketing%22`,
		status: 200, want: map[string]any{"totalResults": 0.0}},
	{name: "create group that is no role", method: "POST", path: "/scim/v2/Groups", body: `{
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
		"externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", "displayName": "Marketing", "meta": {"resourceType": "Group"}}`,
		status: 400, want: map[string]any{"scimType": "invalidValue"}},
	{name: "create group named after a role", method: "POST", path: "/scim/v2/Groups", body: `{
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "externalId": "e1", "displayName": "Privacy officer"}`,
		status: 409, want: map[string]any{"scimType": "uniqueness"}},
	{name: "add member", method: "PATCH", path: "/scim/v2/Groups/privacyofficer", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Add", "path": "members", "value": [{"$ref": null, "value": "{id}"}]}]}`,
		status: 204},
	{name: "the member has the role", method: "GET", path: "/scim/v2/Users/{id}",
		status: 200, want: map[string]any{"groups.0.value": "privacyofficer"}},
	{name: "the group lists the member", method: "GET", path: "/scim/v2/Groups/privacyofficer",
		status: 200, want: map[string]any{"members.0.value": "{id}", "displayName": "privacyofficer"}},
	{name: "rename group", method: "PATCH", path: "/scim/v2/Groups/privacyofficer", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Replace", "path": "displayName", "value": "Privacy team"}]}`,
		status: 400, want: map[string]any{"scimType": "mutability"}},
	{name: "add a member that does not exist", method: "PATCH", path: "/scim/v2/Groups/lezer", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Add", "path": "members", "value": [{"value": "987654"}]}]}`,
		status: 400, want: map[string]any{"scimType": "invalidValue"}},
	{name: "remove member", method: "PATCH", path: "/scim/v2/Groups/privacyofficer", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Remove", "path": "members", "value": [{"$ref": null, "value": "{id}"}]}]}`,
		status: 204},
	{name: "out of the group, the member has the default role", method: "GET", path: "/scim/v2/Users/{id}",
		status: 200, want: map[string]any{"groups.0.value": "medewerker"}},
	{name: "add and remove by filter (after the 2020 fix)", method: "PATCH", path: "/scim/v2/Groups/lezer", body: `{
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "add", "path": "members", "value": [{"value": "{id}"}]},
			{"op": "remove", "path": "members[value eq \"{id}\"]"}]}`,
		status: 204},
	{name: "replace the user (PUT, as Okta does)", method: "PUT", path: "/scim/v2/Users/{id}", body: `{
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "anna.devries@scholen.example",
		"name": {"givenName": "Anna", "familyName": "Jansen"}, "emails": [{"value": "anna.devries@scholen.example", "primary": true}]}`,
		status: 200, want: map[string]any{"displayName": "Anna Jansen", "externalId": nil, "active": true}},
	{name: "delete user", method: "DELETE", path: "/scim/v2/Users/{id}", status: 204},
	{name: "deleted user is gone", method: "GET", path: "/scim/v2/Users/{id}", status: 404,
		want: map[string]any{"status": "404", "schemas.0": scim.ErrorSchema}},
	{name: "delete again", method: "DELETE", path: "/scim/v2/Users/{id}", status: 404},
	{name: "malformed id", method: "GET", path: "/scim/v2/Users/abc", status: 404},
	{name: "not JSON", method: "POST", path: "/scim/v2/Users", body: `{"userName":`, status: 400,
		want: map[string]any{"scimType": "invalidSyntax"}},
	{name: "userName missing", method: "POST", path: "/scim/v2/Users", body: `{"emails":[{"value":"x@scholen.example"}]}`,
		status: 400, want: map[string]any{"scimType": "invalidValue"}},
	{name: "service provider configuration", method: "GET", path: "/scim/v2/ServiceProviderConfig",
		status: 200, want: map[string]any{"patch.supported": true, "filter.supported": true, "bulk.supported": false,
			"authenticationSchemes.0.type": "oauthbearertoken"}},
	{name: "resource types", method: "GET", path: "/scim/v2/ResourceTypes",
		status: 200, want: map[string]any{"totalResults": 2.0, "Resources.0.endpoint": "/Users", "Resources.1.schema": scim.GroupSchema}},
	{name: "schemas", method: "GET", path: "/scim/v2/Schemas/" + scim.UserSchema,
		status: 200, want: map[string]any{"name": "User", "attributes.0.name": "userName"}},
	{name: "lower-case endpoint", method: "GET", path: "/scim/v2/serviceproviderconfig", status: 200},
	{name: "unknown endpoint", method: "GET", path: "/scim/v2/Bulk", status: 404},
}

// TestEntraIDConversation runs the requests Entra ID sends, in its order,
// through the real handler.
func TestEntraIDConversation(t *testing.T) {
	e := newEnv(t)
	id := ""
	for _, s := range entraConversation {
		fill := func(x string) string { return strings.ReplaceAll(x, "{id}", id) }
		status, body := e.do(e.token, s.method, fill(s.path), fill(s.body))
		if status != s.status {
			t.Errorf("%s: status %d, want %d (%v)", s.name, status, s.status, body)
			continue
		}
		if s.name == "create user" {
			id, _ = body["id"].(string)
		}
		for k, want := range s.want {
			if w, ok := want.(string); ok {
				want = fill(w)
			}
			if got := get(body, k); got != want {
				t.Errorf("%s: %s = %#v, want %#v", s.name, k, got, want)
			}
		}
	}
	// Every change was audited with SCIM as the actor.
	trail, err := e.st.AuditLog(ctx, e.org.ID, store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, r := range trail {
		if r.Actor == "SCIM" {
			seen[r.Entity+" "+r.Action]++
		}
	}
	for _, k := range []string{"user create", "membership create", "membership update", "membership delete"} {
		if seen[k] == 0 {
			t.Errorf("no audit row %q by SCIM (have %v)", k, seen)
		}
	}
}

// TestAuthentication: no token, a wrong one and a revoked one are 401 in
// the error schema.
func TestAuthentication(t *testing.T) {
	e := newEnv(t)
	revoked := e.newToken(e.org)
	toks, _ := e.st.SCIMTokens(ctx, e.org.ID)
	e.tx(func(tx *store.Tx) error { return tx.RevokeSCIMToken(ctx, e.org.ID, toks[0].ID) })
	for name, tok := range map[string]string{"none": "", "wrong": "scim_wrong", "revoked": revoked} {
		status, body := e.do(tok, "GET", "/scim/v2/Users", "")
		if status != http.StatusUnauthorized || get(body, "schemas.0") != scim.ErrorSchema {
			t.Errorf("%s token: status %d, body %v", name, status, body)
		}
	}
	if status, _ := e.do(e.token, "GET", "/scim/v2/Users", ""); status != http.StatusOK {
		t.Errorf("live token: status %d", status)
	}
}
