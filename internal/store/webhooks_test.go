package store_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/incident"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
	"privacyregister/internal/webhook"
)

// receiver is a real HTTP endpoint that checks each message as the
// Standard Webhooks specification tells a consumer to: the signed content
// is "webhook-id.webhook-timestamp.body", signed with HMAC-SHA256 under the
// base64 key after "whsec_"; webhook-signature is a space-separated list
// of "v1,<base64>" of which one must match; the timestamp must be within
// five minutes of now. Written here from the specification, not with the
// package's own Sign.
type receiver struct {
	*httptest.Server
	secret string
	now    func() time.Time
	fail   func(n int) bool // answer 500 to the n-th message (from 1)

	mu       sync.Mutex
	n        int
	bodies   []string
	ids      map[string]int
	badSigns int
}

func newReceiver(t *testing.T, now func() time.Time) *receiver {
	r := &receiver{now: now, ids: map[string]int{}}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.n++
	if !verifyStandardWebhook(rc.secret, r.Header, body, rc.now()) {
		rc.badSigns++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if rc.fail != nil && rc.fail(rc.n) {
		http.Error(w, "down", http.StatusInternalServerError)
		return
	}
	rc.ids[r.Header.Get("webhook-id")]++
	rc.bodies = append(rc.bodies, string(body))
	w.WriteHeader(http.StatusNoContent)
}

func verifyStandardWebhook(secret string, h http.Header, body []byte, now time.Time) bool {
	id, ts, sigs := h.Get("webhook-id"), h.Get("webhook-timestamp"), h.Get("webhook-signature")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if id == "" || err != nil {
		return false
	}
	if d := now.Sub(time.Unix(sec, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return false
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%s.%s", id, ts, body)
	want := mac.Sum(nil)
	for _, s := range strings.Fields(sigs) {
		version, b64, ok := strings.Cut(s, ",")
		got, err := base64.StdEncoding.DecodeString(b64)
		if ok && version == "v1" && err == nil && hmac.Equal(got, want) {
			return true
		}
	}
	return false
}

func (rc *receiver) snapshot() (bodies []string, ids map[string]int, bad int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	ids = map[string]int{}
	for k, v := range rc.ids {
		ids[k] = v
	}
	return append([]string(nil), rc.bodies...), ids, rc.badSigns
}

func addEndpoint(t *testing.T, s *store.Store, orgID int64, url string, details bool, events ...string) (*store.WebhookEndpoint, string) {
	t.Helper()
	var e *store.WebhookEndpoint
	var secret string
	if err := s.InTx(context.Background(), func(tx *store.Tx) (err error) {
		e, secret, err = tx.CreateWebhookEndpoint(context.Background(), orgID, url, events, details)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return e, secret
}

// TestWebhookSignedWithoutPersonalData: a reported breach goes to the
// subscribed endpoint, signed per Standard Webhooks, with ids, dossier
// number and deadline only; the breach's title, description and the
// reporter's address reach only an endpoint that asked for details, and
// the description and address never.
func TestWebhookSignedWithoutPersonalData(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 10, 24, 20, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	o := newOrg(t, s, "bieb")
	plain, detailed := newReceiver(t, clock.Now), newReceiver(t, clock.Now)
	e1, sec1 := addEndpoint(t, s, o.ID, plain.URL, false, webhook.IncidentReported)
	_, sec2 := addEndpoint(t, s, o.ID, detailed.URL, true, webhook.IncidentReported, webhook.RequestReceived)
	plain.secret, detailed.secret = sec1, sec2
	if !strings.HasPrefix(sec1, "whsec_") || sec1 == sec2 {
		t.Fatalf("secrets %q %q", sec1, sec2)
	}
	if raw, err := s.RawString(ctx, "SELECT secret FROM webhook_endpoints WHERE id = ?", e1.ID); err != nil || !strings.HasPrefix(raw, "v1:") || strings.Contains(raw, strings.TrimPrefix(sec1, "whsec_")) {
		t.Errorf("secret stored as %q (%v), want sealed", raw, err)
	}
	var i *store.Incident
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) {
		i, err = tx.ReportIncident(ctx, o, incident.Report{Title: "Laptop kwijt in trein", Description: "Laptop met leerlingdossiers van Jan Jansen",
			DiscoveredAt: clock.T.Add(-time.Hour), Reporter: incident.Contact{Name: "Piet Ontdekker", Email: "piet.ontdekker@bieb.example"}},
			incident.Door{Source: store.SourceWeb}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.DeliverWebhooks(ctx, http.DefaultClient, "p1"); err != nil || n != 2 {
		t.Fatalf("delivered %d, %v", n, err)
	}
	for _, rc := range []*receiver{plain, detailed} {
		bodies, _, bad := rc.snapshot()
		if bad != 0 || len(bodies) != 1 {
			t.Fatalf("received %d, %d with a bad signature", len(bodies), bad)
		}
		for _, personal := range []string{"Jan Jansen", "leerlingdossiers", "piet.ontdekker@bieb.example", "Piet Ontdekker"} {
			if strings.Contains(bodies[0], personal) {
				t.Errorf("payload carries %q: %s", personal, bodies[0])
			}
		}
	}
	var got struct {
		Type      string         `json:"type"`
		Timestamp string         `json:"timestamp"`
		Data      map[string]any `json:"data"`
	}
	bodies, _, _ := plain.snapshot()
	if err := json.Unmarshal([]byte(bodies[0]), &got); err != nil {
		t.Fatal(err)
	}
	if got.Type != webhook.IncidentReported || got.Timestamp != "2026-10-24T20:00:00Z" || got.Data["dossier"] != i.Dossier ||
		got.Data["incident_id"] != float64(i.ID) || got.Data["title"] != nil {
		t.Errorf("plain payload %s", bodies[0])
	}
	bodies, _, _ = detailed.snapshot()
	if !strings.Contains(bodies[0], `"title":"Laptop kwijt in trein"`) {
		t.Errorf("detailed payload lacks the title: %s", bodies[0])
	}
	// Delivered once: another run sends nothing.
	if n, err := s.DeliverWebhooks(ctx, http.DefaultClient, "p2"); err != nil || n != 0 {
		t.Errorf("second run delivered %d, %v", n, err)
	}
}

// TestWebhookRetriesThenFails: a 500 is tried again after the first
// back-off (5 s), with the same webhook-id, and the log shows both
// attempts; an endpoint that keeps failing is given up after the last
// back-off step.
func TestWebhookRetriesThenFails(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	o := newOrg(t, s, "bieb")
	rc := newReceiver(t, clock.Now)
	rc.fail = func(n int) bool { return n == 1 }
	e, secret := addEndpoint(t, s, o.ID, rc.URL, false, webhook.IncidentReported)
	rc.secret = secret
	var results []string // what the metrics are told, attempt by attempt
	s.OnWebhookAttempt = func(r string) { results = append(results, r) }
	queueTest := func(id int64) {
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.EnqueueWebhookTest(ctx, o.ID, id) }); err != nil {
			t.Fatal(err)
		}
	}
	queueTest(e.ID)
	if n, err := s.DeliverWebhooks(ctx, http.DefaultClient, "p"); err != nil || n != 0 {
		t.Fatalf("first attempt delivered %d, %v", n, err)
	}
	clock.Add(4 * time.Second)
	if n, _ := s.DeliverWebhooks(ctx, http.DefaultClient, "p"); n != 0 {
		t.Fatal("retried before the back-off ended")
	}
	clock.Add(time.Second)
	if n, err := s.DeliverWebhooks(ctx, http.DefaultClient, "p"); err != nil || n != 1 {
		t.Fatalf("retry delivered %d, %v", n, err)
	}
	ds, err := s.WebhookDeliveries(ctx, o.ID, e.ID, 10)
	if err != nil || len(ds) != 1 {
		t.Fatalf("deliveries %+v %v", ds, err)
	}
	d := ds[0]
	if d.State != store.DeliveryDelivered || len(d.Attempts) != 2 || d.Attempts[0].Status != 500 || d.Attempts[0].Error == "" || d.Attempts[1].Status != 204 {
		t.Errorf("delivery %+v", d)
	}
	if _, ids, _ := rc.snapshot(); ids[d.MsgID] != 1 || len(ids) != 1 {
		t.Errorf("ids received %v, want %s once", ids, d.MsgID)
	}

	rc.fail = func(int) bool { return true }
	queueTest(e.ID)
	for range len(webhook.Backoff) + 1 {
		if _, err := s.DeliverWebhooks(ctx, http.DefaultClient, "p"); err != nil {
			t.Fatal(err)
		}
		clock.Add(15 * time.Hour)
	}
	ds, _ = s.WebhookDeliveries(ctx, o.ID, e.ID, 10)
	if ds[0].State != store.DeliveryFailed || len(ds[0].Attempts) != len(webhook.Backoff)+1 {
		t.Errorf("after %d failures: %s with %d attempts", len(webhook.Backoff)+1, ds[0].State, len(ds[0].Attempts))
	}
	want := []string{"retry", "delivered"}
	for range len(webhook.Backoff) {
		want = append(want, "retry")
	}
	want = append(want, "failed")
	if strings.Join(results, ",") != strings.Join(want, ",") {
		t.Errorf("attempts counted %v, want %v", results, want)
	}
}

// TestWebhookConcurrentWorkersDeliverOnce: two processes sending from the
// same queue at once deliver every message exactly once.
func TestWebhookConcurrentWorkersDeliverOnce(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "bieb")
	rc := newReceiver(t, time.Now)
	e, secret := addEndpoint(t, s, o.ID, rc.URL, false, webhook.RequestReceived)
	rc.secret = secret
	const n = 40
	for range n {
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.EnqueueWebhookTest(ctx, o.ID, e.ID) }); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	counts := make([]int, 2)
	errs := make([]error, 2)
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[w], errs[w] = s.DeliverWebhooks(ctx, http.DefaultClient, fmt.Sprintf("worker-%d", w))
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatal(errs)
	}
	_, ids, bad := rc.snapshot()
	if counts[0]+counts[1] != n || len(ids) != n || bad != 0 {
		t.Fatalf("workers delivered %v, receiver got %d distinct ids (%d bad)", counts, len(ids), bad)
	}
	for id, c := range ids {
		if c != 1 {
			t.Errorf("%s received %d times", id, c)
		}
	}
}

// TestWebhookEndpointAudited: creating, changing and removing an endpoint
// is audited, and the secret is in no audit row.
func TestWebhookEndpointAudited(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "bieb")
	e, secret := addEndpoint(t, s, o.ID, "https://hooks.example/privacy", false, webhook.RequestReceived)
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.UpdateWebhookEndpoint(ctx, o.ID, e.ID, func(x *store.WebhookEndpoint) error { x.Enabled = false; return nil })
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.EnqueueWebhookTest(ctx, o.ID, e.ID) }); err == nil {
		t.Error("a test event queued for a disabled endpoint")
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteWebhookEndpoint(ctx, o.ID, e.ID) }); err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, action := range []string{"create", "update", "delete"} {
		changes, err := s.RawString(ctx, "SELECT changes FROM audit_log WHERE org_id = ? AND entity = ? AND action = ?", o.ID, store.EntityWebhook, action)
		if err != nil {
			t.Fatalf("no %s row: %v", action, err)
		}
		got += action + ":" + changes + "|"
	}
	if !strings.Contains(got, "create:") || !strings.Contains(got, "update:") || !strings.Contains(got, "delete:") || !strings.Contains(got, "hooks.example") {
		t.Errorf("audit rows %q", got)
	}
	if strings.Contains(got, strings.TrimPrefix(secret, "whsec_")) || strings.Contains(got, "secret") {
		t.Errorf("the secret is in the audit trail: %q", got)
	}
	// Another organisation does not reach the endpoint.
	other := newOrg(t, s, "ander")
	e2, _ := addEndpoint(t, s, o.ID, "https://hooks.example/2", false, webhook.RequestReceived)
	if _, err := s.WebhookEndpoint(ctx, other.ID, e2.ID); err == nil {
		t.Error("another organisation reads the endpoint")
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteWebhookEndpoint(ctx, other.ID, e2.ID) }); err == nil {
		t.Error("another organisation deletes the endpoint")
	}
}

// TestWebhookURLAndEvents: only https, or http to this machine; at least
// one known event.
func TestWebhookURLAndEvents(t *testing.T) {
	s := testutil.NewStore(t)
	o := newOrg(t, s, "bieb")
	for _, c := range []struct {
		url    string
		events []string
		field  string
	}{
		{"http://hooks.example/x", []string{webhook.RequestDue}, "url"},
		{"ftp://hooks.example/x", []string{webhook.RequestDue}, "url"},
		{"https://user:pw@hooks.example/x", []string{webhook.RequestDue}, "url"},
		{"https://hooks.example/x", nil, "events"},
		{"https://hooks.example/x", []string{"incident.deleted"}, "events"},
	} {
		err := s.InTx(context.Background(), func(tx *store.Tx) error {
			_, _, err := tx.CreateWebhookEndpoint(context.Background(), o.ID, c.url, c.events, false)
			return err
		})
		if err == nil || !strings.Contains(fmt.Sprintf("%+v", err), c.field) {
			t.Errorf("%s %v: %v, want an error on %s", c.url, c.events, err, c.field)
		}
	}
	addEndpoint(t, s, o.ID, "http://127.0.0.1:9/x", false, webhook.RequestDue)
	addEndpoint(t, s, o.ID, "http://localhost:9/x", false, webhook.RequestDue)
}

// TestWebhookEventsOfChanges: the changes that raise an event queue it in
// their own transaction: a request received and closed, a notification to
// the AP, a sub-processor notice received and decided. A change that
// fails queues nothing.
func TestWebhookEventsOfChanges(t *testing.T) {
	ctx := context.Background()
	s, clock := incidentStore(t)
	o := newOrg(t, s, "bieb")
	e, _ := addEndpoint(t, s, o.ID, "https://hooks.example/x", false, webhook.Events...)
	q := &store.SubjectRequest{}
	q.ReceivedAt, q.Rights = clock.T.Add(-time.Hour), []request.Right{request.Access}
	q.Requester.Name, q.Requester.Email = "Jan Jansen", "jan@example.nl"
	i := newIncident(t, s, o.ID, "mailing", clock.T.Add(-2*time.Hour))
	ag := &agreement.Agreement{OrgID: o.ID, Title: "Verwerkersovereenkomst Hellodialog"}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateRequest(ctx, o.ID, q); err != nil {
			return err
		}
		if _, err := tx.SetRequestState(ctx, o.ID, q.ID, request.InProgress); err != nil {
			return err
		}
		if _, err := tx.ReplyRequest(ctx, o.ID, q.ID, clock.T, "Inzage gegeven", "fg"); err != nil {
			return err
		}
		aware := clock.T.Add(-time.Hour)
		if _, err := tx.UpdateIncident(ctx, o.ID, i.ID, "", func(x *store.Incident) error { x.AwareAt = &aware; return nil }); err != nil {
			return err
		}
		if err := tx.RecordAuthorityNotification(ctx, o.ID, i.ID, &store.AuthorityNotification{Kind: store.NotifyNew, SentAt: clock.T, Reference: "M-1"}, ""); err != nil {
			return err
		}
		if err := tx.CreateAgreement(ctx, ag); err != nil {
			return err
		}
		n := &agreement.Notice{OrgID: o.ID, AgreementID: ag.ID, Subprocessor: "Newco", NoticeDate: clock.T.Add(-24 * time.Hour)}
		if err := tx.CreateNotice(ctx, n); err != nil {
			return err
		}
		return tx.DecideNotice(ctx, o.ID, n.ID, "object", "reden", "fg")
	})
	if err != nil {
		t.Fatal(err)
	}
	// Nothing half-written: a refused change queues nothing.
	_ = s.InTx(ctx, func(tx *store.Tx) error {
		return tx.RecordAuthorityNotification(ctx, o.ID, i.ID, &store.AuthorityNotification{Kind: store.NotifyNew, SentAt: clock.T}, "")
	})
	ds, err := s.WebhookDeliveries(ctx, o.ID, e.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for k := len(ds) - 1; k >= 0; k-- {
		got = append(got, ds[k].Type)
	}
	want := []string{webhook.RequestReceived, webhook.RequestClosed, webhook.IncidentAuthorityNotified, webhook.NoticeReceived, webhook.NoticeDecided}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("queued %v, want %v", got, want)
	}
	payloads, err := s.RawString(ctx, "SELECT payload FROM webhook_deliveries WHERE event_type = ?", webhook.RequestClosed)
	if err != nil || strings.Contains(payloads, "Jan") || strings.Contains(payloads, "jan@example.nl") || !strings.Contains(payloads, q.Reference) {
		t.Errorf("request.closed payload %s (%v)", payloads, err)
	}
}
