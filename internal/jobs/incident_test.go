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
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestIncidentReminders: aware at 21:30 Amsterdam on Saturday 24 October
// 2026 (19:30 UTC), the AP deadline is 27 October 20:30 Amsterdam (19:30
// UTC). The privacy officer gets one mail 24 h before, one 6 h before and
// one when it passed, however often (and by however many processes) the
// job runs; the beheerder gets none.
func TestIncidentReminders(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	aware := time.Date(2026, 10, 24, 19, 30, 0, 0, time.UTC)
	clock := &testutil.Clock{T: aware.Add(time.Hour)}
	st.Now = clock.Now
	o := &org.Organisation{Short: "bieb", Name: "Bieb"}
	i := &store.Incident{}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		for email, role := range map[string]org.Role{"fg@bieb.example": org.PrivacyOfficer, "admin@bieb.example": org.Admin} {
			if _, err := tx.AddMember(ctx, o.ID, &auth.User{Email: email, PasswordHash: "x"}, role); err != nil {
				return err
			}
		}
		i.Title, i.DiscoveredAt, i.AwareAt = "Newsletter", aware, &aware
		return tx.CreateIncident(ctx, o.ID, i)
	})
	if err != nil {
		t.Fatal(err)
	}
	mem := &mail.Memory{}
	deps := jobs.Deps{Store: st, Mail: mem, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "https://p.example", Now: clock.Now}
	run := func(at time.Time) int {
		clock.T = at
		n, err := jobs.IncidentReminders(ctx, deps, []int{24, 6})
		if err != nil {
			t.Fatal(err)
		}
		n2, _ := jobs.IncidentReminders(ctx, deps, []int{24, 6}) // a second process
		return n + n2
	}
	due := aware.Add(72 * time.Hour)
	if n := run(due.Add(-30 * time.Hour)); n != 0 {
		t.Errorf("30 h before: %d mails", n)
	}
	if n := run(due.Add(-23 * time.Hour)); n != 1 {
		t.Errorf("23 h before: %d mails, want 1", n)
	}
	if n := run(due.Add(-22 * time.Hour)); n != 0 {
		t.Errorf("22 h before: %d mails, want 0 (already sent)", n)
	}
	if n := run(due.Add(-5 * time.Hour)); n != 1 {
		t.Errorf("5 h before: %d mails, want 1", n)
	}
	if n := run(due.Add(time.Minute)); n != 1 {
		t.Errorf("after the deadline: %d mails, want 1", n)
	}
	msgs := mem.Messages()
	if len(msgs) != 3 {
		t.Fatalf("%d mails, want 3", len(msgs))
	}
	for _, m := range msgs {
		if len(m.To) != 1 || m.To[0] != "fg@bieb.example" {
			t.Errorf("mail to %v, want only the privacy officer", m.To)
		}
	}
	if !strings.Contains(msgs[0].Body, "27-10-2026 20:30") || !strings.Contains(msgs[0].Body, "/o/bieb/incidents/") {
		t.Errorf("reminder body: %s", msgs[0].Body)
	}
}
