package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"privacyregister/internal/api"
	"privacyregister/internal/auth"
	"privacyregister/internal/country"
	"privacyregister/internal/deadline"
	"privacyregister/internal/jobs"
	"privacyregister/internal/logctx"
	"privacyregister/internal/mail"
	"privacyregister/internal/metrics"
	"privacyregister/internal/store"
	"privacyregister/internal/subscription"
	"privacyregister/internal/web"
)

func init() {
	register(command{name: "serve", usage: "[--addr HOST:PORT] [--demo] [--data DIR | --db URL]", summary: "run the web application and the API", run: serve})
}

func serve(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("serve", e)
	addr := fs.String("addr", e.cfg.Addr, "listen address")
	demo := fs.Bool("demo", false, "create the demo organisation (once) and print its sign-in")
	cfg := web.DefaultConfig()
	fs.BoolVar(&cfg.SecureCookies, "secure-cookies", e.cfg.SecureCookies, "send cookies only over HTTPS (set behind a TLS proxy)")
	trustProxy := fs.Bool("trust-proxy", e.cfg.TrustProxy, "deprecated: the same as --trusted-proxies 127.0.0.0/8,::1 (a proxy on this machine)")
	trustedProxies := fs.String("trusted-proxies", e.cfg.TrustedProxies, "comma-separated CIDRs of reverse proxies whose X-Forwarded-For is believed, e.g. 10.0.0.0/8,127.0.0.1/32; the client is the right-most address not in the list")
	maxHashes := fs.Int("max-password-hashes", e.cfg.MaxPasswordHashes, "password checks (argon2id, 64 MiB each) run at once; more wait up to 3 s, then get 429")
	maxMB := fs.Int64("max-upload-mb", 20, "largest upload accepted, in MB")
	decreeFile := fs.String("decree-days", e.cfg.DecreeDays, "JSON file of further days equated with public holidays by royal decree (format of internal/deadline/decree_days.json)")
	countriesFile := fs.String("countries", e.cfg.Countries, "JSON file of countries and adequacy decisions newer than this release (format of internal/country/countries.json), replacing entries with the same code")
	fs.StringVar(&cfg.BaseURL, "base-url", e.cfg.BaseURL, "public address of the application, for links in e-mails")
	smtpAddr := fs.String("smtp", e.cfg.SMTP, "SMTP server host:port for e-mail; empty logs e-mail instead")
	smtpFrom := fs.String("smtp-from", e.cfg.SMTPFrom, "sender address of e-mail")
	metricsAddr := fs.String("metrics-addr", e.cfg.MetricsAddr, "separate listen address for Prometheus metrics at /metrics, e.g. 127.0.0.1:9090 (PRIVACYREGISTER_METRICS_ADDR); on the main address only with PRIVACYREGISTER_METRICS_TOKEN")
	logFormat := fs.String("log-format", e.cfg.LogFormat, "log format: text or json")
	profileEvery := fs.Duration("profile-poll", subscription.DefaultEvery, "how often to fetch each processor profile followed on another installation")
	profileHTTP := fs.Bool("profile-allow-http", false, "also fetch processor profiles over http:// and from private addresses (tests; installations inside one private network)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	cfg.MaxUpload = *maxMB << 20
	var err error
	if cfg.TrustedProxies, err = web.ParseTrustedProxies(*trustedProxies); err != nil {
		return usagef("--trusted-proxies: %v", err)
	}
	if *trustProxy {
		fmt.Fprintln(e.stderr, "--trust-proxy is deprecated: it now trusts X-Forwarded-For only from this machine (127.0.0.0/8, ::1); list your proxies with --trusted-proxies")
		cfg.TrustedProxies = append(cfg.TrustedProxies, web.LoopbackProxies...)
	}
	if *maxHashes < 1 {
		return usagef("--max-password-hashes must be at least 1")
	}
	auth.SetMaxHashes(*maxHashes)
	if *countriesFile != "" {
		n, err := country.Load(*countriesFile)
		if err != nil {
			return fmt.Errorf("--countries: %w", err)
		}
		fmt.Fprintf(e.stdout, "took %d countries from %s (list as of %s)\n", n, *countriesFile, country.AsOf())
	}
	if *decreeFile != "" {
		n, err := addDecreeDays(*decreeFile)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added %d days equated by decree from %s\n", n, *decreeFile)
	}
	cfg.Build = buildInfo()
	cfg.Version = cfg.Build.String()
	cfg.MetricsToken = e.cfg.MetricsToken
	log, err := newLogger(e.stderr, *logFormat)
	if err != nil {
		return err
	}

	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	// Decree days added since the last start move the due dates of open
	// requests.
	if n, err := st.RecountDueDates(ctx); err != nil {
		return fmt.Errorf("recount request due dates: %w", err)
	} else if n > 0 {
		fmt.Fprintf(e.stdout, "moved the due date of %d open requests to the days equated by decree\n", n)
	}
	if *demo {
		if err := ensureDemo(ctx, st, e.stdout); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
	}
	a := api.New(st, log)
	srv, err := web.New(st, cfg, log, a)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	if *smtpAddr != "" {
		// The password comes only from the environment, never a flag, so it
		// does not show in process lists.
		sm := &mail.SMTP{Addr: *smtpAddr, From: *smtpFrom, Username: e.cfg.SMTPUser, Password: e.cfg.SMTPPassword, TLS: e.cfg.SMTPTLS}
		if e.cfg.SMTPCA != "" {
			pool, err := mail.LoadCA(e.cfg.SMTPCA)
			if err != nil {
				return fmt.Errorf("PRIVACYREGISTER_SMTP_CA: %w", err)
			}
			sm.Config = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
		}
		if _, err := mail.Build(sm.From, mail.Message{To: []string{"check@example.org"}}, time.Now()); err != nil {
			return fmt.Errorf("--smtp-from: %w", err)
		}
		srv.Mail = metrics.CountingSender{Sender: sm}
	}
	metrics.WatchDatabases(st.Pools())
	var metricsSrv *http.Server
	if *metricsAddr != "" {
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("--metrics-addr: %w", err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", metrics.Handler(e.cfg.MetricsToken))
		metricsSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = metricsSrv.Serve(mln) }()
		fmt.Fprintf(e.stdout, "metrics on http://%s/metrics\n", mln.Addr())
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://" + ln.Addr().String()
		srv.Config.BaseURL = cfg.BaseURL
	}
	a.Mail, a.BaseURL = srv.Mail, cfg.BaseURL
	srv.Subscriptions = subscription.New(st, *profileHTTP)
	a.Subscriptions = srv.Subscriptions
	go housekeeping(ctx, st, log)
	deps := jobs.Deps{Store: st, Mail: srv.Mail, Log: log, BaseURL: cfg.BaseURL, Now: st.Now, IncidentLeadHours: e.cfg.IncidentReminders,
		Subscriptions: srv.Subscriptions, ProfileEvery: *profileEvery}
	jobsDone := make(chan struct{})
	go func() {
		defer close(jobsDone)
		jobs.Loop(ctx, deps, time.Minute)
	}()
	// Webhooks go out right after the commit that queued them, and their
	// retries when the back-off ends (the 5 s first retry included).
	kick := make(chan struct{}, 1)
	st.OnWebhookQueued = func() {
		select {
		case kick <- struct{}{}:
		default:
		}
	}
	st.OnWebhookAttempt = metrics.WebhookDelivery
	go jobs.WebhookSender(ctx, deps, kick, 5*time.Second)
	fmt.Fprintf(e.stdout, "privacyregister %s on %s, listening on http://%s\n", cfg.Version, st.Engine(), ln.Addr())
	err = serveUntil(ctx, hs, ln, srv.Drain, jobsDone, shutdownTimeout, log)
	if metricsSrv != nil {
		_ = metricsSrv.Close()
	}
	return err
}

// shutdownTimeout bounds a graceful shutdown; orchestrators wait about
// 30 s between SIGTERM and SIGKILL.
const shutdownTimeout = 25 * time.Second

// serveUntil serves on ln until ctx ends (SIGTERM, SIGINT), then shuts
// down gracefully: drain marks the process not ready, the listener closes
// so no new connection is accepted, requests in flight finish, and the
// job loop (which ends with ctx) finishes the job it is running. All of
// it within timeout.
func serveUntil(ctx context.Context, hs *http.Server, ln net.Listener, drain func(), jobsDone <-chan struct{}, timeout time.Duration, log *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests and jobs")
	drain()
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	select {
	case <-jobsDone:
	case <-sctx.Done():
		return errors.New("shutdown: a job was still running when the time was up")
	}
	log.Info("shut down")
	return nil
}

// newLogger writes structured logs in the format asked for. Its handler
// adds the request id to lines logged with a request's context.
func newLogger(w io.Writer, format string) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	switch format {
	case "", "text":
		return slog.New(logctx.NewHandler(slog.NewTextHandler(w, opts))), nil
	case "json":
		return slog.New(logctx.NewHandler(slog.NewJSONHandler(w, opts))), nil
	}
	return nil, usagef("--log-format: say text or json, not %q", format)
}

// housekeeping removes expired sessions and old sign-in failures. Every
// process may run it; the deletes are idempotent.
func housekeeping(ctx context.Context, st *store.Store, log *slog.Logger) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		if err := st.PurgeExpired(ctx, time.Hour); err != nil && ctx.Err() == nil {
			log.Error("housekeeping", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// addDecreeDays extends the calendar of legal periods with the days of a
// newer royal decree, so an administrator need not wait for a release.
func addDecreeDays(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	days, err := deadline.LoadDecreeDays(f)
	if err != nil {
		return 0, err
	}
	// A new calendar rather than a change to the shared one, with the
	// decrees' titles, which the holidays page shows as the source.
	store.RequestCalendar = store.RequestCalendar.With(days...)
	return len(days), nil
}
