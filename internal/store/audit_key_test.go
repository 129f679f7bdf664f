package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// openAt opens the store of one test database (SQLite in dir, or the
// PostgreSQL database url) with the given installation key (nil: none).
func openAt(t *testing.T, url, dir string, key []byte) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), store.Options{URL: url, DataDir: dir, SecretKey: key})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAuditChainSurvivesOnlyWithTheKey: someone with write access to the
// database, but without the installation's secret key, alters a row and
// recomputes every hash after it and the head, as the plain SHA-256 chain
// of earlier versions allowed. "audit verify" must still see it.
func TestAuditChainSurvivesOnlyWithTheKey(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "keyed")
	addUser(t, s, o.ID, "fg@keyed.example", org.PrivacyOfficer)
	entries, err := s.AuditLog(ctx, o.ID, store.AuditFilter{})
	if err != nil || len(entries) < 3 {
		t.Fatalf("trail: %v %d rows", err, len(entries))
	}
	for _, e := range entries {
		if !audit.Keyed(e.Hash) {
			t.Fatalf("row %d has a plain hash %q: the trail is not keyed", e.Seq, e.Hash)
		}
	}
	// The forger rewrites row 2 and rechains from there with plain hashes.
	chain := entries
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i] // oldest first
	}
	chain[1].Actor = "someone else"
	prev := chain[0].Hash
	for i := 1; i < len(chain); i++ {
		chain[i].PrevHash = prev
		chain[i].Hash = audit.Key(nil).Hash(&chain[i])
		prev = chain[i].Hash
		if err := s.RawExec(ctx, "UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?", chain[i].Actor, chain[i].PrevHash, chain[i].Hash, chain[i].ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RawExec(ctx, "UPDATE audit_heads SET hash = ? WHERE org_id = ?", prev, o.ID); err != nil {
		t.Fatal(err)
	}
	_, problems, err := s.VerifyAudit(ctx, o.ID)
	if err != nil || len(problems) == 0 {
		t.Fatalf("a trail rechained without the key verified: %v", err)
	}
	if problems[0].Seq != chain[1].Seq {
		t.Errorf("first problem at row %d, want %d: %+v", problems[0].Seq, chain[1].Seq, problems)
	}
}

// TestPlainTrailSealedOnUpgrade: a trail written with plain hashes (by a
// version before keyed chains, here a store opened without a key) is
// checked and rechained with the key the first time the program opens the
// database with one; a broken plain trail is left for verify to report.
func TestPlainTrailSealedOnUpgrade(t *testing.T) {
	ctx := context.Background()
	url, dir := testutil.PostgresURL(t), t.TempDir()
	key := bytes.Repeat([]byte{0x42}, auth.KeySize)

	old := openAt(t, url, dir, nil)
	intact, broken := newOrg(t, old, "intact"), newOrg(t, old, "broken")
	addUser(t, old, intact.ID, "fg@intact.example", org.PrivacyOfficer)
	addUser(t, old, broken.ID, "fg@broken.example", org.PrivacyOfficer)
	if err := testutil.TamperAudit(old, broken.ID, 2); err != nil {
		t.Fatal(err)
	}
	old.Close()

	s := openAt(t, url, dir, key)
	defer s.Close()
	n, problems, err := s.VerifyAudit(ctx, intact.ID)
	if err != nil || len(problems) > 0 || n < 3 {
		t.Fatalf("sealed trail: %d rows, %v %+v", n, err, problems)
	}
	entries, _ := s.AuditLog(ctx, intact.ID, store.AuditFilter{})
	for _, e := range entries {
		if !audit.Keyed(e.Hash) {
			t.Fatalf("row %d of the intact trail was not sealed", e.Seq)
		}
	}
	_, problems, _ = s.VerifyAudit(ctx, broken.ID)
	if len(problems) == 0 || !strings.Contains(problems[0].Reason+problems[len(problems)-1].Reason, "key") {
		t.Errorf("the broken plain trail must stay reported, got %+v", problems)
	}
}
