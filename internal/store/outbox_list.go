package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
)

// Delivery states of an outbox message.
const (
	MailQueued = "queued"
	MailSent   = "sent"
	MailFailed = "failed"
)

// OutboxMail is a message of the outbox as the Beheer page shows it: no
// body, only what tells whether and why it was (not) delivered.
type OutboxMail struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	To          []string   `json:"to"`
	Subject     string     `json:"subject"`
	State       string     `json:"state"`
	Attempts    int        `json:"attempts"`
	LastError   string     `json:"last_error,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	SentAt      *time.Time `json:"sent_at,omitempty"`
	NextAttempt *time.Time `json:"next_attempt,omitempty"`
	FailedAt    *time.Time `json:"failed_at,omitempty"`
}

// OutboxMails lists the organisation's messages, newest first: those not
// yet sent first, then the sent ones of the past week.
func (s *Store) OutboxMails(ctx context.Context, orgID int64, limit int) ([]OutboxMail, error) {
	rows, err := s.query(ctx, `SELECT id, kind, recipients, subject, attempts, last_error, created_at, sent_at, next_attempt_at, failed_at
		FROM mail_outbox WHERE org_id = ? ORDER BY CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT ?`, orgID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxMail
	for rows.Next() {
		var m OutboxMail
		var to string
		var sent, next, failed sql.NullTime
		if err := rows.Scan(&m.ID, &m.Kind, &to, &m.Subject, &m.Attempts, &m.LastError, &m.CreatedAt, &sent, &next, &failed); err != nil {
			return nil, mapErr(err)
		}
		m.CreatedAt = m.CreatedAt.UTC()
		m.To = strings.Split(to, "\n")
		m.SentAt, m.NextAttempt, m.FailedAt = nullTime(sent), nullTime(next), nullTime(failed)
		switch {
		case m.SentAt != nil:
			m.State = MailSent
		case m.FailedAt != nil:
			m.State = MailFailed
		default:
			m.State = MailQueued
		}
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

// RetryMail makes a message that is not sent due now, with a fresh count
// of attempts when it was given up; send it with SendQueuedMail. Another
// organisation's message is not found.
func (tx *Tx) RetryMail(ctx context.Context, orgID, id int64) error {
	var sent, failed sql.NullTime
	var attempts int
	err := tx.queryRow(ctx, "SELECT sent_at, failed_at, attempts FROM mail_outbox WHERE id = ? AND org_id = ?", id, orgID).Scan(&sent, &failed, &attempts)
	if err == sql.ErrNoRows {
		return apperr.NotFoundf("message not found")
	}
	if err != nil {
		return mapErr(err)
	}
	if sent.Valid {
		return apperr.New(apperr.Conflict, "The message was already sent.")
	}
	before := map[string]any{"state": MailQueued, "attempts": attempts}
	if failed.Valid {
		before["state"], attempts = MailFailed, 0
	}
	if _, err := tx.exec(ctx, "UPDATE mail_outbox SET failed_at = NULL, next_attempt_at = ?, attempts = ? WHERE id = ? AND org_id = ? AND sent_at IS NULL",
		tx.s.now(), attempts, id, orgID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Update, "mail", id, before, map[string]any{"state": MailQueued, "attempts": attempts})
}
