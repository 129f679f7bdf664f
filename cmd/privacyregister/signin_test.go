package main

import (
	"context"
	"strings"
	"testing"

	"privacyregister/internal/store"
)

// TestResetPasswordEndsTokensAndFeeds: "user reset-password" said "signed
// out everywhere" while the user's API tokens and calendar feed address
// kept working. An administrator's reset ends them too.
func TestResetPasswordEndsTokensAndFeeds(t *testing.T) {
	c := newCLI(t)
	c.run("", "org", "add", "--name", "Bibliotheek Test", "--short", "bieb")
	c.run("", "user", "add", "--org", "bieb", "--email", "fg@bieb.nl", "--role", "privacyofficer")
	c.run("", "user", "add", "--org", "bieb", "--email", "other@bieb.nl", "--role", "lezer")
	_, tok, _ := c.run("", "token", "create", "--org", "bieb", "--user", "fg@bieb.nl")
	_, otherTok, _ := c.run("", "token", "create", "--org", "bieb", "--user", "other@bieb.nl")
	tok, otherTok = strings.TrimSpace(tok), strings.TrimSpace(otherTok)
	ctx := context.Background()
	st := c.openStore()
	u, err := st.UserByEmail(ctx, "fg@bieb.nl")
	if err != nil {
		t.Fatal(err)
	}
	var feed string
	if err := st.InTx(ctx, func(tx *store.Tx) (err error) { feed, err = tx.CreateCalendarFeed(ctx, u.ID); return }); err != nil {
		t.Fatal(err)
	}
	code, out, errs := c.run("", "user", "reset-password", "--email", "fg@bieb.nl")
	if code != 0 || !strings.Contains(out, "1 API tokens and 1 calendar feed addresses revoked") {
		t.Fatalf("reset-password: %d %s %s", code, out, errs)
	}
	if _, err := st.AuthenticateToken(ctx, tok); err == nil {
		t.Error("API token works after the reset")
	}
	if _, err := st.CalendarFeedUser(ctx, feed); err == nil {
		t.Error("calendar feed address works after the reset")
	}
	if _, err := st.AuthenticateToken(ctx, otherTok); err != nil {
		t.Errorf("another user's token was revoked: %v", err)
	}
	if code, out, _ := c.run("", "audit", "verify", "--org", "bieb"); code != 0 {
		t.Fatalf("audit verify after the reset: %s", out)
	}
}
