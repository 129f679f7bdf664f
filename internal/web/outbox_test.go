package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/api"
	"privacyregister/internal/mail/mailtest"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
	"privacyregister/internal/web"
)

// mailIsoFixture queues a message in B's outbox.
func mailIsoFixture(a *testApp, b *org.Organisation, _ int64) map[string]int64 {
	ctx := context.Background()
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		return tx.QueueMail(ctx, b.ID, store.OutMail{Kind: store.MailDigest, To: []string{"secret-person@b.example"}, Subject: "Organisatie org-b", Body: "x\n"})
	}); err != nil {
		a.t.Fatal(err)
	}
	mails, err := a.st.OutboxMails(ctx, b.ID, 1)
	if err != nil || len(mails) != 1 {
		a.t.Fatalf("B's mail: %v", err)
	}
	return map[string]int64{"mail": mails[0].ID}
}

// TestOutboxPage: the SMTP server (real, STARTTLS and AUTH) refuses the
// configured password, so the notice of a new incident is not sent; the
// beheerder sees it waiting with the server's answer and never the
// password, the privacy officer cannot open the page; once the password is
// right, "retry now" sends it and the page shows it sent.
func TestOutboxPage(t *testing.T) {
	const wrong = "Wr0ng-smtp-pass"
	srv := mailtest.Start(t, "mailer", "right-smtp-pass")
	sender := srv.Sender("privacy@privacy.example.nl", wrong)
	st := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 10, 24, 20, 0, 0, 0, time.UTC)}
	st.Now = clock.Now
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := web.DefaultConfig()
	cfg.BaseURL = "https://privacy.example.nl"
	a := api.New(st, log)
	s, err := web.New(st, cfg, log, a)
	if err != nil {
		t.Fatal(err)
	}
	s.Mail, a.Mail, a.BaseURL = sender, sender, cfg.BaseURL
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	app := &testApp{t: t, st: st, srv: hs, clock: clock}

	o := app.org("bieb")
	app.user(o, "beheer@bieb.example", org.Admin)
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	app.user(o, "mw@bieb.example", org.Employee)
	report(t, app.signIn("mw@bieb.example"), "bieb", url.Values{"title": {"Laptop kwijt"}, "discovered_at": {"2026-10-24T21:00"}})

	if res := app.signIn("fg@bieb.example").get("/o/bieb/mail"); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Errorf("privacy officer opens the outbox: %d", res.StatusCode)
	}
	admin := app.signIn("beheer@bieb.example")
	page := admin.get("/o/bieb/mail")
	if page.StatusCode != 200 || !strings.Contains(page.Body, `data-state="queued"`) || !strings.Contains(page.Body, "535") ||
		!strings.Contains(page.Body, "Nieuw beveiligingsincident 2026-001") || !strings.Contains(page.Body, "fg@bieb.example") {
		t.Fatalf("outbox page after a refused password: %d\n%s", page.StatusCode, page.Body)
	}
	if strings.Contains(page.Body, wrong) || strings.Contains(page.Body, "Laptop kwijt") {
		t.Errorf("the page shows the password or the report")
	}
	if !strings.Contains(page.Body, `href="/o/bieb/mail"`) {
		t.Errorf("the menu has no link to the outbox")
	}
	mails, _ := st.OutboxMails(context.Background(), o.ID, 10)
	if len(mails) != 1 || mails[0].Attempts != 1 {
		t.Fatalf("outbox: %+v", mails)
	}

	sender.Password = "right-smtp-pass"
	res := admin.postForm("/o/bieb/mail/"+strconv.FormatInt(mails[0].ID, 10)+"/retry", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("retry: %d %s", res.StatusCode, res.Body)
	}
	page = admin.get("/o/bieb/mail")
	if !strings.Contains(page.Body, `data-state="sent"`) || strings.Contains(page.Body, `data-state="queued"`) || len(srv.Messages()) != 1 {
		t.Errorf("after retry: %d messages accepted\n%s", len(srv.Messages()), page.Body)
	}
	if res := admin.postForm("/o/bieb/mail/"+strconv.FormatInt(mails[0].ID, 10)+"/retry", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("retry of a sent message: %d", res.StatusCode)
	}
	if len(srv.Messages()) != 1 {
		t.Errorf("%d messages accepted, want 1", len(srv.Messages()))
	}
}
