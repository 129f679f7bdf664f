package store_test

import (
	"context"
	"strings"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestTOTPSecretSealedAtRest: the TOTP secret is stored encrypted and
// bound to its user; the application reads it back, a copy moved to
// another user's row does not open, and a secret stored in the clear by an
// earlier version is still read.
func TestTOTPSecretSealedAtRest(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	o := newOrg(t, s, "totp")
	u := addUser(t, s, o.ID, "a@totp.example", org.PrivacyOfficer)
	v := addUser(t, s, o.ID, "b@totp.example", org.PrivacyOfficer)
	const secret = "JBSWY3DPEHPK3PXP"
	u.TOTPSecret, u.TOTPEnabled = secret, true
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, u) }); err != nil {
		t.Fatal(err)
	}
	raw, err := s.RawString(ctx, "SELECT totp_secret FROM users WHERE id = ?", u.ID)
	if err != nil || strings.Contains(raw, secret) || !strings.HasPrefix(raw, "v1:") {
		t.Fatalf("stored: %q %v, want sealed", raw, err)
	}
	got, err := s.User(ctx, u.ID)
	if err != nil || got.TOTPSecret != secret {
		t.Fatalf("read back: %q %v", got.TOTPSecret, err)
	}
	if err := s.RawExec(ctx, "UPDATE users SET totp_secret = ? WHERE id = ?", raw, v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.User(ctx, v.ID); err == nil {
		t.Error("a sealed secret copied to another user's row opens")
	}
	if err := s.RawExec(ctx, "UPDATE users SET totp_secret = ? WHERE id = ?", secret, v.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := s.User(ctx, v.ID); err != nil || got.TOTPSecret != secret {
		t.Errorf("a secret in the clear: %q %v", got.TOTPSecret, err)
	}
}
