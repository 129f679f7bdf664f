package scim_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

const deactivate = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":false}]}`
const reactivate = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":true}}]}`

// access is what a member can use: a browser session and an API token.
type access struct{ session, apiToken string }

func (e *env) access(o *org.Organisation, userID int64) access {
	e.t.Helper()
	sess, err := e.st.CreateSession(ctx, userID, true, time.Hour)
	if err != nil {
		e.t.Fatal(err)
	}
	var tok string
	e.tx(func(tx *store.Tx) (err error) { tok, _, err = tx.CreateToken(ctx, o.ID, userID, "script"); return })
	return access{sess, tok}
}

func (e *env) sessionLive(a access) bool {
	_, err := e.st.TouchSession(ctx, a.session, time.Hour)
	return err == nil
}

func (e *env) tokenLive(a access) bool {
	_, err := e.st.AuthenticateToken(ctx, a.apiToken)
	return err == nil
}

// TestDeactivationEndsAccess: active false ends the member's sessions and
// API tokens at once and blocks sign-in; active true restores access but
// not the revoked tokens.
func TestDeactivationEndsAccess(t *testing.T) {
	e := newEnv(t)
	u := e.member(e.org, "docent@scholen.example", org.Reader)
	a := e.access(e.org, u.ID)
	path := "/scim/v2/Users/" + strconv.FormatInt(u.ID, 10)

	if status, body := e.do(e.token, "PATCH", path, deactivate); status != http.StatusOK || body["active"] != false {
		t.Fatalf("deactivate: %d %v", status, body)
	}
	if e.sessionLive(a) {
		t.Error("the session survived deactivation")
	}
	if e.tokenLive(a) {
		t.Error("the API token survived deactivation")
	}
	if blocked, _ := e.st.SignInBlocked(ctx, u.ID); !blocked {
		t.Error("a deactivated member may still sign in")
	}
	if ms, _ := e.st.Memberships(ctx, u.ID); len(ms) != 0 {
		t.Errorf("a deactivated membership still gives access: %v", ms)
	}
	if m, _ := e.st.Member(ctx, e.org.ID, u.ID); m == nil || !m.Deactivated || !m.Disabled {
		t.Errorf("member after deactivation: %+v", m)
	}
	// A token made while deactivated cannot be made at all.
	if err := e.st.InTx(ctx, func(tx *store.Tx) error { _, _, err := tx.CreateToken(ctx, e.org.ID, u.ID, "x"); return err }); err == nil {
		t.Error("a deactivated member got a new API token")
	}

	if status, body := e.do(e.token, "PATCH", path, reactivate); status != http.StatusOK || body["active"] != true {
		t.Fatalf("reactivate: %d %v", status, body)
	}
	if blocked, _ := e.st.SignInBlocked(ctx, u.ID); blocked {
		t.Error("a reactivated member may not sign in")
	}
	if ms, _ := e.st.Memberships(ctx, u.ID); len(ms) != 1 {
		t.Errorf("reactivated membership gives no access: %v", ms)
	}
	if e.tokenLive(a) {
		t.Error("reactivation brought a revoked API token back")
	}
}

// TestDeleteEndsAccess: DELETE removes the membership, its tokens and the
// sessions of a person with no other organisation; the account remains.
func TestDeleteEndsAccess(t *testing.T) {
	e := newEnv(t)
	u := e.member(e.org, "stagiair@scholen.example", org.Employee)
	a := e.access(e.org, u.ID)
	if status, _ := e.do(e.token, "DELETE", "/scim/v2/Users/"+strconv.FormatInt(u.ID, 10), ""); status != http.StatusNoContent {
		t.Fatalf("delete: %d", status)
	}
	if e.sessionLive(a) || e.tokenLive(a) {
		t.Errorf("after delete: session live %v, token live %v", e.sessionLive(a), e.tokenLive(a))
	}
	if _, err := e.st.Member(ctx, e.org.ID, u.ID); err == nil {
		t.Error("the membership survived delete")
	}
	if _, err := e.st.User(ctx, u.ID); err != nil {
		t.Errorf("the account went too: %v", err)
	}
}

// TestDeactivationIsPerOrganisation: a consultant in two organisations
// deactivated by A's provider keeps B: B's token and the session still
// work, A's token does not, and A no longer appears among the
// organisations the session reaches.
func TestDeactivationIsPerOrganisation(t *testing.T) {
	e := newEnv(t)
	b := e.newOrg("bibliotheek")
	u := e.member(e.org, "adviseur@dienstencentrum.example", org.PrivacyOfficer)
	if err := e.st.InTx(ctx, func(tx *store.Tx) error { _, err := tx.AddMember(ctx, b.ID, u, org.PrivacyOfficer); return err }); err != nil {
		t.Fatal(err)
	}
	inA, inB := e.access(e.org, u.ID), e.access(b, u.ID)
	path := "/scim/v2/Users/" + strconv.FormatInt(u.ID, 10)
	if status, _ := e.do(e.token, "PATCH", path, deactivate); status != http.StatusOK {
		t.Fatalf("deactivate: %d", status)
	}
	if e.tokenLive(inA) {
		t.Error("A's API token survived A's deactivation")
	}
	if !e.tokenLive(inB) {
		t.Error("B's API token ended with A's deactivation")
	}
	if !e.sessionLive(inB) {
		t.Error("the session ended although B keeps the member active")
	}
	if blocked, _ := e.st.SignInBlocked(ctx, u.ID); blocked {
		t.Error("sign-in blocked although B keeps the member active")
	}
	ms, _ := e.st.Memberships(ctx, u.ID)
	if len(ms) != 1 || ms[0].OrgID != b.ID {
		t.Errorf("memberships after A's deactivation: %+v", ms)
	}
	// A's provider may not rename the person B also relies on.
	rename := `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"hijacked@scholen.example"}]}`
	if status, body := e.do(e.token, "PATCH", path, rename); status != http.StatusBadRequest {
		t.Errorf("changing a shared person's address: %d %v", status, body)
	}
	if got, _ := e.st.User(ctx, u.ID); got.Email != "adviseur@dienstencentrum.example" {
		t.Errorf("address changed to %s", got.Email)
	}
	// Deleting from A leaves B alone too.
	if status, _ := e.do(e.token, "DELETE", path, ""); status != http.StatusNoContent {
		t.Fatalf("delete: %d", status)
	}
	if !e.tokenLive(inB) || !e.sessionLive(inB) {
		t.Error("delete by A ended access to B")
	}
}

// TestLastBeheerder: the provider cannot deactivate, remove or demote the
// organisation's last active beheerder, or nobody could manage it.
func TestLastBeheerder(t *testing.T) {
	e := newEnv(t)
	admin, err := e.st.UserByEmail(ctx, "admin@scholen.example")
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(admin.ID, 10)
	for _, c := range []struct{ method, path, body string }{
		{"PATCH", "/scim/v2/Users/" + id, deactivate},
		{"DELETE", "/scim/v2/Users/" + id, ""},
		{"PATCH", "/scim/v2/Groups/beheerder", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"` + id + `"}]}]}`},
		{"DELETE", "/scim/v2/Groups/beheerder", ""},
	} {
		if status, body := e.do(e.token, c.method, c.path, c.body); status != http.StatusBadRequest || body["scimType"] != "invalidValue" {
			t.Errorf("%s %s: %d %v, want 400 invalidValue", c.method, c.path, status, body)
		}
	}
	if m, _ := e.st.Member(ctx, e.org.ID, admin.ID); m == nil || m.Role != org.Admin || m.Deactivated {
		t.Errorf("last beheerder after the attempts: %+v", m)
	}
}
