package subscription_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/contract"
	"privacyregister/internal/org"
	"privacyregister/internal/profile"
	"privacyregister/internal/store"
	"privacyregister/internal/subscription"
	"privacyregister/internal/testutil"
)

// processor is another installation serving a profile, as this test
// makes it: its key, its versions, and what it answers.
type processor struct {
	t        *testing.T
	mu       sync.Mutex
	key      ed25519.PrivateKey
	versions []profile.Version
	mode     string // "": the signed document; "down": 503; "html": a proxy's page; "tampered": a name changed after signing
	gets     int
	notMod   int // answers 304
	srv      *httptest.Server
}

func newProcessor(t *testing.T) *processor {
	p := &processor{t: t}
	p.rekey()
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *processor) url() string { return p.srv.URL + "/p/probiblio/processor.json" }

func (p *processor) rekey() {
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.key = k
	p.mu.Unlock()
}

func (p *processor) publicKey() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, _ := profile.Verify(p.body())
	return v.PublicKey
}

func (p *processor) publish(subs ...string) {
	pr := profile.Profile{Name: "ProBiblio", KvK: "41169750", Contact: profile.Contact{Email: "privacy@probiblio.example"}}
	for _, s := range subs {
		name, country, _ := strings.Cut(s, "/")
		pr.Subprocessors = append(pr.Subprocessors, profile.Subprocessor{Name: name, Country: country, Purpose: "hosting"})
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.versions) + 1
	p.versions = append(p.versions, profile.Version{Number: n, PublishedAt: time.Date(2026, 12, n, 9, 0, 0, 0, time.UTC), ChangeNote: "version", Profile: pr})
}

func (p *processor) setMode(m string) { p.mu.Lock(); p.mode = m; p.mu.Unlock() }

func (p *processor) body() []byte {
	b, err := profile.Sign(profile.NewDocument(p.versions), p.key)
	if err != nil {
		p.t.Fatal(err)
	}
	return b
}

func (p *processor) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gets++
	switch p.mode {
	case "down":
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
		return
	case "html":
		_, _ = w.Write([]byte("<html>Sign in to the wifi</html>"))
		return
	}
	body := p.body()
	if p.mode == "tampered" {
		body = bytes.Replace(body, []byte("OCLC"), []byte("OCLX"), 1)
	}
	etag := `"` + string(rune('a'+len(p.versions))) + p.mode + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		p.notMod++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(body)
}

// customer is a library with an agreement with ProBiblio that sets an
// objection window of days.
func customer(t *testing.T, s *store.Store, short string, days int) (*org.Organisation, *agreement.Agreement) {
	t.Helper()
	ctx := context.Background()
	o := &org.Organisation{Name: "Bibliotheek " + short, Short: short}
	a := &agreement.Agreement{Title: "VO Wise", OurRole: agreement.RoleController, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
	a.Terms.Subprocessors.Regime = contract.RegimeGeneralObjection
	a.Terms.Subprocessors.ObjectionDays = &days
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		a.OrgID = o.ID
		return tx.CreateAgreement(ctx, a)
	}); err != nil {
		t.Fatal(err)
	}
	return o, a
}

func notices(t *testing.T, s *store.Store, orgID int64) []agreement.Notice {
	t.Helper()
	ns, err := s.Notices(context.Background(), orgID, 0)
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

// TestFollowAProfileAcrossInstallations: subscribe pins the key; a new
// version becomes a notice with the customer's own deadline; an unchanged
// document costs a 304; a server that is down is only noted; a changed key
// and a bad signature block the link with nothing applied until the
// privacy officer decides.
func TestFollowAProfileAcrossInstallations(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	p := newProcessor(t)
	p.publish("OCLC/NL", "Hellodialog/NL")
	bieb, ag := customer(t, s, "bieb", 14)
	c := subscription.New(s, true)

	l, err := c.Subscribe(ctx, bieb.ID, ag.ID, p.url())
	if err != nil {
		t.Fatal(err)
	}
	if l.Status != store.LinkActive || l.PinnedKey != p.publicKey() || l.SeenVersion != 1 || l.ETag == "" || l.URL != p.url() {
		t.Fatalf("link after subscribing %+v", l)
	}
	if got, _ := s.Agreement(ctx, bieb.ID, ag.ID); len(got.Terms.Subprocessors.Named) != 2 {
		t.Errorf("the agreement did not take the profile's list: %+v", got.Terms.Subprocessors.Named)
	}

	// Nothing new: the conditional GET answers 304, and the trail does
	// not grow with every look.
	before, _ := s.AuditLog(ctx, bieb.ID, store.AuditFilter{})
	clock.Add(time.Hour)
	if l, err = c.Check(ctx, bieb.ID, l.ID); err != nil || p.notMod != 1 || l.SeenVersion != 1 || l.Problem != "" {
		t.Fatalf("unchanged check: %+v %v (304s %d)", l, err, p.notMod)
	}
	if after, _ := s.AuditLog(ctx, bieb.ID, store.AuditFilter{}); len(after) != len(before) {
		t.Errorf("an unchanged check wrote %d audit rows", len(after)-len(before))
	}

	// Version 2 adds a US sub-processor: one notice, 14 days from today.
	p.publish("OCLC/NL", "Hellodialog/NL", "Mailchimp/US")
	if l, err = c.Check(ctx, bieb.ID, l.ID); err != nil || l.SeenVersion != 2 {
		t.Fatalf("check after version 2: %+v %v", l, err)
	}
	ns := notices(t, s, bieb.ID)
	if len(ns) != 1 || ns[0].Subprocessor != "Mailchimp" || ns[0].Country != "US" || ns[0].ProfileVersion != 2 || !ns[0].Deadline.Equal(clock.T.AddDate(0, 0, 14)) {
		t.Fatalf("notices after version 2: %+v", ns)
	}
	if _, err = c.Check(ctx, bieb.ID, l.ID); err != nil || len(notices(t, s, bieb.ID)) != 1 {
		t.Fatalf("a repeated check made notices again: %v", err)
	}

	// The server is down: noted, not blocked.
	p.setMode("down")
	if l, err = c.Check(ctx, bieb.ID, l.ID); err != nil || l.Status != store.LinkActive || !strings.Contains(l.Problem, "503") {
		t.Fatalf("server down: %+v %v", l, err)
	}
	p.setMode("html")
	if l, err = c.Check(ctx, bieb.ID, l.ID); err != nil || l.Status != store.LinkActive || !strings.Contains(l.Problem, "did not serve a signed") {
		t.Fatalf("a proxy's page: %+v %v", l, err)
	}
	p.setMode("")

	// The processor's key changes and version 3 adds Zendesk: blocked,
	// both fingerprints named, nothing applied, not polled automatically.
	oldKey := p.publicKey()
	p.rekey()
	p.publish("OCLC/NL", "Hellodialog/NL", "Mailchimp/US", "Zendesk/IE")
	if l, err = c.Check(ctx, bieb.ID, l.ID); err != nil {
		t.Fatal(err)
	}
	if l.Status != store.LinkBlocked || l.Held == "" || l.PinnedKey != oldKey || l.SeenVersion != 2 ||
		!strings.Contains(l.Problem, profile.Fingerprint(oldKey)) || !strings.Contains(l.Problem, profile.Fingerprint(p.publicKey())) {
		t.Fatalf("changed key: %+v", l)
	}
	if n := len(notices(t, s, bieb.ID)); n != 1 {
		t.Fatalf("a document with another key made notices: %d", n)
	}
	clock.Add(24 * time.Hour)
	if n, err := c.PollDue(ctx, time.Hour); err != nil || n != 0 {
		t.Fatalf("a blocked link was polled: %d %v", n, err)
	}
	trail, _ := s.AuditLog(ctx, bieb.ID, store.AuditFilter{Entity: store.EntityProfileLink, EntityID: l.ID})
	if !auditHas(trail, "status") {
		t.Errorf("blocking is not on the audit trail: %+v", trail)
	}

	// The privacy officer compared the fingerprint and trusts the key.
	if err := c.TrustHeld(ctx, bieb.ID, l.ID); err != nil {
		t.Fatal(err)
	}
	l, _ = s.ProfileLink(ctx, bieb.ID, l.ID)
	if l.Status != store.LinkActive || l.PinnedKey != p.publicKey() || l.Held != "" || l.Problem != "" || l.SeenVersion != 3 {
		t.Fatalf("after trusting: %+v", l)
	}
	if ns := notices(t, s, bieb.ID); len(ns) != 2 || ns[1].Subprocessor != "Zendesk" {
		t.Fatalf("the trusted version was not applied: %+v", ns)
	}
	if err := c.TrustHeld(ctx, bieb.ID, l.ID); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("trusting an active link: %v", err)
	}

	// Version 4 is altered on the way: the signature fails, the link is
	// blocked, and its held document cannot be trusted.
	p.publish("OCLC/NL", "Hellodialog/NL", "Mailchimp/US", "Zendesk/IE", "Azure/NL")
	p.setMode("tampered")
	if l, err = c.Check(ctx, bieb.ID, l.ID); err != nil || l.Status != store.LinkBlocked || !strings.Contains(l.Problem, "does not verify") {
		t.Fatalf("tampered document: %+v %v", l, err)
	}
	if err := c.TrustHeld(ctx, bieb.ID, l.ID); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("trusting a document that does not verify: %v", err)
	}
	if n := len(notices(t, s, bieb.ID)); n != 2 {
		t.Fatalf("a tampered document made notices: %d", n)
	}
	// The genuine document again, with the pinned key: no decision left.
	p.setMode("")
	if l, err = c.Check(ctx, bieb.ID, l.ID); err != nil || l.Status != store.LinkActive || l.SeenVersion != 4 || l.Problem != "" {
		t.Fatalf("genuine document after a tampered one: %+v %v", l, err)
	}
	if ns := notices(t, s, bieb.ID); len(ns) != 3 || ns[2].Subprocessor != "Azure" {
		t.Fatalf("version 4: %+v", ns)
	}

	// Another organisation cannot check or trust this link.
	other, _ := customer(t, s, "ander", 30)
	if _, err := c.Check(ctx, other.ID, l.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("another organisation checks the link: %v", err)
	}
	if err := c.TrustHeld(ctx, other.ID, l.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("another organisation trusts the link: %v", err)
	}
	// The processor elsewhere cannot read the answer here: it is mailed to
	// the contact its profile names.
	var mailchimp agreement.Notice
	for _, n := range notices(t, s, bieb.ID) {
		if n.Subprocessor == "Mailchimp" {
			mailchimp = n
		}
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		return tx.DecideNotice(ctx, bieb.ID, mailchimp.ID, "object", "Geen doorgifte naar de VS", "fg")
	}); err != nil {
		t.Fatal(err)
	}
	if ms, _ := s.OutboxMails(ctx, bieb.ID, 10); len(ms) == 0 || ms[0].Kind != store.MailProfileAnswer || ms[0].To[0] != "privacy@probiblio.example" ||
		!strings.Contains(ms[0].Subject, "versie 2") {
		t.Errorf("the answer to the processor: %+v", ms)
	}
}

func auditHas(trail []audit.Entry, field string) bool {
	for _, e := range trail {
		if _, ok := e.Changes[field]; ok {
			return true
		}
	}
	return false
}

// TestSubscribeRefuses: what is not an https address, what cannot be
// fetched and what is not a signed profile are refused at the field, and
// nothing is linked.
func TestSubscribeRefuses(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	bieb, ag := customer(t, s, "bieb", 14)
	p := newProcessor(t)
	p.publish("OCLC/NL")
	strict := subscription.New(s, false)
	loose := subscription.New(s, true)
	loose.MaxBytes = 100
	unsigned := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"document":{"format":"privacyregister.processor-profile/1"}}`))
	}))
	defer unsigned.Close()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer tlsSrv.Close()
	for _, c := range []struct {
		name   string
		client *subscription.Client
		url    string
		want   string
	}{
		{"plain http", strict, p.url(), "Use https://"},
		{"http to a name", subscription.New(s, true), "http://probiblio.example/p/probiblio/processor.json", "Use https://"},
		{"not an address", strict, "probiblio.nl", "starting with https://"},
		{"a password in it", strict, "https://a:b@probiblio.example/", "user name or password"},
		{"https to this machine", strict, tlsSrv.URL + "/p/x/processor.json", "private address"},
		{"too large", loose, p.url(), "larger than 100 bytes"},
		{"not signed", subscription.New(s, true), unsigned.URL, "valid signed processor profile"},
	} {
		_, err := c.client.Subscribe(ctx, bieb.ID, ag.ID, c.url)
		var e *apperr.Error
		if !apperr.Is(err, apperr.Invalid) || !errors.As(err, &e) || e.Field != "url" || !strings.Contains(e.Text(), c.want) {
			t.Errorf("%s: %v, want an error at url saying %q", c.name, err, c.want)
		}
	}
	if ls, _ := s.ProfileLinks(ctx, bieb.ID); len(ls) != 0 {
		t.Errorf("refused subscriptions left links: %+v", ls)
	}
}

// TestPollDue checks the active remote links of every organisation not
// checked for the interval, and only those.
func TestPollDue(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	p := newProcessor(t)
	p.publish("OCLC/NL")
	c := subscription.New(s, true)
	var links []*store.ProfileLink
	for _, short := range []string{"bieb", "rivier"} {
		o, ag := customer(t, s, short, 14)
		l, err := c.Subscribe(ctx, o.ID, ag.ID, p.url())
		if err != nil {
			t.Fatal(err)
		}
		links = append(links, l)
	}
	if n, err := c.PollDue(ctx, 6*time.Hour); err != nil || n != 0 {
		t.Fatalf("links checked just now were polled: %d %v", n, err)
	}
	clock.Add(5 * time.Hour)
	if _, err := c.Check(ctx, links[0].OrgID, links[0].ID); err != nil {
		t.Fatal(err)
	}
	clock.Add(2 * time.Hour)
	gets := p.gets
	if n, err := c.PollDue(ctx, 6*time.Hour); err != nil || n != 1 || p.gets != gets+1 {
		t.Fatalf("polled %d links (%d requests, %v), want rivier's alone", n, p.gets-gets, err)
	}
	if l, _ := s.ProfileLink(ctx, links[1].OrgID, links[1].ID); l.CheckedAt == nil || !l.CheckedAt.Equal(clock.T) {
		t.Errorf("rivier's link checked at %v", l.CheckedAt)
	}
}
