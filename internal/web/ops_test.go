package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"strings"
	"sync"
	"testing"

	"privacyregister/internal/logctx"
	"privacyregister/internal/testutil"
	"privacyregister/internal/web"
)

// lockedBuffer is a log destination the server writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// opsApp is the web server with a given configuration and its log.
func opsApp(t *testing.T, cfg web.Config) (*web.Server, *httptest.Server, *lockedBuffer) {
	t.Helper()
	st := testutil.NewStore(t)
	logs := &lockedBuffer{}
	log := slog.New(logctx.NewHandler(slog.NewJSONHandler(logs, nil)))
	s, err := web.New(st, cfg, log, http.NotFoundHandler())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return s, srv, logs
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func TestReadyzTurnsUnavailableOnShutdown(t *testing.T) {
	s, srv, _ := opsApp(t, web.DefaultConfig())
	if res, body := get(t, srv.URL+"/readyz"); res.StatusCode != 200 || body != "ready\n" {
		t.Fatalf("readyz on a migrated database: %d %q", res.StatusCode, body)
	}
	s.Drain()
	if res, _ := get(t, srv.URL+"/readyz"); res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("readyz while shutting down: %d, want 503", res.StatusCode)
	}
	// Liveness is another question: the process is still alive.
	if res, _ := get(t, srv.URL+"/healthz"); res.StatusCode != 200 {
		t.Fatalf("healthz while shutting down: %d", res.StatusCode)
	}
}

func TestReadyzWithoutDatabase(t *testing.T) {
	s, srv, _ := opsApp(t, web.DefaultConfig())
	s.Store.Close()
	if res, _ := get(t, srv.URL+"/readyz"); res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the database gone: %d, want 503", res.StatusCode)
	}
}

var hexID = regexp.MustCompile(`^[0-9a-f]{24}$`)

func TestRequestIDs(t *testing.T) {
	cfg := web.DefaultConfig()
	cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	_, srv, _ := opsApp(t, cfg)
	// A new id for a request without one.
	res, _ := get(t, srv.URL+"/healthz")
	if id := res.Header.Get("X-Request-Id"); !hexID.MatchString(id) {
		t.Fatalf("made-up request id %q", id)
	}
	// A trusted proxy's id is kept, so its logs and ours match.
	res, _ = get(t, srv.URL+"/healthz", "X-Request-Id", "3f1c2a9e-proxy.1")
	if id := res.Header.Get("X-Request-Id"); id != "3f1c2a9e-proxy.1" {
		t.Fatalf("proxy's id: got %q", id)
	}
	// An id that could forge a log line is replaced.
	res, _ = get(t, srv.URL+"/healthz", "X-Request-Id", "a b\" level=ERROR")
	if id := res.Header.Get("X-Request-Id"); !hexID.MatchString(id) {
		t.Fatalf("unsafe id passed on: %q", id)
	}

	// From a peer that is not a trusted proxy the id is the server's own.
	_, srv2, _ := opsApp(t, web.DefaultConfig())
	res, _ = get(t, srv2.URL+"/healthz", "X-Request-Id", "chosen-by-client")
	if id := res.Header.Get("X-Request-Id"); !hexID.MatchString(id) {
		t.Fatalf("an untrusted client chose the id: %q", id)
	}
}

// TestInternalErrorShowsRequestID: a user who meets a 500 can quote the
// id, and the log line of the failure carries the same id.
func TestInternalErrorShowsRequestID(t *testing.T) {
	s, srv, logs := opsApp(t, web.DefaultConfig())
	s.Store.Close() // every query now fails: an internal error
	res, body := get(t, srv.URL+"/invite/sometoken")
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", res.StatusCode)
	}
	id := res.Header.Get("X-Request-Id")
	if !hexID.MatchString(id) || !strings.Contains(body, id) {
		t.Fatalf("the error page does not show the request id %q:\n%s", id, body)
	}
	var failed string
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, `"msg":"request failed"`) {
			failed = line
		}
	}
	if !strings.Contains(failed, `"request_id":"`+id+`"`) {
		t.Fatalf("log line of the failure lacks request_id %s: %q", id, failed)
	}
}

func TestMetricsOnTheMainAddress(t *testing.T) {
	// Without a token /metrics is not served on the main address at all.
	_, open, _ := opsApp(t, web.DefaultConfig())
	if res, _ := get(t, open.URL+"/metrics"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("metrics without a token configured: %d, want 404", res.StatusCode)
	}

	cfg := web.DefaultConfig()
	cfg.MetricsToken = "s3cret-metrics-token"
	_, srv, _ := opsApp(t, cfg)
	get(t, srv.URL+"/p/org-4711/privacy")
	if res, _ := get(t, srv.URL+"/metrics"); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("metrics without the token: %d, want 401", res.StatusCode)
	}
	if res, _ := get(t, srv.URL+"/metrics", "Authorization", "Bearer wrong"); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("metrics with a wrong token: %d, want 401", res.StatusCode)
	}
	res, body := get(t, srv.URL+"/metrics", "Authorization", "Bearer s3cret-metrics-token")
	if res.StatusCode != 200 {
		t.Fatalf("metrics with the token: %d", res.StatusCode)
	}
	// Counted under the route pattern, never the path with its values.
	if !strings.Contains(body, `privacyregister_http_requests_total{code="404",method="GET",route="GET /p/{org}/privacy"}`) {
		t.Errorf("no request count by route pattern in:\n%s", grepLines(body, "privacyregister_http"))
	}
	if strings.Contains(body, "org-4711") {
		t.Error("a raw path value became a label")
	}
	for _, name := range []string{"privacyregister_http_request_duration_seconds_bucket", "privacyregister_mail_total", "go_goroutines"} {
		if !strings.Contains(body, name) {
			t.Errorf("metric %s missing", name)
		}
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
