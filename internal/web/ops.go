package web

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"net/netip"
	"time"

	"privacyregister/internal/logctx"
	"privacyregister/internal/metrics"
)

// Drain marks the server as shutting down: /readyz answers 503 from now
// on, so a load balancer stops sending new requests while the running
// ones finish.
func (s *Server) Drain() { s.draining.Store(true) }

// readyz answers 200 only when this process should get traffic: the
// database answers, its schema is migrated, and no shutdown has begun.
// /healthz stays the liveness check (is the process alive at all).
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if s.draining.Load() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	if err := s.Store.Ready(r.Context()); err != nil {
		s.Log.WarnContext(r.Context(), "not ready", "err", err)
		http.Error(w, "not ready", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// metricsRoute serves /metrics on the main address only when a bearer
// token is configured; without one it does not exist here (404), so the
// metrics are never public by accident.
func (s *Server) metricsRoute() http.Handler {
	if s.Config.MetricsToken == "" {
		return http.NotFoundHandler()
	}
	return metrics.Handler(s.Config.MetricsToken)
}

// countRequests records every answer under the pattern the router matched
// (r.Pattern, set in place by the ServeMux, also the API's inner one), so
// ids in paths never become labels.
func (s *Server) countRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		metrics.Request(r.Pattern, r.Method, sw.status, time.Since(start))
	})
}

// requestIDs gives every request an id: the X-Request-Id of a trusted
// proxy (so its logs and ours match), else a new one. It is sent back in
// the response, carried in the context for every log line of the request,
// and shown on the error page so a user can quote it.
func (s *Server) requestIDs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !validRequestID(id) || !s.fromTrustedProxy(r) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(logctx.WithRequestID(r.Context(), id)))
	})
}

func (s *Server) fromTrustedProxy(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	return err == nil && isTrusted(a.WithZone("").Unmap(), s.Config.TrustedProxies)
}

// validRequestID accepts what proxies generate (UUIDs, hex, base64url)
// and nothing that could forge a log line or a header.
func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
