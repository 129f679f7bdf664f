package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"privacyregister/internal/jobs"
	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
	"privacyregister/internal/webhook"
)

// TestWebhookTimedEvents: a breach the organisation became aware of at
// 19:30 UTC on 24 October 2026 must be notified to the AP within 72 hours
// (art. 33(1) AVG), by 27 October 19:30 UTC. The endpoint gets
// incident.deadline_approaching once within the 24 hours before, and
// incident.deadline_passed once after, however often the job runs. A
// request received on 1 October is due 1 November (art. 12(3)):
// request.due once in the week before.
func TestWebhookTimedEvents(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	aware := time.Date(2026, 10, 24, 19, 30, 0, 0, time.UTC)
	clock := &testutil.Clock{T: aware.Add(time.Hour)}
	st.Now = clock.Now
	o := &org.Organisation{Short: "bieb", Name: "Bieb"}
	var e *store.WebhookEndpoint
	err := st.InTx(ctx, func(tx *store.Tx) (err error) {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		i := &store.Incident{}
		i.Title, i.DiscoveredAt, i.AwareAt = "Newsletter", aware, &aware
		if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
			return err
		}
		q := &store.SubjectRequest{}
		q.ReceivedAt, q.Rights = time.Date(2026, 10, 1, 10, 0, 0, 0, time.UTC), []request.Right{request.Access}
		q.Requester.Name = "Jan Jansen"
		if err := tx.CreateRequest(ctx, o.ID, q); err != nil {
			return err
		}
		e, _, err = tx.CreateWebhookEndpoint(ctx, o.ID, "https://hooks.example/x", []string{webhook.IncidentDeadlineApproaching,
			webhook.IncidentDeadlinePassed, webhook.RequestDue, webhook.RequestReceived}, false)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	deps := jobs.Deps{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clock.Now}
	counts := func(at time.Time) map[string]int {
		clock.T = at
		for range 2 { // twice, as two processes would
			if err := jobs.WebhookEvents(ctx, deps); err != nil {
				t.Fatal(err)
			}
		}
		ds, err := st.WebhookDeliveries(ctx, o.ID, e.ID, 100)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, d := range ds {
			out[d.Type]++
		}
		return out
	}
	due := aware.Add(72 * time.Hour)
	if c := counts(due.Add(-30 * time.Hour)); c[webhook.IncidentDeadlineApproaching] != 0 || c[webhook.RequestDue] != 0 {
		t.Errorf("30 h before: %v", c)
	}
	if c := counts(due.Add(-23 * time.Hour)); c[webhook.IncidentDeadlineApproaching] != 1 || c[webhook.IncidentDeadlinePassed] != 0 {
		t.Errorf("23 h before: %v", c)
	}
	// The request was received before the endpoint existed: no
	// request.received. It is due at the end of Monday 2 November (1
	// November is a Sunday), so request.due comes once the week before
	// that has begun.
	if c := counts(due.Add(time.Minute)); c[webhook.IncidentDeadlineApproaching] != 1 || c[webhook.IncidentDeadlinePassed] != 1 ||
		c[webhook.RequestDue] != 1 || c[webhook.RequestReceived] != 0 {
		t.Errorf("after the deadline: %v", c)
	}
	if c := counts(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)); c[webhook.RequestDue] != 1 {
		t.Errorf("later: %v", c)
	}
	q, err := st.Requests(ctx, o.ID, store.RequestFilter{})
	if err != nil || len(q) != 1 || q[0].DueAt.Format(time.DateOnly) != "2026-11-02" {
		t.Fatalf("request due %v (%v)", q, err)
	}
}
