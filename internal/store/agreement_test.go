package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/contract"
	"privacyregister/internal/country"
	"privacyregister/internal/org"
)

// These tests live in package store so they can add register activities
// directly while the register's own store methods are written elsewhere.
// testutil imports store, so the store is opened here by hand.

func openAgreementStore(t *testing.T) *Store {
	t.Helper()
	opts := Options{DataDir: t.TempDir()}
	if base := testDBURL(t); base != "" {
		opts.URL = base
	}
	s, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { s.Close() })
	return s
}

func agreementOrg(t *testing.T, s *Store, short string) *org.Organisation {
	t.Helper()
	o := &org.Organisation{Name: "Org " + short, Short: short}
	if err := s.InTx(context.Background(), func(tx *Tx) error { return tx.CreateOrg(context.Background(), o) }); err != nil {
		t.Fatal(err)
	}
	return o
}

func ptr[T any](v T) *T { return &v }

func sampleAgreement(orgID int64, partyID *int64) *agreement.Agreement {
	t := agreement.NewTerms()
	t.BreachNotification.Hours = ptr(48)
	t.Subprocessors.Regime = contract.RegimeGeneralObjection
	t.Subprocessors.ObjectionDays = ptr(14)
	t.Subprocessors.Named = []agreement.Subprocessor{{Name: "Flores BV", Country: ptr("Nederland")}, {Name: "Cloudy Inc", Country: ptr("US")}}
	t.Audit.Right = true
	t.Art28["c"] = contract.Element{Present: true, Evidence: []contract.Evidence{{Clause: ptr("6.1"), Quote: "passende maatregelen"}}}
	return &agreement.Agreement{OrgID: orgID, PartyID: partyID, Title: "Verwerkersovereenkomst NOA", Status: agreement.StatusSigned, Terms: t}
}

func TestAgreementRoundTripAndIsolation(t *testing.T) {
	ctx := context.Background()
	s := openAgreementStore(t)
	a, b := agreementOrg(t, s, "aaa"), agreementOrg(t, s, "bbb")
	p := &agreement.Party{OrgID: a.ID, Name: "NOA BV", Country: "Nederland",
		Contacts: []agreement.Contact{{Role: "breach", Name: "Servicedesk", Phone: "085 000 0000"}}}
	ag := sampleAgreement(a.ID, nil)
	if err := s.InTx(ctx, func(tx *Tx) error {
		if err := tx.CreateParty(ctx, p); err != nil {
			return err
		}
		ag.PartyID = &p.ID
		return tx.CreateAgreement(ctx, ag)
	}); err != nil {
		t.Fatal(err)
	}
	if p.Country != "NL" {
		t.Errorf("party country = %q, want NL", p.Country)
	}
	got, err := s.Agreement(ctx, a.ID, ag.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.PartyName != "NOA BV" || *got.Terms.BreachNotification.Hours != 48 {
		t.Errorf("read back %+v", got)
	}
	subs := got.Terms.Subprocessors.Named
	if *subs[0].Country != "NL" || subs[0].Class != "eea" || subs[1].Class != "adequate" && subs[1].Class != "third" {
		t.Errorf("sub-processor classes: %+v", subs)
	}
	// The JSON speaks the reference's vocabulary.
	js, _ := json.Marshal(got)
	var m map[string]any
	_ = json.Unmarshal(js, &m)
	terms := m["terms"].(map[string]any)
	if terms["breach_notification"].(map[string]any)["hours"].(float64) != 48 ||
		terms["subprocessors"].(map[string]any)["regime"] != "general_with_objection" ||
		terms["subprocessors"].(map[string]any)["named"].([]any)[0].(map[string]any)["country"] != "NL" ||
		terms["art28"].(map[string]any)["c"].(map[string]any)["present"] != true {
		t.Errorf("terms JSON does not follow the reference: %s", js)
	}
	// Organisation B sees nothing of A.
	if _, err := s.Agreement(ctx, b.ID, ag.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("A's agreement read as B: %v", err)
	}
	if _, err := s.Party(ctx, b.ID, p.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("A's party read as B: %v", err)
	}
	if list, _ := s.Agreements(ctx, b.ID, AgreementFilter{}); len(list) != 0 {
		t.Errorf("B lists %d agreements", len(list))
	}
	// B may not point its agreement at A's party.
	bad := sampleAgreement(b.ID, &p.ID)
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.CreateAgreement(ctx, bad) }); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("B's agreement with A's party: %v", err)
	}
	// Status changes are dated; every change is audited.
	got.Status = agreement.StatusEnded
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.UpdateAgreement(ctx, got) }); err != nil {
		t.Fatal(err)
	}
	again, _ := s.Agreement(ctx, a.ID, ag.ID)
	if len(again.StatusHistory) != 2 || again.StatusHistory[1].Status != agreement.StatusEnded {
		t.Errorf("status history %+v", again.StatusHistory)
	}
	trail, _ := s.AuditLog(ctx, a.ID, AuditFilter{Entity: "agreement"})
	if len(trail) != 2 {
		t.Errorf("agreement audit rows = %d, want 2", len(trail))
	}
}

func TestAgreementBadInputWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := openAgreementStore(t)
	a := agreementOrg(t, s, "aaa")
	for name, mut := range map[string]func(*agreement.Agreement){
		"negative hours":  func(x *agreement.Agreement) { x.Terms.BreachNotification.Hours = ptr(-1) },
		"unknown country": func(x *agreement.Agreement) { x.Terms.Subprocessors.Named[0].Country = ptr("Atlantis") },
		"unknown regime":  func(x *agreement.Agreement) { x.Terms.Subprocessors.Regime = "whatever" },
		"negative window": func(x *agreement.Agreement) { x.Terms.Subprocessors.ObjectionDays = ptr(-3) },
		"no title":        func(x *agreement.Agreement) { x.Title = " " },
		"ends before start": func(x *agreement.Agreement) {
			x.StartsOn, x.EndsOn = ptr(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), ptr(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
		},
	} {
		x := sampleAgreement(a.ID, nil)
		mut(x)
		err := s.InTx(ctx, func(tx *Tx) error { return tx.CreateAgreement(ctx, x) })
		if !apperr.Is(err, apperr.Invalid) && !strings.Contains(err.Error(), ":") {
			t.Errorf("%s: got %v, want a field error", name, err)
		}
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if list, _ := s.Agreements(ctx, a.ID, AgreementFilter{}); len(list) != 0 {
		t.Errorf("%d agreements stored from bad input", len(list))
	}
	if trail, _ := s.AuditLog(ctx, a.ID, AuditFilter{Entity: "agreement"}); len(trail) != 0 {
		t.Errorf("audit rows written for bad input: %d", len(trail))
	}
}

func TestAttachments(t *testing.T) {
	ctx := context.Background()
	s := openAgreementStore(t)
	a, b := agreementOrg(t, s, "aaa"), agreementOrg(t, s, "bbb")
	ag := sampleAgreement(a.ID, nil)
	var at *Attachment
	err := s.InTx(ctx, func(tx *Tx) (err error) {
		if err := tx.CreateAgreement(ctx, ag); err != nil {
			return err
		}
		at, err = tx.AddAttachment(ctx, a.ID, &ag.ID, "../../etc/vo.pdf", []byte("%PDF-1.4 hello"), 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if at.Name != "vo.pdf" || at.ContentType != "application/pdf" || len(at.SHA256) != 64 {
		t.Errorf("attachment %+v", at)
	}
	full, err := s.Attachment(ctx, a.ID, at.ID)
	if err != nil || string(full.Content) != "%PDF-1.4 hello" {
		t.Errorf("content %q, %v", full.Content, err)
	}
	if _, err := s.Attachment(ctx, b.ID, at.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("B downloads A's file: %v", err)
	}
	for name, data := range map[string][]byte{
		"evil.pdf":  []byte("MZ\x90\x00 this program cannot be run in DOS mode"),
		"fake.pdf":  []byte("hello, not a pdf"),
		"fake.docx": []byte("%PDF-1.4"),
		"a.exe":     []byte("hello"),
	} {
		err := s.InTx(ctx, func(tx *Tx) error { _, err := tx.AddAttachment(ctx, a.ID, &ag.ID, name, data, 0); return err })
		if !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%s: %v, want invalid", name, err)
		}
	}
	err = s.InTx(ctx, func(tx *Tx) error {
		_, err := tx.AddAttachment(ctx, a.ID, &ag.ID, "big.pdf", []byte("%PDF-"+strings.Repeat("x", 100)), 50)
		return err
	})
	if !apperr.Is(err, apperr.TooLarge) {
		t.Errorf("oversized: %v", err)
	}
	// B cannot attach to A's agreement.
	err = s.InTx(ctx, func(tx *Tx) error {
		_, err := tx.AddAttachment(ctx, b.ID, &ag.ID, "x.pdf", []byte("%PDF-1"), 0)
		return err
	})
	if !apperr.Is(err, apperr.NotFound) {
		t.Errorf("B attaches to A's agreement: %v", err)
	}
	if list, _ := s.Attachments(ctx, a.ID, ag.ID); len(list) != 1 {
		t.Errorf("%d attachments, want 1", len(list))
	}
	// An upload for analysis without an agreement is dropped after a day;
	// B's cleanup leaves A's files alone.
	var loose *Attachment
	if err := s.InTx(ctx, func(tx *Tx) (err error) {
		loose, err = tx.AddAttachment(ctx, a.ID, nil, "x.txt", []byte("text"), 0)
		return
	}); err != nil {
		t.Fatal(err)
	}
	later := s.now().Add(48 * time.Hour)
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.DeleteUnattached(ctx, b.ID, later) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Attachment(ctx, a.ID, loose.ID); err != nil {
		t.Errorf("B's cleanup removed A's file: %v", err)
	}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.DeleteUnattached(ctx, a.ID, later) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Attachment(ctx, a.ID, loose.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("loose file kept: %v", err)
	}
	if list, _ := s.Attachments(ctx, a.ID, ag.ID); len(list) != 1 {
		t.Errorf("cleanup removed an agreement's file")
	}
}

func TestActivityLinksNoticesReviews(t *testing.T) {
	ctx := context.Background()
	s := openAgreementStore(t)
	a, b := agreementOrg(t, s, "aaa"), agreementOrg(t, s, "bbb")
	var actA, actB, actC int64
	now := s.now()
	for _, x := range []struct {
		org  int64
		name string
		data string
		id   *int64
	}{{a.ID, "Ledenadministratie", `{"name":"Ledenadministratie","status":"concept","processors":[{"name":"Wise"}]}`, &actA}, {b.ID, "Other", `{"name":"Other","status":"concept"}`, &actB}, {a.ID, "Nieuwsbrief", `{"name":"Nieuwsbrief","status":"concept","processors":[{"name":"Hellodialog"}]}`, &actC}} {
		if err := s.write.QueryRowContext(ctx, s.dialect.Rebind("INSERT INTO activities (org_id, name, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id"), x.org, x.name, x.data, now, now).Scan(x.id); err != nil {
			t.Fatal(err)
		}
	}
	ag := sampleAgreement(a.ID, nil)
	if err := s.InTx(ctx, func(tx *Tx) error {
		if err := tx.CreateAgreement(ctx, ag); err != nil {
			return err
		}
		return tx.LinkActivity(ctx, a.ID, ag.ID, actA)
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.LinkActivity(ctx, a.ID, ag.ID, actB) }); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("link to B's activity: %v", err)
	}
	linked, _ := s.LinkedActivities(ctx, a.ID, ag.ID)
	if len(linked) != 1 || linked[0].Name != "Ledenadministratie" || !linked[0].Running {
		t.Errorf("linked %+v", linked)
	}
	st, _ := s.ActivityAgreementStatus(ctx, a.ID)
	if st[actA] != agreement.StatusSigned {
		t.Errorf("activity status %v", st)
	}
	ws, _ := s.UnlinkedProcessorWarnings(ctx, a.ID)
	if len(ws) != 1 || ws[0].Args[1] != "Hellodialog" {
		t.Errorf("unlinked warnings %+v", ws)
	}

	// A notice on the 14-day window.
	n := &agreement.Notice{OrgID: a.ID, AgreementID: ag.ID, Subprocessor: "Newco", Country: "Duitsland", NoticeDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.CreateNotice(ctx, n) }); err != nil {
		t.Fatal(err)
	}
	if !n.Deadline.Equal(time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)) || n.Country != "DE" {
		t.Errorf("notice deadline %v country %s", n.Deadline, n.Country)
	}
	bad := &agreement.Notice{OrgID: a.ID, AgreementID: ag.ID, Subprocessor: "X", NoticeDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Deadline: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.CreateNotice(ctx, bad) }); err == nil {
		t.Error("objection window before the notice accepted")
	}
	if open, _ := s.Notices(ctx, a.ID, 0); len(open) != 1 {
		t.Errorf("open notices %d", len(open))
	}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.DecideNotice(ctx, b.ID, n.ID, "object", "reden", "x") }); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("B decides A's notice: %v", err)
	}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.DecideNotice(ctx, a.ID, n.ID, "object", "reden", "fg") }); err != nil {
		t.Fatal(err)
	}
	if open, _ := s.Notices(ctx, a.ID, 0); len(open) != 0 {
		t.Errorf("decided notice still open")
	}
	if got, _ := s.Agreement(ctx, a.ID, ag.ID); sub(got, "Newco") != nil {
		t.Error("an objected sub-processor joined the agreement's list")
	}
	// An accepted notice puts the new sub-processor on the agreement's list
	// (it did not before), classified, and the change is audited.
	acc := &agreement.Notice{OrgID: a.ID, AgreementID: ag.ID, Subprocessor: "Mailco", Country: "VS", Service: "mail", NoticeDate: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.CreateNotice(ctx, acc) }); err != nil {
		t.Fatal(err)
	}
	head, _ := s.AuditHead(ctx, a.ID)
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.DecideNotice(ctx, a.ID, acc.ID, "accept", "", "fg") }); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Agreement(ctx, a.ID, ag.ID)
	if m := sub(got, "Mailco"); m == nil || m.Country == nil || *m.Country != "US" || m.Class != country.Adequate || m.Service != "mail" {
		t.Errorf("accepted sub-processor not on the list as noticed: %+v", got.Terms.Subprocessors.Named)
	}
	if trail, _ := s.AuditLog(ctx, a.ID, AuditFilter{Entity: "agreement", EntityID: ag.ID}); len(trail) == 0 || trail[0].Seq <= head {
		t.Error("the change of the list is not in the agreement's audit trail")
	}

	r := &agreement.Review{OrgID: a.ID, AgreementID: ag.ID, Reviewer: "fg", Conclusion: "ok"}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.AddReview(ctx, r) }); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Agreement(ctx, a.ID, ag.ID)
	if got.LastReviewedAt == nil || !got.LastReviewedAt.Equal(now) {
		t.Errorf("last reviewed %v", got.LastReviewedAt)
	}
	if rs, _ := s.Reviews(ctx, a.ID, 0, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)); len(rs) != 1 {
		t.Errorf("reviews of 2026: %d", len(rs))
	}
	if m, _ := s.AgreementReviewMonth(ctx, a.ID); m != 1 {
		t.Errorf("default review month %d", m)
	}
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.SetAgreementReviewMonth(ctx, a.ID, 13) }); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("month 13: %v", err)
	}
	// Deleting the agreement takes its links along.
	if err := s.InTx(ctx, func(tx *Tx) error { return tx.DeleteAgreement(ctx, a.ID, ag.ID) }); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.ActivityAgreementStatus(ctx, a.ID); len(st) != 0 {
		t.Errorf("links left: %v", st)
	}
}

// testDBURL makes a throw-away PostgreSQL database when
// PRIVACYREGISTER_TEST_DB is set (as testutil does; testutil imports store,
// so this package cannot use it).
func testDBURL(t *testing.T) string {
	base := os.Getenv("PRIVACYREGISTER_TEST_DB")
	if base == "" {
		return ""
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "prtest_ag_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(base)
	u.Path = "/" + name
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", base); err == nil {
			_, _ = a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	return u.String()
}

// sub returns the agreement's sub-processor of that name, or nil.
func sub(a *agreement.Agreement, name string) *agreement.Subprocessor {
	for i, sp := range a.Terms.Subprocessors.Named {
		if sp.Name == name {
			return &a.Terms.Subprocessors.Named[i]
		}
	}
	return nil
}
