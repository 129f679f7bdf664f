package store_test

import (
	"context"
	"strings"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/sso"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestSSOSecretSealedAtRest: the client secret is stored encrypted and
// bound to its organisation, like the TOTP secrets; an empty secret on
// save keeps the stored one.
func TestSSOSecretSealedAtRest(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	a, b := newOrg(t, s, "ssoa"), newOrg(t, s, "ssob")
	const secret = "client-secret-of-a"
	p := &sso.Provider{Issuer: "https://login.example.nl", ClientID: "a", ClientSecret: secret, Domains: []string{"a.nl"}}
	q := &sso.Provider{Issuer: "https://login.example.nl", ClientID: "b", ClientSecret: "other", Domains: []string{"b.nl"}}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetSSOProvider(ctx, a.ID, p); err != nil {
			return err
		}
		return tx.SetSSOProvider(ctx, b.ID, q)
	}); err != nil {
		t.Fatal(err)
	}
	raw, err := s.RawString(ctx, "SELECT client_secret FROM sso_providers WHERE org_id = ?", a.ID)
	if err != nil || strings.Contains(raw, secret) || !strings.HasPrefix(raw, "v1:") {
		t.Fatalf("stored: %q %v, want sealed", raw, err)
	}
	p2 := &sso.Provider{Issuer: p.Issuer, ClientID: "a2", Domains: []string{"a.nl"}, DefaultRole: org.Reader}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.SetSSOProvider(ctx, a.ID, p2) }); err != nil {
		t.Fatal(err)
	}
	if got, err := s.SSOProvider(ctx, a.ID); err != nil || got.ClientSecret != secret || got.ClientID != "a2" {
		t.Fatalf("read back: %+v %v", got, err)
	}
	raw, _ = s.RawString(ctx, "SELECT client_secret FROM sso_providers WHERE org_id = ?", a.ID)
	if err := s.RawExec(ctx, "UPDATE sso_providers SET client_secret = ? WHERE org_id = ?", raw, b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SSOProvider(ctx, b.ID); err == nil {
		t.Error("a sealed secret copied to another organisation's row opens")
	}
}
