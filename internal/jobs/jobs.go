// Package jobs runs periodic work (deadline reminders, digests) from the
// serve process. Every serve process may run the loop: a job must be safe
// to run concurrently and twice, by recording what it has sent in the
// database in the same transaction as it decides to send.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"privacyregister/internal/mail"
	"privacyregister/internal/metrics"
	"privacyregister/internal/store"
	"privacyregister/internal/subscription"
)

// Deps is what a job gets.
type Deps struct {
	Store   *store.Store
	Mail    mail.Sender
	Log     *slog.Logger
	BaseURL string // for links in e-mails, e.g. https://privacy.example.nl
	Now     func() time.Time
	// IncidentLeadHours are the reminders before a breach deadline, in
	// hours; empty means DefaultIncidentLeadHours.
	IncidentLeadHours []int
	// Subscriptions fetches the profiles of processors on other
	// installations, every ProfileEvery (0: subscription.DefaultEvery).
	Subscriptions *subscription.Client
	ProfileEvery  time.Duration
}

// Job is one kind of periodic work.
type Job struct {
	Name string
	Run  func(ctx context.Context, d Deps) error
}

var registered []Job

// Register adds a job; call it from an init function.
func Register(j Job) { registered = append(registered, j) }

// RunOnce runs every job once (tests call this with a fixed clock).
func RunOnce(ctx context.Context, d Deps) {
	for _, j := range registered {
		if ctx.Err() != nil {
			return
		}
		err := j.Run(ctx, d)
		metrics.Job(j.Name, err)
		if err != nil && ctx.Err() == nil {
			d.Log.Error("job failed", "job", j.Name, "err", err)
		}
	}
}

// Loop runs the jobs every interval until ctx ends, and returns when the
// job running at that moment has finished: a shutdown does not cut a
// reminder off between sending it and recording that it was sent. The
// jobs themselves run without ctx's cancellation; the jobs not yet
// started in that round are skipped.
func Loop(ctx context.Context, d Deps, interval time.Duration) { loop(ctx, d, interval, registered) }

func loop(ctx context.Context, d Deps, interval time.Duration, jobs []Job) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		runRound(ctx, d, jobs)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// runRound runs the jobs one after another until stop ends, each with a
// context that stop does not cancel.
func runRound(stop context.Context, d Deps, jobs []Job) {
	run := context.WithoutCancel(stop)
	for _, j := range jobs {
		if stop.Err() != nil {
			return
		}
		err := j.Run(run, d)
		metrics.Job(j.Name, err)
		if err != nil {
			d.Log.Error("job failed", "job", j.Name, "err", err)
		}
	}
}
