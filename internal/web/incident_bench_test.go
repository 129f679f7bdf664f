package web_test

import (
	"context"
	"log/slog"
	"net/url"
	"os"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// msRecorder keeps the server's own request times ("ms" of its request log).
type msRecorder struct {
	mu sync.Mutex
	ms []int64
}

func (r *msRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (r *msRecorder) WithAttrs([]slog.Attr) slog.Handler       { return r }
func (r *msRecorder) WithGroup(string) slog.Handler            { return r }
func (r *msRecorder) Handle(_ context.Context, rec slog.Record) error {
	if rec.Message != "request" {
		return nil
	}
	rec.Attrs(func(a slog.Attr) bool {
		if a.Key == "ms" {
			r.mu.Lock()
			r.ms = append(r.ms, a.Value.Int64())
			r.mu.Unlock()
		}
		return true
	})
	return nil
}

// TestIncidentPagesSpeed measures, with 10,000 cases (a third still open
// with a running AP deadline), the server-side median time of the register
// and the dashboard over 21 requests (target: under 50 ms). It is a
// measuring script, run with PRIVACYREGISTER_BENCH=1 -v; it asserts no time.
func TestIncidentPagesSpeed(t *testing.T) {
	if os.Getenv("PRIVACYREGISTER_BENCH") == "" {
		t.Skip("set PRIVACYREGISTER_BENCH=1 to run the page benchmark")
	}
	rec := &msRecorder{}
	app, _ := incidentAppLog(t, slog.New(rec))
	o := app.org("bulk")
	app.user(o, "fg@bulk.example", org.PrivacyOfficer)
	ctx := context.Background()
	start := time.Now()
	for batch := 0; batch < 10; batch++ {
		err := app.st.InTx(ctx, func(tx *store.Tx) error {
			for k := 0; k < 1000; k++ {
				i := &store.Incident{}
				i.Title = "Case " + strconv.Itoa(batch*1000+k)
				i.DiscoveredAt = app.st.Now().Add(-time.Duration(k%70) * time.Hour)
				if k%3 == 0 {
					aware := i.DiscoveredAt
					i.AwareAt = &aware
				} else {
					i.Outcome = incident.DocumentOnly
				}
				i.DataTypes = []incident.DataType{incident.EmailAddress}
				if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("created 10000 cases in %v", time.Since(start))
	c := app.signIn("fg@bulk.example")
	for _, path := range []string{"/o/bulk/incidents", "/o/bulk/incidents?q=" + url.QueryEscape("case 99") + "&notified=no&state=open", "/o/bulk/incidents?page=50", "/o/bulk/"} {
		var times []time.Duration
		rec.ms = nil
		for range 21 {
			t0 := time.Now()
			res := c.get(path)
			times = append(times, time.Since(t0))
			if res.StatusCode != 200 {
				t.Fatalf("%s: %d", path, res.StatusCode)
			}
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		server := append([]int64(nil), rec.ms...)
		sort.Slice(server, func(i, j int) bool { return server[i] < server[j] })
		med := server[len(server)/2]
		// A measurement, not an assertion: the target (under 50 ms) is
		// checked by reading this line, since timing depends on the machine.
		t.Logf("%s: server-side median %d ms (client %v); target under 50 ms", path, med, times[10])
	}
}
