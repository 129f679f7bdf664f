package metrics

import (
	"context"

	"privacyregister/internal/mail"
)

// CountingSender counts the mail its Sender sends and fails to send.
type CountingSender struct{ mail.Sender }

// Send sends m and counts the result.
func (c CountingSender) Send(ctx context.Context, m mail.Message) error {
	err := c.Sender.Send(ctx, m)
	if err != nil {
		mails.WithLabelValues("failed").Inc()
	} else {
		mails.WithLabelValues("sent").Inc()
	}
	return err
}
