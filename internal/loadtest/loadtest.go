// Package loadtest drives a running privacyregister server over HTTP with
// concurrent clients that read and write through the API and the web
// pages, the way a service centre's users would, and reports throughput,
// latency percentiles and every failed request. It is a measuring tool:
// it sends traffic only to the address it is given (run it on loopback).
package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// Config says what to drive and how hard.
type Config struct {
	BaseURL string // e.g. http://127.0.0.1:8080
	Org     string // the organisation's short name, for the web pages
	Token   string // API token of a privacy officer of Org
	// Email and Password sign the web clients in (one session, shared);
	// without them only the API is driven.
	Email, Password string
	Clients         int
	Duration        time.Duration
	// MaxRequests bounds the whole run (0: only Duration bounds it).
	MaxRequests int
	WriteShare  float64 // share of requests that write, 0..1
}

// Result is what a run measured.
type Result struct {
	Requests, Errors int
	Writes           int
	Elapsed          time.Duration
	P50, P99, Max    time.Duration
	ByOp             map[string]*OpStat
	Samples          []string // the first failures, for the report
}

// OpStat counts one kind of request.
type OpStat struct {
	Requests, Errors int
	P50, P99         time.Duration
	latencies        []time.Duration
}

// op is one kind of request a client makes.
type op struct {
	name  string
	write bool
	do    func(ctx context.Context, c *client, n int) (status int, err error)
}

type client struct {
	cfg  *Config
	http *http.Client
	web  *http.Client // shares the signed-in session's cookie jar
	ids  []int64      // activity ids to read and update
}

// Run drives the server until Duration has passed or MaxRequests were made.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Clients < 1 || cfg.Duration <= 0 {
		return nil, errors.New("loadtest: clients must be at least 1 and the duration positive")
	}
	if cfg.Token == "" {
		return nil, errors.New("loadtest: an API token is required")
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	transport := &http.Transport{MaxIdleConnsPerHost: cfg.Clients, MaxConnsPerHost: cfg.Clients * 2}
	base := &client{cfg: &cfg, http: &http.Client{Transport: transport, Timeout: 60 * time.Second}}
	ids, err := base.activityIDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("loadtest: list activities: %w", err)
	}
	if len(ids) == 0 {
		return nil, errors.New("loadtest: the organisation has no processing activities to read and update (start with --demo, or import a register)")
	}
	base.ids = ids
	ops := apiOps()
	if cfg.Email != "" {
		jar, _ := cookiejar.New(nil)
		base.web = &http.Client{Transport: transport, Timeout: 60 * time.Second, Jar: jar,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		if err := base.signIn(ctx); err != nil {
			return nil, fmt.Errorf("loadtest: sign in: %w", err)
		}
		ops = append(ops, webOps()...)
	}
	var reads, writes []op
	for _, o := range ops {
		if o.write {
			writes = append(writes, o)
		} else {
			reads = append(reads, o)
		}
	}

	type sample struct {
		op      string
		write   bool
		latency time.Duration
		failed  string
	}
	results := make(chan sample, 1024)
	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var budget chan struct{}
	if cfg.MaxRequests > 0 {
		budget = make(chan struct{}, cfg.MaxRequests)
		for range cfg.MaxRequests {
			budget <- struct{}{}
		}
		close(budget)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for w := range cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), uint64(start.UnixNano())))
			for n := 0; runCtx.Err() == nil; n++ {
				if budget != nil {
					if _, ok := <-budget; !ok {
						return
					}
				}
				o := reads[rng.IntN(len(reads))]
				if rng.Float64() < cfg.WriteShare {
					o = writes[rng.IntN(len(writes))]
				}
				t0 := time.Now()
				status, err := o.do(runCtx, base, w*1_000_000+n)
				s := sample{op: o.name, write: o.write, latency: time.Since(t0)}
				if runCtx.Err() != nil && err != nil {
					return // cut off by the end of the run, not a failure
				}
				if err != nil {
					s.failed = fmt.Sprintf("%s: %d %v", o.name, status, err)
				}
				results <- s
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	res := &Result{ByOp: map[string]*OpStat{}}
	var all []time.Duration
	for s := range results {
		st := res.ByOp[s.op]
		if st == nil {
			st = &OpStat{}
			res.ByOp[s.op] = st
		}
		st.Requests++
		st.latencies = append(st.latencies, s.latency)
		all = append(all, s.latency)
		res.Requests++
		if s.write {
			res.Writes++
		}
		if s.failed != "" {
			st.Errors++
			res.Errors++
			if len(res.Samples) < 10 {
				res.Samples = append(res.Samples, s.failed)
			}
		}
	}
	res.Elapsed = time.Since(start)
	res.P50, res.P99, res.Max = percentile(all, 50), percentile(all, 99), percentile(all, 100)
	for _, st := range res.ByOp {
		st.P50, st.P99 = percentile(st.latencies, 50), percentile(st.latencies, 99)
	}
	return res, nil
}

// percentile returns the p-th percentile (nearest rank) of d, sorting it.
func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	i := (len(d)*p + 99) / 100
	return d[max(i-1, 0)]
}

// Report writes the result as a reader expects it.
func (r *Result) Report(w io.Writer, cfg Config) {
	rate := float64(r.Requests) / r.Elapsed.Seconds()
	fmt.Fprintf(w, "%d clients for %s against %s: %d requests (%d writes), %.1f requests/s\n",
		cfg.Clients, r.Elapsed.Round(time.Millisecond), cfg.BaseURL, r.Requests, r.Writes, rate)
	fmt.Fprintf(w, "latency p50 %s, p99 %s, max %s; errors %d\n", ms(r.P50), ms(r.P99), ms(r.Max), r.Errors)
	names := make([]string, 0, len(r.ByOp))
	for n := range r.ByOp {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		st := r.ByOp[n]
		fmt.Fprintf(w, "  %-28s %6d requests  p50 %8s  p99 %8s  errors %d\n", n, st.Requests, ms(st.P50), ms(st.P99), st.Errors)
	}
	for _, s := range r.Samples {
		fmt.Fprintf(w, "  failed: %s\n", s)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// api sends a JSON request with the token and decodes a JSON answer into
// out (when not nil). Any status of 400 and above is an error.
func (c *client) api(ctx context.Context, method, path string, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.cfg.BaseURL+path, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return resp.StatusCode, fmt.Errorf("%s %s: %s", method, path, strings.Join(strings.Fields(string(msg)), " "))
	}
	if out != nil {
		return resp.StatusCode, json.NewDecoder(resp.Body).Decode(out)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

// page fetches a web page (GET) or posts a form, with the session. A web
// form answers a redirect (303) when it saved; 400 and above is an error.
func (c *client) page(ctx context.Context, method, path string, form url.Values) (int, error) {
	var rd io.Reader
	if form != nil {
		rd = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, c.cfg.BaseURL+path, rd)
	if err != nil {
		return 0, err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.web.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode >= 400 {
		return resp.StatusCode, fmt.Errorf("%s %s answered %d", method, path, resp.StatusCode)
	}
	if method == http.MethodGet && resp.StatusCode != http.StatusOK {
		return resp.StatusCode, fmt.Errorf("GET %s answered %d (signed out?)", path, resp.StatusCode)
	}
	return resp.StatusCode, err
}

func (c *client) signIn(ctx context.Context) error {
	status, err := c.page(ctx, http.MethodPost, "/login", url.Values{"email": {c.cfg.Email}, "password": {c.cfg.Password}})
	if err != nil {
		return err
	}
	if status != http.StatusSeeOther && status != http.StatusFound {
		return fmt.Errorf("the sign-in form answered %d, not a redirect (wrong password, or two-factor sign-in is on)", status)
	}
	u, _ := url.Parse(c.cfg.BaseURL)
	for _, ck := range c.web.Jar.Cookies(u) {
		if ck.Value != "" {
			return nil
		}
	}
	return errors.New("no session cookie after signing in")
}

// activityIDs lists the activities the run reads and updates.
func (c *client) activityIDs(ctx context.Context) ([]int64, error) {
	var page json.RawMessage
	if _, err := c.api(ctx, http.MethodGet, "/api/v1/activities?limit=200", nil, &page); err != nil {
		return nil, err
	}
	// The list is an array, or an object with the array in one of its
	// fields (the page's items beside its total and next link).
	type item struct {
		ID int64 `json:"id"`
	}
	var acts []item
	if err := json.Unmarshal(page, &acts); err != nil {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(page, &obj); err != nil {
			return nil, err
		}
		for _, v := range obj {
			if json.Unmarshal(v, &acts) == nil && len(acts) > 0 {
				break
			}
		}
	}
	ids := make([]int64, 0, len(acts))
	for _, a := range acts {
		ids = append(ids, a.ID)
	}
	return ids, nil
}

func apiOps() []op {
	return []op{
		{name: "api list activities", do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.api(ctx, http.MethodGet, "/api/v1/activities?limit=50", nil, nil)
		}},
		{name: "api one activity", do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.api(ctx, http.MethodGet, fmt.Sprintf("/api/v1/activities/%d", c.ids[n%len(c.ids)]), nil, nil)
		}},
		{name: "api list incidents", do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.api(ctx, http.MethodGet, "/api/v1/incidents", nil, nil)
		}},
		{name: "api list tasks", do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.api(ctx, http.MethodGet, "/api/v1/tasks", nil, nil)
		}},
		{name: "api create task", write: true, do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.api(ctx, http.MethodPost, "/api/v1/tasks", map[string]any{"kind": "other", "title": fmt.Sprintf("Belasting %d", n),
				"every_months": 12, "start_month": 1 + n%12, "window_months": 1}, nil)
		}},
		{name: "api report incident", write: true, do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.api(ctx, http.MethodPost, "/api/v1/incidents", map[string]any{"title": fmt.Sprintf("Belasting %d", n),
				"discovered_at": time.Now().UTC().Add(-time.Hour)}, nil)
		}},
		{name: "api update activity", write: true, do: func(ctx context.Context, c *client, n int) (int, error) {
			// Read, change, write back with the version read: when another
			// client saved in between, the server answers 409 rather than
			// lose that change, and the client starts again from a fresh read.
			path := fmt.Sprintf("/api/v1/activities/%d", c.ids[n%len(c.ids)])
			for attempt := 1; ; attempt++ {
				var a map[string]any
				if status, err := c.api(ctx, http.MethodGet, path, nil, &a); err != nil {
					return status, err
				}
				a["contact"] = fmt.Sprintf("belasting-%d@example.org", n)
				status, err := c.api(ctx, http.MethodPut, path, a, nil)
				if status != http.StatusConflict || attempt == 10 {
					return status, err
				}
			}
		}},
	}
}

func webOps() []op {
	return []op{
		{name: "web dashboard", do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.page(ctx, http.MethodGet, "/o/"+c.cfg.Org+"/", nil)
		}},
		{name: "web register", do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.page(ctx, http.MethodGet, "/o/"+c.cfg.Org+"/register?q=leden", nil)
		}},
		{name: "web incidents", do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.page(ctx, http.MethodGet, "/o/"+c.cfg.Org+"/incidents", nil)
		}},
		{name: "web calendar", do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.page(ctx, http.MethodGet, "/o/"+c.cfg.Org+"/calendar", nil)
		}},
		{name: "web create task", write: true, do: func(ctx context.Context, c *client, n int) (int, error) {
			return c.page(ctx, http.MethodPost, "/o/"+c.cfg.Org+"/tasks", url.Values{"kind": {"other"}, "title": {fmt.Sprintf("Formulier %d", n)},
				"every_months": {"12"}, "start_month": {"3"}, "window_months": {"1"}, "active": {"on"}})
		}},
	}
}
