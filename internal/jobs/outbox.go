package jobs

import "context"

func init() {
	// Mail queued with a change (a new incident report) is sent right after
	// the commit, and what a job queued at its end; what could not be sent
	// then is retried, with back-off, by this job.
	Register(Job{Name: "mail outbox", Run: func(ctx context.Context, d Deps) error {
		_, err := d.Store.SendQueuedMail(ctx, d.Mail, d.BaseURL)
		return err
	}})
}

// sendQueued sends what a job queued; what fails stays in the outbox.
func (d Deps) sendQueued(ctx context.Context) {
	if _, err := d.Store.SendQueuedMail(ctx, d.Mail, d.BaseURL); err != nil && ctx.Err() == nil {
		d.Log.Warn("mail not sent yet, it stays in the outbox", "err", err)
	}
}
