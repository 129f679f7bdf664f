package e2e

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"privacyregister/internal/testutil"
	"privacyregister/internal/testutil/oidcop"
)

// TestJourneySignInWithSSO: the beheerder has set up the library's OpenID
// Connect provider with the command line (creating users at their first
// sign-in, as privacy officer); a new colleague asks for single sign-on
// by e-mail address on the sign-in page, follows "Inloggen met
// Bibliotheek Lek & IJssel" to the provider (zitadel's OP, started by this
// test), and lands on the dashboard without a password of her own.
func TestJourneySignInWithSSO(t *testing.T) {
	if findChromium() == "" {
		testutil.SkipOrFail(t, "no Chromium found (apt-get install chromium)")
	}
	srv := startServer(t)
	op, err := oidcop.Start(oidcop.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(op.Close)
	op.AllowRedirect(srv.url+"/o/demo/sso/callback", srv.url+"/login")
	const email = "nieuwe.collega@demo.privacyregister.nl"
	op.AddUser(oidcop.User{Subject: "sub-nieuw", Email: email, EmailVerified: true, Name: "Nieuwe Collega"})
	op.SignInAs("sub-nieuw")

	args := append([]string{"sso", "set", "--org", "demo", "--issuer", op.Issuer, "--client-id", op.ClientID, "--client-secret-stdin",
		"--domains", "demo.privacyregister.nl", "--create-users", "--default-role", "privacyofficer"}, srv.db...)
	cmd := exec.Command(srv.bin, args...)
	cmd.Stdin = strings.NewReader(op.Secret + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sso set: %v\n%s", err, out)
	}

	ctx := browserWithin(t, 60*time.Second)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	do(t, ctx, "asking for single sign-on",
		chromedp.Navigate(srv.url+"/login"),
		chromedp.WaitVisible(css("#sso_email")),
		chromedp.SendKeys(css("#sso_email"), email),
		chromedp.Submit(css("#sso_email")),
		chromedp.WaitVisible(css(".sso-choice a")),
	)
	wantText(t, ctx, ".sso-choice a", "Bibliotheek Lek & IJssel") // "Inloggen met …" in the browser's language
	do(t, ctx, "signing in at the provider",
		chromedp.Click(css(".sso-choice a")),
		chromedp.WaitVisible(css("main .sub")),
	)
	wantText(t, ctx, "main h1", "Overzicht")
	wantText(t, ctx, "main .sub", "Bibliotheek Lek & IJssel")
}
