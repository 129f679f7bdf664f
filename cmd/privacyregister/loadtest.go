package main

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"privacyregister/internal/loadtest"
)

func init() {
	register(command{name: "loadtest", usage: "--url URL --org SHORT --token pr_... [--email E] [--clients N] [--duration D] [--writes F]",
		summary: "drive a running server with concurrent readers and writers (API and web pages); print requests/s, p50, p99 and errors", run: loadTest})
}

func loadTest(ctx context.Context, e *env, args []string) error {
	fs := newFlags("loadtest", e.stderr)
	cfg := loadtest.Config{}
	fs.StringVar(&cfg.BaseURL, "url", "http://localhost:8080", "address of the running server (loopback only: this is a load)")
	fs.StringVar(&cfg.Org, "org", "", "short name of the organisation")
	fs.StringVar(&cfg.Token, "token", e.cfg.Token, "API token of a privacy officer of the organisation (default $PRIVACYREGISTER_TOKEN)")
	fs.StringVar(&cfg.Email, "email", "", "sign the web clients in as this user (password from $PRIVACYREGISTER_PASSWORD); without it only the API is driven")
	fs.IntVar(&cfg.Clients, "clients", 50, "concurrent clients")
	fs.DurationVar(&cfg.Duration, "duration", 30*time.Second, "how long to run")
	fs.IntVar(&cfg.MaxRequests, "max-requests", 0, "stop after this many requests (0: no bound but the duration)")
	fs.Float64Var(&cfg.WriteShare, "writes", 0.3, "share of requests that write (0 to 1)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if cfg.Org == "" || cfg.Token == "" {
		return usagef("--org and --token are required")
	}
	if u, err := url.Parse(cfg.BaseURL); err != nil || u.Host == "" {
		return usagef("--url: not an address: %q", cfg.BaseURL)
	}
	if cfg.WriteShare < 0 || cfg.WriteShare > 1 || cfg.Clients < 1 || cfg.Duration <= 0 || cfg.Duration > time.Hour {
		return usagef("--writes must be between 0 and 1, --clients at least 1, --duration between 0 and 1h")
	}
	cfg.Password = e.cfg.Password
	res, err := loadtest.Run(ctx, cfg)
	if err != nil {
		return err
	}
	res.Report(e.stdout, cfg)
	if res.Errors > 0 {
		return fmt.Errorf("%d of %d requests failed", res.Errors, res.Requests)
	}
	return nil
}
