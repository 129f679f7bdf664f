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
	"privacyregister/internal/store"
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
		if err := j.Run(ctx, d); err != nil && ctx.Err() == nil {
			d.Log.Error("job failed", "job", j.Name, "err", err)
		}
	}
}

// Loop runs the jobs every interval until ctx ends.
func Loop(ctx context.Context, d Deps, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		RunOnce(ctx, d)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
