// Package web is the server-rendered web application: html/template pages
// (embedded), plain CSS, no inline scripts. Handlers return errors; one
// place (respondError) turns them into status codes and safe messages.
package web

import (
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
	"time"

	"privacyregister/internal/logctx"
	"privacyregister/internal/mail"
	"privacyregister/internal/scim"
	"privacyregister/internal/sso"
	"privacyregister/internal/store"
	"privacyregister/internal/subscription"
)

// Config holds the web settings the command line sets.
type Config struct {
	SecureCookies   bool           // send cookies only over HTTPS
	TrustedProxies  []netip.Prefix // peers whose X-Forwarded-For is read (ClientAddr)
	IdleTimeout     time.Duration  // session ends after this long without a request
	AbsoluteTimeout time.Duration  // session ends this long after sign-in
	MaxUpload       int64          // largest request body accepted, in bytes
	Version         string         // the build in English (Build.String), for what is not a page
	Build           Build          // the build, for the footer
	BaseURL         string         // public address, for links in e-mails
	// MetricsToken, when set, serves /metrics on the main address to
	// requests with this bearer token; empty: not served here.
	MetricsToken string
}

// DefaultConfig are the settings when nothing is configured.
func DefaultConfig() Config {
	return Config{IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 12 * time.Hour, MaxUpload: 20 << 20, Version: "dev"}
}

// Server holds what handlers need.
type Server struct {
	Store  *store.Store
	Config Config
	Log    *slog.Logger
	API    http.Handler // the JSON API, mounted at /api/v1/
	SCIM   http.Handler // SCIM 2.0 provisioning, mounted at /scim/v2/
	Mail   mail.Sender  // e-mail (log-only when no SMTP server is set)
	SSO    *sso.Client  // the OpenID Connect relying party
	pages  *pages
	mux    *http.ServeMux
	// draining is set when shutdown begins: /readyz answers 503.
	draining atomic.Bool

	// Subscriptions follows profiles served by other installations.
	Subscriptions *subscription.Client
}

// New builds the server and its routes.
func New(st *store.Store, cfg Config, log *slog.Logger, api http.Handler) (*Server, error) {
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	s := &Server{Store: st, Config: cfg, Log: log, API: api, Mail: mail.Log{L: log}, SSO: sso.NewClient(), pages: p, mux: http.NewServeMux(),
		SCIM: scim.New(st, log, cfg.BaseURL), Subscriptions: subscription.New(st, false)}
	s.routes()
	return s, nil
}

// Handler is the whole application with its middleware.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "cross-origin request refused", http.StatusForbidden)
	}))
	var h http.Handler = s.mux
	h = cop.Handler(h)
	h = s.limitBody(h)
	h = s.securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	h = s.countRequests(h)
	h = s.requestIDs(h)
	return h
}

// securityHeaders sets the headers every answer carries. HSTS goes with
// --secure-cookies too: behind a TLS-terminating proxy r.TLS is nil, yet the
// operator has said the site is served over HTTPS only.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.TLS != nil || s.Config.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps every request body; uploads larger than the configured
// limit fail while being read, before anything is written.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.Config.MaxUpload)
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Log.ErrorContext(r.Context(), "panic", "path", redactPath(r.URL.Path), "panic", v)
				http.Error(w, "internal error; reference "+logctx.RequestID(r.Context()), http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs method, path (never the query, which may carry
// secrets such as a calendar token), status and duration.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.Log.InfoContext(r.Context(), "request", "method", r.Method, "path", redactPath(r.URL.Path), "status", sw.status, "ms", time.Since(start).Milliseconds())
	})
}

// secretPaths are path prefixes whose next segment is a secret token
// (intake links, calendar feeds); logs show only the prefix.
var secretPaths = []string{"/intake/", "/ical/"}

func redactPath(p string) string {
	for _, pre := range secretPaths {
		if strings.HasPrefix(p, pre) {
			return pre + "***"
		}
	}
	return p
}
