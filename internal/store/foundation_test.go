package store_test

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

func newOrg(t *testing.T, s *store.Store, short string) *org.Organisation {
	t.Helper()
	o := &org.Organisation{Name: "Org " + short, Short: short}
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateOrg(context.Background(), o) }); err != nil {
		t.Fatal(err)
	}
	return o
}

func addUser(t *testing.T, s *store.Store, orgID int64, email string, role org.Role) *auth.User {
	t.Helper()
	u := &auth.User{Email: email, PasswordHash: "x"}
	if err := s.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.AddMember(context.Background(), orgID, u, role)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestOrgShortNameUnique(t *testing.T) {
	s := testutil.NewStore(t)
	newOrg(t, s, "demo")
	o := &org.Organisation{Name: "Other", Short: "demo"}
	err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateOrg(context.Background(), o) })
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("duplicate short name: want invalid, got %v", err)
	}
}

func TestMembershipsAreScopedToOrganisation(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	a, b := newOrg(t, s, "aaa"), newOrg(t, s, "bbb")
	ua := addUser(t, s, a.ID, "a@example.org", org.Admin)
	addUser(t, s, b.ID, "b@example.org", org.Admin)
	if _, err := s.Member(ctx, b.ID, ua.ID); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("user of A looked up in B: want not found, got %v", err)
	}
	ms, err := s.Members(ctx, a.ID)
	if err != nil || len(ms) != 1 || ms[0].Email != "a@example.org" {
		t.Fatalf("members of A = %+v, %v", ms, err)
	}
	// One person in two organisations with different roles.
	same := &auth.User{Email: "a@example.org"}
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.AddMember(ctx, b.ID, same, org.Reader); return err }); err != nil {
		t.Fatal(err)
	}
	mine, _ := s.Memberships(ctx, ua.ID)
	if len(mine) != 2 || mine[0].Role == mine[1].Role {
		t.Fatalf("memberships = %+v", mine)
	}
}

func TestLastAdminCannotBeRemoved(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "demo")
	u := addUser(t, s, o.ID, "admin@example.org", org.Admin)
	err := s.InTx(ctx, func(tx *store.Tx) error { return tx.SetRole(ctx, o.ID, u.ID, org.Reader) })
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("demoting last admin: want invalid, got %v", err)
	}
	err = s.InTx(ctx, func(tx *store.Tx) error { return tx.RemoveMember(ctx, o.ID, u.ID) })
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("removing last admin: want invalid, got %v", err)
	}
}

func TestAuditTrailChainsAndDetectsTampering(t *testing.T) {
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "test"})
	s := testutil.NewStore(t)
	o := newOrg(t, s, "demo")
	u := addUser(t, s, o.ID, "admin@example.org", org.Admin)
	addUser(t, s, o.ID, "po@example.org", org.PrivacyOfficer)
	o.DPOName = "F. G. Functionaris"
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateOrg(ctx, o) }); err != nil {
		t.Fatal(err)
	}
	n, problems, err := s.VerifyAudit(ctx, o.ID)
	if err != nil || len(problems) != 0 {
		t.Fatalf("intact trail: %v %+v", err, problems)
	}
	// org create, user+membership x2, org update
	if n != 6 {
		t.Fatalf("trail rows = %d, want 6", n)
	}
	entries, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "organisation"})
	if len(entries) != 2 || entries[0].Changes["dpo_name"].After != "F. G. Functionaris" || entries[0].Actor != "test" {
		t.Fatalf("organisation entries = %+v", entries)
	}
	_ = u
	if err := testutil.TamperAudit(s, o.ID, 3); err != nil {
		t.Fatal(err)
	}
	if _, problems, _ := s.VerifyAudit(ctx, o.ID); len(problems) == 0 {
		t.Fatal("altered row not detected")
	}
}

func TestSessionsTimeOut(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	o := newOrg(t, s, "demo")
	u := addUser(t, s, o.ID, "a@example.org", org.Admin)
	tok, err := s.CreateSession(ctx, u.ID, true, 12*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.TouchSession(ctx, tok, 30*time.Minute); err != nil {
		t.Fatalf("fresh session: %v", err)
	}
	clock.Add(29 * time.Minute)
	if _, err := s.TouchSession(ctx, tok, 30*time.Minute); err != nil {
		t.Fatalf("active within idle window: %v", err)
	}
	clock.Add(31 * time.Minute)
	if _, err := s.TouchSession(ctx, tok, 30*time.Minute); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("idle session: want unauthorized, got %v", err)
	}
	// Absolute time-out even when active.
	tok, _ = s.CreateSession(ctx, u.ID, true, time.Hour)
	for i := 0; i < 3; i++ {
		clock.Add(25 * time.Minute)
		_, err = s.TouchSession(ctx, tok, 30*time.Minute)
	}
	if !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("session past absolute time-out: want unauthorized, got %v", err)
	}
}

func TestAPITokenScopedAndRevocable(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	a, b := newOrg(t, s, "aaa"), newOrg(t, s, "bbb")
	u := addUser(t, s, a.ID, "a@example.org", org.PrivacyOfficer)
	addUser(t, s, a.ID, "admin@example.org", org.Admin)
	var tok string
	var rec *store.APIToken
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) { tok, rec, err = tx.CreateToken(ctx, a.ID, u.ID, "script"); return }); err != nil {
		t.Fatal(err)
	}
	ta, err := s.AuthenticateToken(ctx, tok)
	if err != nil || ta.OrgID != a.ID || ta.Role != org.PrivacyOfficer {
		t.Fatalf("token auth = %+v, %v", ta, err)
	}
	// A user cannot mint a token for an organisation they are not in.
	err = s.InTx(ctx, func(tx *store.Tx) error { _, _, err := tx.CreateToken(ctx, b.ID, u.ID, "x"); return err })
	if !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("token for foreign org: want not found, got %v", err)
	}
	// Revoking through another organisation's id fails.
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.RevokeToken(ctx, b.ID, u.ID, rec.ID) }); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("revoke via foreign org: want not found, got %v", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.RevokeToken(ctx, a.ID, u.ID, rec.ID) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuthenticateToken(ctx, tok); !apperr.Is(err, apperr.Unauthorized) {
		t.Fatalf("revoked token: want unauthorized, got %v", err)
	}
}
