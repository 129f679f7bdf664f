package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/mail"
	"privacyregister/internal/mail/mailtest"
)

// TestBuildEscapesHTML: the HTML part is made by html/template, so text
// that looks like markup arrives as text; lists and links keep their
// shape; a non-ASCII subject is encoded and decodes back.
func TestBuildEscapesHTML(t *testing.T) {
	m := mail.Message{To: []string{"fg@bieb.example"}, Lang: "en", Subject: "Weekoverzicht Bibliotheek ‘De Pëlgrim’: 2 punten",
		Body: "Overview of <script>alert(1)</script> & co:\n\nDue soon\n- 07-12-2026  Request: AVG-2026-001\n  https://p.example/o/bieb/requests/1?a=1&b=2\n\nhttps://p.example/o/bieb/calendar\n"}
	raw, err := mail.Build("Privacyregister <privacy@p.example>", m, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	p, err := mailtest.Parse(raw)
	if err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
	if p.Subject != m.Subject || strings.Contains(p.Header.Get("Subject"), "ë") {
		t.Errorf("subject %q (raw %q)", p.Subject, p.Header.Get("Subject"))
	}
	if strings.Contains(p.HTML, "<script>") || !strings.Contains(p.HTML, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co:") {
		t.Errorf("HTML not escaped:\n%s", p.HTML)
	}
	for _, want := range []string{`<html lang="en">`, "<li>07-12-2026  Request: AVG-2026-001<br>", `<a href="https://p.example/o/bieb/requests/1?a=1&amp;b=2">`, `<a href="https://p.example/o/bieb/calendar">`} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, p.HTML)
		}
	}
	if !strings.Contains(p.Text, "<script>alert(1)</script> & co:") || !strings.Contains(p.Text, "\r\n- 07-12-2026") {
		t.Errorf("text part:\n%q", p.Text)
	}
	if p.Header.Get("Message-ID") == "" || !strings.HasSuffix(p.Header.Get("Message-ID"), "@p.example>") {
		t.Errorf("Message-ID %q", p.Header.Get("Message-ID"))
	}
}

// TestStartTLSRequired: a server that offers no STARTTLS gets no mail and
// no password, unless the mode is none; even then the password is not sent
// over the plain connection.
func TestStartTLSRequired(t *testing.T) {
	srv := mailtest.StartPlain(t, "mailer", "pw-123456")
	m := mail.Message{To: []string{"fg@bieb.example"}, Subject: "x", Body: "x\n"}
	s := &mail.SMTP{Addr: srv.Addr, From: "privacy@p.example", Username: "mailer", Password: "pw-123456"}
	err := s.Send(context.Background(), m)
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("without STARTTLS: %v", err)
	}
	s.TLS = mail.NoTLS
	if err := s.Send(context.Background(), m); err == nil || !strings.Contains(err.Error(), "unencrypted") {
		t.Errorf("password over a plain connection: %v", err)
	}
	if len(srv.Messages()) != 0 {
		t.Errorf("%d messages delivered", len(srv.Messages()))
	}
}

// TestSendHonoursContext: a context that has ended sends nothing.
func TestSendHonoursContext(t *testing.T) {
	srv := mailtest.Start(t, "mailer", "pw-123456")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := srv.Sender("privacy@p.example", "pw-123456").Send(ctx, mail.Message{To: []string{"fg@bieb.example"}, Subject: "x", Body: "x"})
	if err == nil {
		t.Fatal("sent with a cancelled context")
	}
	if err := srv.Sender("privacy@p.example", "pw-123456").Send(context.Background(), mail.Message{To: []string{"fg@bieb.example"}, Subject: "x", Body: "x"}); err != nil {
		t.Fatal(err)
	}
	if len(srv.Messages()) != 1 || !srv.Messages()[0].TLS {
		t.Errorf("%d messages", len(srv.Messages()))
	}
}

// TestAuthLogin: a server that offers only AUTH LOGIN (as Microsoft 365
// does) gets the user name and password that way.
func TestAuthLogin(t *testing.T) {
	srv := mailtest.Start(t, "mailer", "pw-123456")
	srv.OfferLoginOnly()
	m := mail.Message{To: []string{"fg@bieb.example"}, Subject: "x", Body: "x\n"}
	if err := srv.Sender("privacy@p.example", "wrong").Send(context.Background(), m); err == nil || !strings.Contains(err.Error(), "535") {
		t.Errorf("wrong password over LOGIN: %v", err)
	}
	if err := srv.Sender("privacy@p.example", "pw-123456").Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if got := srv.Messages(); len(got) != 1 || got[0].Auth != "mailer" {
		t.Errorf("accepted %+v", got)
	}
}
