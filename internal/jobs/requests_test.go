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

// TestRequestRemindersSentOnce: a request received 1 July 2026 is due
// Monday 3 August 2026 (1 August is a Saturday). On 28 July the week
// reminder goes to the privacy officer, once however often the job runs;
// on 3 August the day reminder follows. A disabled privacy officer gets none.
func TestRequestRemindersSentOnce(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 7, 2, 10, 0, 0, 0, time.UTC)}
	st.Now = clock.Now
	o := &org.Organisation{Short: "bieb", Name: "Bieb"}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		for _, m := range []struct {
			email string
			role  org.Role
		}{{"fg@bieb.example", org.PrivacyOfficer}, {"admin@bieb.example", org.Admin}} {
			if _, err := tx.AddMember(ctx, o.ID, &auth.User{Email: m.email, PasswordHash: "x"}, m.role); err != nil {
				return err
			}
		}
		gone := &auth.User{Email: "gone@bieb.example", PasswordHash: "x"}
		if _, err := tx.AddMember(ctx, o.ID, gone, org.PrivacyOfficer); err != nil {
			return err
		}
		gone.Disabled = true
		if err := tx.UpdateUser(ctx, gone); err != nil {
			return err
		}
		q := &store.SubjectRequest{}
		q.ReceivedAt, q.Rights = time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC), []request.Right{request.Access}
		q.Requester.Name = "A"
		return tx.CreateRequest(ctx, o.ID, q)
	})
	if err != nil {
		t.Fatal(err)
	}
	m := &mail.Memory{}
	d := jobs.Deps{Store: st, Mail: m, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "https://pr.example", Now: clock.Now}
	if err := jobs.RequestReminders(ctx, d); err != nil || len(m.Messages()) != 0 {
		t.Fatalf("2 July: %v, %d mails", err, len(m.Messages()))
	}
	clock.T = time.Date(2026, 7, 28, 6, 0, 0, 0, time.UTC)
	for range 3 {
		if err := jobs.RequestReminders(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	msgs := m.Messages()
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "fg@bieb.example" || !strings.Contains(msgs[0].Body, "03-08-2026") {
		t.Fatalf("28 July: %+v", msgs)
	}
	clock.T = time.Date(2026, 8, 3, 6, 0, 0, 0, time.UTC)
	_ = jobs.RequestReminders(ctx, d)
	_ = jobs.RequestReminders(ctx, d)
	if len(m.Messages()) != 2 {
		t.Fatalf("3 August: %d mails, want 2", len(m.Messages()))
	}
}
