package jobs

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"privacyregister/internal/metrics"
)

// TestLoopLetsTheRunningJobFinish: a shutdown (the loop's context ends)
// while a job runs neither cancels that job's context nor returns before
// the job is done; the jobs after it in the round are not started.
func TestLoopLetsTheRunningJobFinish(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	started, release := make(chan struct{}), make(chan struct{})
	var jobErr error
	laterRan := false
	jobs := []Job{
		{Name: "slow", Run: func(jctx context.Context, d Deps) error {
			close(started)
			<-release
			jobErr = jctx.Err() // still usable after the shutdown began
			return nil
		}},
		{Name: "later", Run: func(context.Context, Deps) error { laterRan = true; return nil }},
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		loop(ctx, Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, time.Hour, jobs)
	}()
	<-started
	stop()
	select {
	case <-done:
		t.Fatal("the loop returned while a job was still running")
	default:
	}
	close(release)
	<-done
	if jobErr != nil {
		t.Fatalf("the running job's context was cancelled: %v", jobErr)
	}
	if laterRan {
		t.Fatal("a job was started after the shutdown began")
	}
}

func TestRunRoundCountsRunsAndFailures(t *testing.T) {
	jobs := []Job{
		{Name: "test-fails", Run: func(context.Context, Deps) error { return errors.New("boom") }},
		{Name: "test-works", Run: func(context.Context, Deps) error { return nil }},
	}
	runRound(context.Background(), Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, jobs)
	for _, c := range []struct {
		metric, job string
		want        float64
	}{
		{"privacyregister_job_runs_total", "test-fails", 1},
		{"privacyregister_job_failures_total", "test-fails", 1},
		{"privacyregister_job_runs_total", "test-works", 1},
		{"privacyregister_job_failures_total", "test-works", 0},
	} {
		if got := counter(t, c.metric, c.job); got != c.want {
			t.Errorf("%s{job=%q} = %v, want %v", c.metric, c.job, got, c.want)
		}
	}
}

// counter reads a counter of the metrics registry by its job label.
func counter(t *testing.T, name, job string) float64 {
	t.Helper()
	fams, err := metrics.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "job" && l.GetValue() == job {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}
