package metrics

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"privacyregister/internal/mail"
	storetest "privacyregister/internal/testutil"
)

type failing struct{}

func (failing) Send(context.Context, mail.Message) error { return errors.New("421 try later") }

func TestCountingSender(t *testing.T) {
	sent0, failed0 := testutil.ToFloat64(mails.WithLabelValues("sent")), testutil.ToFloat64(mails.WithLabelValues("failed"))
	ok := CountingSender{Sender: &mail.Memory{}}
	if err := ok.Send(context.Background(), mail.Message{To: []string{"a@x.example"}}); err != nil {
		t.Fatal(err)
	}
	bad := CountingSender{Sender: failing{}}
	if err := bad.Send(context.Background(), mail.Message{}); err == nil {
		t.Fatal("the sender's error was swallowed")
	}
	if d := testutil.ToFloat64(mails.WithLabelValues("sent")) - sent0; d != 1 {
		t.Errorf("sent went up by %v, want 1", d)
	}
	if d := testutil.ToFloat64(mails.WithLabelValues("failed")) - failed0; d != 1 {
		t.Errorf("failed went up by %v, want 1", d)
	}
}

func TestWebhookDeliveries(t *testing.T) {
	WebhookDelivery("delivered")
	WebhookDelivery("failed")
	WebhookDelivery("failed")
	if got := testutil.ToFloat64(WebhookDeliveries.WithLabelValues("failed")); got != 2 {
		t.Fatalf("failed deliveries %v, want 2", got)
	}
}

func TestHandlerToken(t *testing.T) {
	h := Handler("tok")
	for _, c := range []struct {
		auth string
		want int
	}{{"", 401}, {"Bearer nope", 401}, {"tok", 401}, {"Bearer tok", 200}} {
		r := httptest.NewRequest("GET", "/metrics", nil)
		if c.auth != "" {
			r.Header.Set("Authorization", c.auth)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != c.want {
			t.Errorf("Authorization %q: %d, want %d", c.auth, w.Code, c.want)
		}
	}
	// Without a token (a separate, private address) it answers anyone.
	w := httptest.NewRecorder()
	Handler("").ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "privacyregister_webhook_deliveries_total") {
		t.Fatalf("open handler: %d", w.Code)
	}
}

// TestDatabasePools: the pool statistics of the store's connections, on
// either engine.
func TestDatabasePools(t *testing.T) {
	st := storetest.NewStore(t)
	WatchDatabases(st.Pools())
	WatchDatabases(st.Pools()) // again, as a second serve in one process would: no duplicate panic
	w := httptest.NewRecorder()
	Handler("").ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	body := w.Body.String()
	for name := range st.Pools() {
		if !strings.Contains(body, `go_sql_open_connections{db_name="`+name+`"}`) {
			t.Errorf("no pool statistics for %s", name)
		}
	}
}
