package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestGracefulShutdown: on SIGTERM (the context ends) the process turns
// not ready, stops accepting connections, finishes the request in flight
// and waits for the running job before it returns.
func TestGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	inFlight, release := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		close(inFlight)
		<-release
		_, _ = w.Write([]byte("finished"))
	})
	hs := &http.Server{Handler: mux}
	var drained atomic.Bool
	jobsDone := make(chan struct{})
	ctx, sigterm := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- serveUntil(ctx, hs, ln, func() { drained.Store(true) }, jobsDone, time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()

	answer := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + addr + "/slow")
		if err != nil {
			answer <- "error: " + err.Error()
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		answer <- string(b)
	}()
	<-inFlight
	sigterm()

	// New connections are refused once the listener is closed (Shutdown
	// closes it first thing; wait for that rather than a fixed time).
	for i := 0; ; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			break
		}
		c.Close()
		if i == 500 {
			t.Fatal("still accepting connections after the shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !drained.Load() {
		t.Fatal("not marked as draining (readyz would still say ready)")
	}
	close(release)
	if got := <-answer; got != "finished" {
		t.Fatalf("the request in flight got %q", got)
	}
	select {
	case err := <-served:
		t.Fatalf("returned (%v) while a job was still running", err)
	default:
	}
	close(jobsDone)
	if err := <-served; err != nil {
		t.Fatal(err)
	}
}

func TestShutdownTimesOutOnAStuckJob(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = serveUntil(ctx, &http.Server{Handler: http.NotFoundHandler()}, ln, func() {}, make(chan struct{}), time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err == nil {
		t.Fatal("a job that never ends was not reported")
	}
}

func TestHealthcheckCommand(t *testing.T) {
	var ready atomic.Bool
	ready.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" || !ready.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := &cli{t: t, dbFlags: nil}
	if code, out, errs := c.run("", "healthcheck", "--url", srv.URL+"/readyz"); code != 0 || out != "ready\n" {
		t.Fatalf("ready server: %d %q %q", code, out, errs)
	}
	ready.Store(false)
	if code, _, errs := c.run("", "healthcheck", "--url", srv.URL+"/readyz"); code != 1 || !strings.Contains(errs, "503") {
		t.Fatalf("server not ready: %d %q", code, errs)
	}
}
