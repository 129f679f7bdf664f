package jobs

import "context"

func init() {
	// Mail queued with a change (a new incident report) is sent right after
	// the commit; what could not be sent then goes out on the next run.
	Register(Job{Name: "mail outbox", Run: func(ctx context.Context, d Deps) error {
		_, err := d.Store.SendQueuedMail(ctx, d.Mail, d.BaseURL)
		return err
	}})
}
