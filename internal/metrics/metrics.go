// Package metrics keeps the Prometheus registry of the serve process:
// requests by route pattern and status, their latency, job runs and
// failures, mail sent and failed, webhook deliveries and the database
// connection pools. Labels are never raw paths or ids, so the number of
// series stays fixed whatever the traffic.
package metrics

import (
	"crypto/subtle"
	"database/sql"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds every metric of the process. It is not the default
// registry, so a library cannot add series behind our back.
var Registry = prometheus.NewRegistry()

var (
	requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "privacyregister_http_requests_total",
		Help: "HTTP requests by route pattern (as the router matched it, never the raw path), method and status code.",
	}, []string{"route", "method", "code"})
	latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "privacyregister_http_request_duration_seconds",
		Help:    "Time to answer an HTTP request, by route pattern.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"route"})
	jobRuns = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "privacyregister_job_runs_total",
		Help: "Runs of a scheduled job, by job name.",
	}, []string{"job"})
	jobFailures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "privacyregister_job_failures_total",
		Help: "Runs of a scheduled job that ended in an error, by job name.",
	}, []string{"job"})
	mails = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "privacyregister_mail_total",
		Help: "E-mail handed to the mail server (result sent) or refused by it (result failed).",
	}, []string{"result"})
	// WebhookDeliveries counts delivery attempts of outgoing webhooks by
	// result ("delivered", "failed", "gave_up", ...); count one with
	// WebhookDelivery.
	WebhookDeliveries = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "privacyregister_webhook_deliveries_total",
		Help: "Delivery attempts of outgoing webhooks, by result.",
	}, []string{"result"})
)

func init() {
	Registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		requests, latency, jobRuns, jobFailures, mails, WebhookDeliveries,
	)
	// Zero series, so a dashboard shows 0 rather than nothing before the
	// first mail.
	mails.WithLabelValues("sent")
	mails.WithLabelValues("failed")
}

// Request counts one answered request. route is the ServeMux pattern
// ("GET /o/{org}/incidents/{id}"), "" when no route matched.
func Request(route, method string, code int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	requests.WithLabelValues(route, method, strconv.Itoa(code)).Inc()
	latency.WithLabelValues(route).Observe(d.Seconds())
}

// Job counts one run of the job name, and a failure when err is not nil.
func Job(name string, err error) {
	jobRuns.WithLabelValues(name).Inc()
	if err != nil {
		jobFailures.WithLabelValues(name).Inc()
	}
}

// WebhookDelivery counts one webhook delivery attempt with its result.
func WebhookDelivery(result string) { WebhookDeliveries.WithLabelValues(result).Inc() }

var (
	dbMu         sync.Mutex
	dbCollectors []prometheus.Collector
)

// WatchDatabases exports the pool statistics (open, in use, idle, waits)
// of each named connection pool, replacing those of an earlier call.
func WatchDatabases(pools map[string]*sql.DB) {
	dbMu.Lock()
	defer dbMu.Unlock()
	for _, c := range dbCollectors {
		Registry.Unregister(c)
	}
	dbCollectors = dbCollectors[:0]
	for name, db := range pools {
		c := collectors.NewDBStatsCollector(db, name)
		Registry.MustRegister(c)
		dbCollectors = append(dbCollectors, c)
	}
}

// Handler serves the registry in the Prometheus text format. With a
// non-empty token it answers only requests that carry
// "Authorization: Bearer <token>".
func Handler(token string) http.Handler {
	h := promhttp.HandlerFor(Registry, promhttp.HandlerOpts{})
	if token == "" {
		return h
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "metrics need a bearer token", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}
