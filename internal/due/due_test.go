package due_test

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/due"
	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestCollect: on Monday 30 November 2026 a request received 1 October
// (due Monday 2 November) is overdue and comes first; a breach aware that
// morning has its AP clock 72 hours on; a DPIA review in March 2027 lies
// beyond a two-week horizon but is on the full list; the breach is marked
// as one and the request carries its rights.
func TestCollect(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return now }
	o := &org.Organisation{Short: "bieb", Name: "Bieb"}
	review := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		q := &store.SubjectRequest{}
		q.ReceivedAt, q.Rights = time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC), []request.Right{request.Erasure}
		q.Requester.Name = "A"
		if err := tx.CreateRequest(ctx, o.ID, q); err != nil {
			return err
		}
		aware := now
		i := &store.Incident{}
		i.Title, i.DiscoveredAt, i.AwareAt = "Phishing", now, &aware
		if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
			return err
		}
		return tx.CreateDPIA(ctx, o.ID, &store.DPIA{Title: "Cameratoezicht", State: "draft", NextReviewAt: &review})
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err := due.Collect(ctx, st, o.ID, now, due.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Fatalf("items %+v, want the request, the breach and the DPIA review", all)
	}
	first, breach, dpia := all[0], all[1], all[2]
	if first.Kind != "Request deadline" || !first.Overdue || len(first.Rights) != 1 || first.Rights[0] != request.Erasure {
		t.Errorf("first item %+v, want the overdue erasure request", first)
	}
	if !breach.Breach || breach.Overdue || !breach.Due.Equal(now.Add(72*time.Hour)) || breach.Path == "" {
		t.Errorf("breach item %+v, want the AP clock 72 hours on", breach)
	}
	if dpia.Kind != "DPIA review" || !dpia.Due.Equal(review) {
		t.Errorf("last item %+v, want the DPIA review", dpia)
	}
	soon, err := due.Collect(ctx, st, o.ID, now, due.Options{Until: now.Add(14 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(soon) != 2 || soon[1].Kind == "DPIA review" {
		t.Errorf("within two weeks: %+v, want the request and the breach only", soon)
	}
}
