package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/auth"
	"privacyregister/internal/jobs"
	"privacyregister/internal/mail"
	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestWeeklyDigest: on Monday 30 November 2026 the privacy officer gets
// the request due Monday 7 December (received 5 November; 5 December is a
// Saturday) and both breach deadlines, not the request due 28 December;
// the technicus gets only the breach assigned to them, the beheerder
// nothing; a privacy officer who chose English reads it in English, a
// disabled one gets none. A second run, and a run on Tuesday, send nothing.
func TestWeeklyDigest(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)}
	st.Now = clock.Now
	o := &org.Organisation{Short: "bieb", Name: "Bieb"}
	tech := &auth.User{Email: "tech@bieb.example", PasswordHash: "x"}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		if _, err := tx.AddMember(ctx, o.ID, tech, org.Technician); err != nil {
			return err
		}
		for email, role := range map[string]org.Role{"fg@bieb.example": org.PrivacyOfficer, "admin@bieb.example": org.Admin} {
			if _, err := tx.AddMember(ctx, o.ID, &auth.User{Email: email, PasswordHash: "x"}, role); err != nil {
				return err
			}
		}
		if _, err := tx.AddMember(ctx, o.ID, &auth.User{Email: "dpo@bieb.example", PasswordHash: "x", Lang: "en"}, org.PrivacyOfficer); err != nil {
			return err
		}
		gone := &auth.User{Email: "gone@bieb.example", PasswordHash: "x"}
		if _, err := tx.AddMember(ctx, o.ID, gone, org.PrivacyOfficer); err != nil {
			return err
		}
		gone.Disabled = true
		if err := tx.UpdateUser(ctx, gone); err != nil {
			return err
		}
		for _, received := range []time.Time{time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC), time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)} {
			q := &store.SubjectRequest{}
			q.ReceivedAt, q.Rights = received, []request.Right{request.Access}
			q.Requester.Name = "A"
			if err := tx.CreateRequest(ctx, o.ID, q); err != nil {
				return err
			}
		}
		aware := clock.T
		for title, assignee := range map[string]int64{"Phishing": tech.ID, "Lost laptop": 0} {
			i := &store.Incident{}
			i.Title, i.DiscoveredAt, i.AwareAt, i.AssigneeID = title, aware, &aware, assignee
			if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mem := &mail.Memory{}
	d := jobs.Deps{Store: st, Mail: mem, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "https://p.example", Now: clock.Now}

	clock.T = time.Date(2026, 11, 30, 4, 30, 0, 0, time.UTC) // 05:30 in Amsterdam: too early
	if err := jobs.WeeklyDigest(ctx, d); err != nil || len(mem.Messages()) != 0 {
		t.Fatalf("Monday 05:30: %v, %d mails", err, len(mem.Messages()))
	}
	clock.T = time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)
	for range 2 {
		if err := jobs.WeeklyDigest(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	byTo := map[string]mail.Message{}
	for _, m := range mem.Messages() {
		if len(m.To) != 1 {
			t.Fatalf("mail to %v", m.To)
		}
		if _, dup := byTo[m.To[0]]; dup {
			t.Fatalf("two digests to %s", m.To[0])
		}
		byTo[m.To[0]] = m
	}
	if len(byTo) != 3 {
		t.Fatalf("digests to %v, want the two active privacy officers and the technicus", byTo)
	}
	en := byTo["dpo@bieb.example"]
	if !strings.Contains(en.Body, "Request deadline") || !strings.Contains(en.Body, "Breach: notify the AP") || !strings.HasPrefix(en.Subject, "Weekly overview") {
		t.Errorf("English digest is not in English:\n%s\n%s", en.Subject, en.Body)
	}
	fg := byTo["fg@bieb.example"].Body
	for _, want := range []string{"07-12-2026", "Termijn verzoek", "2026-001", "2026-002", "Datalek: melden aan de AP", "https://p.example/o/bieb/requests/"} {
		if !strings.Contains(fg, want) {
			t.Errorf("officer's digest lacks %q:\n%s", want, fg)
		}
	}
	// A breach is named by its dossier number only: its title may name a
	// person, and mail passes servers outside the organisation.
	if strings.Contains(fg, "Phishing") || strings.Contains(fg, "Lost laptop") {
		t.Errorf("officer's digest carries a breach's title:\n%s", fg)
	}
	if strings.Contains(fg, "28-12-2026") {
		t.Errorf("officer's digest lists a request due after two weeks:\n%s", fg)
	}
	tb := byTo["tech@bieb.example"].Body
	if strings.Count(tb, "/o/bieb/incidents/") != 1 || strings.Count(fg, "/o/bieb/incidents/") != 2 || strings.Contains(tb, "Termijn verzoek") {
		t.Errorf("technicus's digest is not only their incident:\n%s", tb)
	}
	if sent, err := st.DigestSent(ctx, o.ID, tech.ID, "2026-W49"); err != nil || !sent {
		t.Errorf("digest of week 49 not recorded: %v %v", sent, err)
	}

	clock.T = time.Date(2026, 12, 1, 7, 0, 0, 0, time.UTC)
	if err := jobs.WeeklyDigest(ctx, d); err != nil || len(mem.Messages()) != 3 {
		t.Fatalf("Tuesday: %v, %d mails, want still 3", err, len(mem.Messages()))
	}
}
