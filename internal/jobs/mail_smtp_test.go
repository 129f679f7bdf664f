package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/auth"
	"privacyregister/internal/deadline"
	"privacyregister/internal/i18n"
	"privacyregister/internal/incident"
	"privacyregister/internal/jobs"
	"privacyregister/internal/mail/mailtest"
	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

const smtpPassword = "s3cret-SMTP-wachtwoord"

// smtpOrg is an organisation with a Dutch and an English privacy officer,
// on a store whose clock the test sets.
func smtpOrg(t *testing.T) (*store.Store, *testutil.Clock, *org.Organisation) {
	t.Helper()
	ctx := context.Background()
	st := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)} // a Monday, 08:00 in Amsterdam
	st.Now = clock.Now
	o := &org.Organisation{Short: "bieb", Name: "Bibliotheek Zuid-Kennemerland – Overveen"}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		if _, err := tx.AddMember(ctx, o.ID, &auth.User{Email: "fg@bieb.example", PasswordHash: "x", Lang: "nl"}, org.PrivacyOfficer); err != nil {
			return err
		}
		_, err := tx.AddMember(ctx, o.ID, &auth.User{Email: "dpo@bieb.example", PasswordHash: "x", Lang: "en"}, org.PrivacyOfficer)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, clock, o
}

// The personal data of the breach reported in these tests: none of it may
// be in a mail, which links to the case instead.
var breachSecrets = []string{"Jan de Vries", "BSN 123456782", "Piet Melder", "piet.melder@bieb.example", "Mail met cijferlijst"}

func reportBreach(t *testing.T, st *store.Store, o *org.Organisation, at time.Time) *store.Incident {
	t.Helper()
	ctx := context.Background()
	r := incident.Report{Title: "Mail met cijferlijst naar Jan de Vries", Description: "De cijferlijst met BSN 123456782 van Jan de Vries ging naar de verkeerde ouder.",
		DiscoveredAt: at.Add(-time.Hour), Reporter: incident.Contact{Name: "Piet Melder", Email: "piet.melder@bieb.example"}}
	var i *store.Incident
	if err := st.InTx(ctx, func(tx *store.Tx) (err error) {
		i, err = tx.ReportIncident(ctx, o, r, incident.Door{Source: store.SourceWeb, UserName: "Piet Melder", UserEmail: "piet.melder@bieb.example"}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return i
}

var messageID = regexp.MustCompile(`^<[0-9a-f]{32}@privacy\.bieb\.example>$`)

// checkMail parses a received message and checks what every mail must
// have; it returns the parsed message.
func checkMail(t *testing.T, r mailtest.Received, to, lang, subject string, seen map[string]bool) *mailtest.Parsed {
	t.Helper()
	if !r.TLS || r.Auth != "mailer" {
		t.Errorf("mail to %v came without TLS (%v) or authentication (%q)", r.To, r.TLS, r.Auth)
	}
	if len(r.To) != 1 || r.To[0] != to || r.From != "privacy@privacy.bieb.example" {
		t.Errorf("envelope %s -> %v, want privacy@privacy.bieb.example -> %s", r.From, r.To, to)
	}
	p, err := mailtest.Parse(r.Data)
	if err != nil {
		t.Fatalf("mail to %s: %v\n%s", to, err, r.Data)
	}
	h := p.Header
	if d, err := h.Date(); err != nil || d.IsZero() {
		t.Errorf("Date %q: %v", h.Get("Date"), err)
	}
	id := h.Get("Message-ID")
	if !messageID.MatchString(id) || seen[id] {
		t.Errorf("Message-ID %q is not a new id at the sender's domain", id)
	}
	seen[id] = true
	if from, err := h.AddressList("From"); err != nil || len(from) != 1 || from[0].Address != "privacy@privacy.bieb.example" || from[0].Name != "Privacyregister Bieb" {
		t.Errorf("From %q: %v", h.Get("From"), err)
	}
	if got, err := h.AddressList("To"); err != nil || len(got) != 1 || got[0].Address != to {
		t.Errorf("To %q: %v", h.Get("To"), err)
	}
	if h.Get("MIME-Version") != "1.0" || h.Get("Content-Language") != lang {
		t.Errorf("MIME-Version %q, Content-Language %q (want %s)", h.Get("MIME-Version"), h.Get("Content-Language"), lang)
	}
	if p.Subject != subject {
		t.Errorf("Subject %q, want %q (raw %q)", p.Subject, subject, h.Get("Subject"))
	}
	if !strings.Contains(p.HTML, `<html lang="`+lang+`">`) {
		t.Errorf("HTML part not in %s:\n%s", lang, p.HTML)
	}
	for _, s := range breachSecrets {
		if strings.Contains(string(r.Data), s) || strings.Contains(p.Text, s) || strings.Contains(p.HTML, s) {
			t.Errorf("mail to %s holds %q of the breach:\n%s", to, s, r.Data)
		}
	}
	return p
}

func byRecipient(msgs []mailtest.Received) map[string]mailtest.Received {
	out := map[string]mailtest.Received{}
	for _, m := range msgs {
		out[strings.Join(m.To, ",")] = m
	}
	return out
}

// TestMailOverSMTP sends every kind of mail through a real SMTP server
// with STARTTLS and AUTH PLAIN, and reads each back: a new breach notice,
// a reminder before the AP deadline (art. 33(1): 72 hours), the weekly
// digest and the notice of a request made through the public form, to a
// Dutch and an English privacy officer, each in their own language, as
// text and HTML, without the breach's description, title or reporter.
func TestMailOverSMTP(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t, "mailer", smtpPassword)
	sender := srv.Sender("Privacyregister Bieb <privacy@privacy.bieb.example>", smtpPassword)
	st, clock, o := smtpOrg(t)
	d := jobs.Deps{Store: st, Mail: sender, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "https://privacy.bieb.example", Now: clock.Now}
	seen := map[string]bool{}

	// A new breach: one notice per language.
	i := reportBreach(t, st, o, clock.T)
	if n, err := st.SendQueuedMail(ctx, sender, d.BaseURL); n != 2 || err != nil {
		t.Fatalf("new incident notices: %d sent, %v", n, err)
	}
	got := byRecipient(srv.Messages())
	link := "https://privacy.bieb.example/o/bieb/incidents/" + itoa(i.ID)
	nl := checkMail(t, got["fg@bieb.example"], "fg@bieb.example", "nl", "Nieuw beveiligingsincident "+i.Dossier, seen)
	en := checkMail(t, got["dpo@bieb.example"], "dpo@bieb.example", "en", "New security incident "+i.Dossier, seen)
	if !strings.Contains(nl.Text, "Er is een beveiligingsincident gemeld") || !strings.Contains(nl.Text, link) ||
		!strings.Contains(nl.HTML, `<a href="`+link+`">`) {
		t.Errorf("Dutch notice:\n%s\n%s", nl.Text, nl.HTML)
	}
	if !strings.Contains(en.Text, "A security incident was reported to Bibliotheek Zuid-Kennemerland – Overveen") || !strings.Contains(en.HTML, "Bibliotheek Zuid-Kennemerland – Overveen") {
		t.Errorf("English notice:\n%s\n%s", en.Text, en.HTML)
	}

	// The reminder 24 hours before the AP deadline of a breach the privacy
	// officer became aware of an hour ago.
	aware := clock.T
	b := &store.Incident{}
	b.Title, b.Description, b.DiscoveredAt, b.AwareAt = "Mail met cijferlijst", "BSN 123456782 van Jan de Vries", aware, &aware
	b.Reporter = incident.Contact{Name: "Piet Melder", Email: "piet.melder@bieb.example"}
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateIncident(ctx, o.ID, b) }); err != nil {
		t.Fatal(err)
	}
	link = "https://privacy.bieb.example/o/bieb/incidents/" + itoa(b.ID)
	clock.T = aware.Add(72*time.Hour - 23*time.Hour)
	if n, err := jobs.IncidentReminders(ctx, d, []int{24}); n != 1 || err != nil {
		t.Fatalf("reminders: %d, %v", n, err)
	}
	got = byRecipient(srv.Messages()[2:])
	due := aware.Add(72 * time.Hour).In(deadline.Amsterdam).Format("02-01-2006 15:04")
	r := checkMail(t, got["fg@bieb.example"], "fg@bieb.example", "nl",
		i18n.T("nl", "Breach %s: %s by %s", b.Dossier, i18n.T("nl", "notify the AP (art. 33(1))"), due), seen)
	if !strings.Contains(r.Text, due) || !strings.Contains(r.HTML, `<a href="`+link+`">`) {
		t.Errorf("reminder:\n%s\n%s", r.Text, r.HTML)
	}
	checkMail(t, got["dpo@bieb.example"], "dpo@bieb.example", "en",
		i18n.T("en", "Breach %s: %s by %s", b.Dossier, "notify the AP (art. 33(1))", due), seen)

	// The weekly digest, on the next Monday morning.
	clock.T = time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC).Add(7 * 24 * time.Hour)
	before := len(srv.Messages())
	if err := jobs.WeeklyDigest(ctx, d); err != nil {
		t.Fatal(err)
	}
	got = byRecipient(srv.Messages()[before:])
	dg := checkMail(t, got["fg@bieb.example"], "fg@bieb.example", "nl", "Weekoverzicht Bibliotheek Zuid-Kennemerland – Overveen: 1 punten", seen)
	if !strings.Contains(dg.Text, b.Dossier) || !strings.Contains(dg.HTML, "<li>") || !strings.Contains(dg.HTML, `<a href="`+link+`">`) {
		t.Errorf("digest:\n%s\n%s", dg.Text, dg.HTML)
	}
	checkMail(t, got["dpo@bieb.example"], "dpo@bieb.example", "en", "Weekly overview Bibliotheek Zuid-Kennemerland – Overveen: 1 items", seen)

	// A request through the public form: the notice names its reference,
	// not the requester.
	q := &store.SubjectRequest{}
	q.ReceivedAt, q.Rights, q.Channel = clock.T, []request.Right{request.Access}, request.ByWebForm
	q.Requester = request.Requester{Name: "Jan de Vries", Email: "jan@example.org"}
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateRequest(ctx, o.ID, q); err != nil {
			return err
		}
		return tx.QueueMail(ctx, o.ID, store.OutMail{Kind: store.MailRequestReceived, To: []string{"fg@bieb.example"}, Lang: "nl",
			Subject: i18n.T("nl", "New request %s through the website", q.Reference), Body: "Verzoek " + q.Reference + "\n\n", LinkPath: "/o/bieb/requests/" + itoa(q.ID)})
	}); err != nil {
		t.Fatal(err)
	}
	before = len(srv.Messages())
	if n, err := st.SendQueuedMail(ctx, sender, d.BaseURL); n != 1 || err != nil {
		t.Fatalf("request notice: %d sent, %v", n, err)
	}
	rq := checkMail(t, srv.Messages()[before], "fg@bieb.example", "nl", "Nieuw verzoek "+q.Reference+" via de website", seen)
	if strings.Contains(rq.Text, "jan@example.org") {
		t.Errorf("request notice names the requester:\n%s", rq.Text)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestReminderSurvivesRefusingServer: the SMTP server answers 451 (try
// again later) to the first attempt of a reminder before the AP deadline;
// the reminder stays in the outbox with the error, is tried again after
// its minute of back-off by the job loop, and arrives once.
func TestReminderSurvivesRefusingServer(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t, "mailer", smtpPassword)
	st, clock, o := smtpOrg(t)
	d := jobs.Deps{Store: st, Mail: srv.Sender("Privacyregister Bieb <privacy@privacy.bieb.example>", smtpPassword),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "https://privacy.bieb.example", Now: clock.Now}
	aware := clock.T
	b := &store.Incident{}
	b.Title, b.DiscoveredAt, b.AwareAt = "Phishing", aware, &aware
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateIncident(ctx, o.ID, b) }); err != nil {
		t.Fatal(err)
	}
	srv.Refuse(1)
	clock.T = aware.Add(72*time.Hour - 23*time.Hour)
	if n, err := jobs.IncidentReminders(ctx, d, []int{24}); n != 1 || err != nil {
		t.Fatalf("reminders: %d, %v", n, err)
	}
	mails, err := st.OutboxMails(ctx, o.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]store.OutboxMail{}
	for _, m := range mails {
		states[m.To[0]] = m
	}
	refused := states["fg@bieb.example"]
	if states["dpo@bieb.example"].State == store.MailQueued {
		refused = states["dpo@bieb.example"] // the one sent first was refused
	}
	if refused.State != store.MailQueued || refused.Attempts != 1 || !strings.Contains(refused.LastError, "451") || refused.NextAttempt == nil {
		t.Fatalf("refused reminder: %+v", refused)
	}
	if len(srv.Messages()) != 1 {
		t.Fatalf("%d accepted, want the other officer's only", len(srv.Messages()))
	}
	// Within the back-off nothing is tried; after it the job loop sends it.
	jobs.RunOnce(ctx, d)
	if srv.Attempts() != 2 {
		t.Fatalf("%d attempts within the back-off, want 2", srv.Attempts())
	}
	clock.T = clock.T.Add(time.Minute)
	jobs.RunOnce(ctx, d)
	jobs.RunOnce(ctx, d)
	to := map[string]int{}
	for _, m := range srv.Messages() {
		to[m.To[0]]++
	}
	if len(to) != 2 || to["fg@bieb.example"] != 1 || to["dpo@bieb.example"] != 1 {
		t.Fatalf("accepted %v, want one reminder each", to)
	}
	mails, _ = st.OutboxMails(ctx, o.ID, 10)
	for _, m := range mails {
		if m.State != store.MailSent || m.SentAt == nil {
			t.Errorf("%v: %s, want sent", m.To, m.State)
		}
	}
}

// TestWrongSMTPPassword: with a wrong password every attempt is refused
// (535); each is recorded with the server's answer, never the password,
// and after MailMaxAttempts the message is given up, not lost: a retry
// with the right password sends it.
func TestWrongSMTPPassword(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t, "mailer", smtpPassword)
	wrong := srv.Sender("privacy@privacy.bieb.example", "wrong-Passw0rd-42")
	st, clock, o := smtpOrg(t)
	reportBreach(t, st, o, clock.T)
	for n := 1; n <= store.MailMaxAttempts; n++ {
		if sent, err := st.SendQueuedMail(ctx, wrong, "https://p.example"); sent != 0 || err == nil || strings.Contains(err.Error(), "wrong-Passw0rd-42") {
			t.Fatalf("attempt %d: %d sent, %v", n, sent, err)
		}
		clock.T = clock.T.Add(time.Hour)
	}
	mails, err := st.OutboxMails(ctx, o.ID, 10)
	if err != nil || len(mails) != 2 {
		t.Fatalf("%d mails, %v", len(mails), err)
	}
	for _, m := range mails {
		if m.State != store.MailFailed || m.Attempts != store.MailMaxAttempts || !strings.Contains(m.LastError, "535") || strings.Contains(m.LastError, "wrong-Passw0rd-42") {
			t.Errorf("after %d refusals: %+v", store.MailMaxAttempts, m)
		}
	}
	if n, err := st.SendQueuedMail(ctx, wrong, "https://p.example"); n != 0 || err != nil {
		t.Errorf("a given-up message was tried again: %d %v", n, err)
	}
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.RetryMail(ctx, o.ID, mails[0].ID) }); err != nil {
		t.Fatal(err)
	}
	if n, err := st.SendQueuedMail(ctx, srv.Sender("privacy@privacy.bieb.example", smtpPassword), "https://p.example"); n != 1 || err != nil {
		t.Fatalf("retry with the right password: %d sent, %v", n, err)
	}
	if len(srv.Messages()) != 1 {
		t.Errorf("%d messages accepted, want 1", len(srv.Messages()))
	}
}
