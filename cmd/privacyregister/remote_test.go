package main

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/contract"
	"privacyregister/internal/profile"
	"privacyregister/internal/store"
)

// runAsProgram makes the test binary the program itself (TestMain), so a
// test can start real server processes without a separate build.
const runAsProgram = "RUN_AS_PRIVACYREGISTER"

func TestMain(m *testing.M) {
	if os.Getenv(runAsProgram) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// open opens the CLI's database in the test, beside a server that may be
// running on it (SQLite in WAL mode, or PostgreSQL).
func (c *cli) open() *store.Store {
	c.t.Helper()
	d := &dbFlags{}
	for i := 0; i+1 < len(c.dbFlags); i += 2 {
		switch c.dbFlags[i] {
		case "--data":
			d.data = c.dbFlags[i+1]
		case "--db":
			d.db = c.dbFlags[i+1]
		}
	}
	st, err := d.open(context.Background())
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { st.Close() })
	return st
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// serveProcess starts `privacyregister serve` on the CLI's database as a
// process of its own and returns its address.
func (c *cli) serveProcess(extra ...string) string {
	c.t.Helper()
	cmd := exec.Command(os.Args[0], append(append([]string{"serve", "--addr", "127.0.0.1:0"}, extra...), c.dbFlags...)...)
	cmd.Env = append(os.Environ(), runAsProgram+"=1")
	var logs bytes.Buffer // the server's log, shown when the test fails
	cmd.Stderr = &logs
	out, err := cmd.StdoutPipe()
	if err != nil {
		c.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
		if c.t.Failed() {
			c.t.Logf("log of serve %s:\n%s", strings.Join(extra, " "), logs.String())
		}
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(60 * time.Second):
		c.t.Fatal("the server did not start within 60 s")
	}
	return ""
}

// TestProfileAcrossTwoInstallations (issue 16): ProBiblio publishes its
// profile on installation A; a library on installation B, each process
// with its own database, subscribes by URL through B's web application.
// A's version 2 (a new sub-processor) reaches B as a notice with the
// objection window of B's own agreement. Then A's key changes: B blocks
// the link, names both fingerprints and applies nothing until its privacy
// officer trusts the new key. B's background poll (profile poll) fetches
// over HTTP from A too, and skips a blocked link.
func TestProfileAcrossTwoInstallations(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two server processes")
	}
	ctx := context.Background()
	a, b := newCLI(t), newCLI(t)

	// A: the processor, with version 1 published before it starts.
	a.must("org", "add", "--name", "ProBiblio", "--short", "probiblio", "--acts", "processor")
	ast := a.open()
	publish := func(note string, subs ...string) {
		t.Helper()
		o, err := ast.OrgByShort(ctx, "probiblio")
		if err != nil {
			t.Fatal(err)
		}
		p := profile.Profile{Name: "ProBiblio", KvK: "41169750", Contact: profile.Contact{Email: "privacy@probiblio.example"}}
		for _, s := range subs {
			name, country, _ := strings.Cut(s, "/")
			p.Subprocessors = append(p.Subprocessors, profile.Subprocessor{Name: name, Country: country, Purpose: "dienstverlening"})
		}
		if err := ast.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.PublishProfile(ctx, o.ID, p, note, "po@probiblio.example")
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	publish("Eerste versie", "OCLC/NL")
	aURL := a.serveProcess()

	// B: a library whose agreement with ProBiblio gives 14 days to object.
	b.must("org", "add", "--name", "Bibliotheek Lek en IJssel", "--short", "bieb")
	if code, out, errs := b.run("Wachtwoord-voor-de-test-1", "user", "add", "--org", "bieb", "--email", "fg@bieb.example", "--role", "privacyofficer", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s %s", out, errs)
	}
	bst := b.open()
	bieb, err := bst.OrgByShort(ctx, "bieb")
	if err != nil {
		t.Fatal(err)
	}
	days := 14
	ag := &agreement.Agreement{OrgID: bieb.ID, Title: "VO Wise", OurRole: agreement.RoleController, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
	ag.Terms.Subprocessors.Regime, ag.Terms.Subprocessors.ObjectionDays = contract.RegimeGeneralObjection, &days
	if err := bst.InTx(ctx, func(tx *store.Tx) error { return tx.CreateAgreement(ctx, ag) }); err != nil {
		t.Fatal(err)
	}
	bURL := b.serveProcess("--profile-allow-http")

	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path string, form url.Values) (int, string) {
		t.Helper()
		res, err := hc.PostForm(bURL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		flash := ""
		for _, c := range res.Cookies() {
			if c.Name == "flash" {
				flash = c.Value
			}
		}
		return res.StatusCode, flash
	}
	if code, _ := post("/login", url.Values{"email": {"fg@bieb.example"}, "password": {"Wachtwoord-voor-de-test-1"}}); code != http.StatusSeeOther {
		t.Fatalf("sign in on B: %d", code)
	}
	profileURL := aURL + "/p/probiblio/processor.json"
	if code, flash := post("/o/bieb/suppliers/subscribe", url.Values{"agreement_id": {strconv.FormatInt(ag.ID, 10)}, "url": {profileURL}}); code != http.StatusSeeOther || flash != "profile-subscribed" {
		t.Fatalf("subscribe on B: %d %q", code, flash)
	}
	link, err := bst.ProfileLinkOfAgreement(ctx, bieb.ID, ag.ID)
	if err != nil {
		t.Fatal(err)
	}
	pb, _ := ast.OrgByShort(ctx, "probiblio")
	keyA, err := ast.ProfilePublicKey(ctx, pb.ID)
	if err != nil || link.PinnedKey != keyA || link.SeenVersion != 1 || link.URL != profileURL {
		t.Fatalf("B's link %+v, A's key %s %v", link, keyA, err)
	}
	linkPath := "/o/bieb/suppliers/" + strconv.FormatInt(link.ID, 10)

	// Version 2 on A, while A runs; B checks on demand.
	publish("Nieuwsbrieven via Mailchimp", "OCLC/NL", "Mailchimp/US")
	if code, flash := post(linkPath+"/check", nil); code != http.StatusSeeOther || flash != "profile-checked" {
		t.Fatalf("check on B: %d %q", code, flash)
	}
	ns, err := bst.Notices(ctx, bieb.ID, ag.ID)
	if err != nil || len(ns) != 1 {
		t.Fatalf("B's notices %+v %v", ns, err)
	}
	n := ns[0]
	if n.Subprocessor != "Mailchimp" || n.Country != "US" || n.ProfileVersion != 2 || !n.Deadline.Equal(n.NoticeDate.AddDate(0, 0, 14)) || time.Since(n.NoticeDate) > time.Hour {
		t.Fatalf("B's notice %+v: want Mailchimp, version 2, 14 days from today", n)
	}

	// A's key changes (lost and made anew) with version 3: B blocks.
	raw := a.rawDB()
	if _, err := raw.Exec("DELETE FROM processor_profiles"); err != nil {
		t.Fatal(err)
	}
	publish("Nieuwe sleutel, klantenservice via Zendesk", "OCLC/NL", "Mailchimp/US", "Zendesk/IE")
	newKey, _ := ast.ProfilePublicKey(ctx, pb.ID)
	if newKey == keyA {
		t.Fatal("the key did not change")
	}
	if code, flash := post(linkPath+"/check", nil); code != http.StatusSeeOther || flash != "profile-blocked" {
		t.Fatalf("check after the key changed: %d %q", code, flash)
	}
	link, _ = bst.ProfileLink(ctx, bieb.ID, link.ID)
	if link.Status != store.LinkBlocked || link.PinnedKey != keyA || link.SeenVersion != 2 ||
		!strings.Contains(link.Problem, profile.Fingerprint(keyA)) || !strings.Contains(link.Problem, profile.Fingerprint(newKey)) {
		t.Fatalf("B's link after the key changed: %+v", link)
	}
	if ns, _ := bst.Notices(ctx, bieb.ID, ag.ID); len(ns) != 1 {
		t.Fatalf("a document under another key made notices: %+v", ns)
	}
	if out := b.must("profile", "poll", "--allow-http"); !strings.Contains(out, "checked 0 ") {
		t.Errorf("the poll fetched a blocked link: %s", out)
	}

	// B's privacy officer compared the fingerprint and trusts the key.
	if code, flash := post(linkPath+"/trust", nil); code != http.StatusSeeOther || flash != "profile-trusted" {
		t.Fatalf("trust on B: %d %q", code, flash)
	}
	ns, _ = bst.Notices(ctx, bieb.ID, ag.ID)
	if len(ns) != 2 || ns[1].Subprocessor != "Zendesk" || ns[1].ProfileVersion != 3 {
		t.Fatalf("B's notices after trusting: %+v", ns)
	}

	// Version 4 reaches B through its background poll, run once.
	publish("Opslag bij Azure", "OCLC/NL", "Mailchimp/US", "Zendesk/IE", "Azure/NL")
	if out := b.must("profile", "poll", "--allow-http"); !strings.Contains(out, "checked 1 ") {
		t.Errorf("profile poll: %s", out)
	}
	if ns, _ := bst.Notices(ctx, bieb.ID, ag.ID); len(ns) != 3 || ns[2].Subprocessor != "Azure" {
		t.Fatalf("B's notices after the poll: %+v", ns)
	}
}
