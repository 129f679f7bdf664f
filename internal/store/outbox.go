package store

import (
	"context"
	"strings"
	"time"

	"privacyregister/internal/mail"
)

// Kinds of mail, as the outbox page names them.
const (
	MailIncidentReported = "incident reported"
	MailIncidentReminder = "incident reminder"
	MailRequestReminder  = "request reminder"
	MailRequestReceived  = "request received"
	MailDigest           = "weekly digest"
)

// Delivery of the outbox: a failed attempt is tried again after
// mailBackoff(attempts), and given up after MailMaxAttempts (about four
// hours of trying). A claimed message is leased for mailLease, longer
// than an SMTP conversation may take, so a process that dies while
// sending leaves it to another.
const (
	MailMaxAttempts = 8
	mailLease       = 5 * time.Minute
	mailKeepSent    = 7 * 24 * time.Hour
	mailKeepFailed  = 30 * 24 * time.Hour
	mailMaxFailures = 3 // failed sends per run before the rest waits for the next
	mailErrorMax    = 500
)

func mailBackoff(attempts int) time.Duration {
	d := time.Minute << (attempts - 1)
	if attempts < 1 || d > time.Hour {
		return time.Hour
	}
	return d
}

// OutMail is a message to queue: Body is plain text (see mail.Message);
// LinkPath, when set, is appended to it with the site's address when it
// is sent.
type OutMail struct {
	Kind     string
	To       []string
	Lang     string
	Subject  string
	Body     string
	LinkPath string
}

// QueueMail writes a message to the outbox, in the transaction of the
// change or claim it tells of: the two are stored together or not at all.
// Send it after the commit with SendQueuedMail. The outbox is delivery,
// not administration: the change it tells of is audited, the row is not.
func (tx *Tx) QueueMail(ctx context.Context, orgID int64, m OutMail) error {
	if len(m.To) == 0 {
		return nil
	}
	lang := m.Lang
	if lang == "" {
		lang = "nl"
	}
	_, err := tx.insert(ctx, `INSERT INTO mail_outbox (org_id, kind, recipients, lang, subject, body, link_path, message_id, created_at, next_attempt_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, m.Kind, strings.Join(m.To, "\n"), lang, m.Subject, m.Body, m.LinkPath, mail.NewID(), tx.s.now(), tx.s.now())
	return err
}

// SendQueuedMail sends the messages of the outbox that are due, oldest
// first. Each is claimed by one conditional update, so several processes
// send it once; a failed send is recorded (attempts, last error, next try
// with back-off) and given up after MailMaxAttempts. It returns the number
// sent and the first error.
func (s *Store) SendQueuedMail(ctx context.Context, sender mail.Sender, baseURL string) (int, error) {
	if sender == nil {
		return 0, nil
	}
	now := s.now()
	// Sent messages are kept a week, for tracing a complaint, failed ones
	// a month; then removed: the addresses are personal data.
	if _, err := s.exec(ctx, "DELETE FROM mail_outbox WHERE sent_at < ? OR failed_at < ?", now.Add(-mailKeepSent), now.Add(-mailKeepFailed)); err != nil {
		return 0, err
	}
	rows, err := s.query(ctx, `SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL
		AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT 100`, now)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, mapErr(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, mapErr(err)
	}
	sent, failures := 0, 0
	var first error
	for _, id := range ids {
		ok, err := s.sendOne(ctx, sender, baseURL, id)
		if ok {
			sent++
		}
		if err != nil {
			if first == nil {
				first = err
			}
			if failures++; failures >= mailMaxFailures {
				break
			}
		}
	}
	return sent, first
}

// sendOne claims, sends and records one message; ok is whether it was sent.
func (s *Store) sendOne(ctx context.Context, sender mail.Sender, baseURL string, id int64) (bool, error) {
	now := s.now()
	res, err := s.exec(ctx, `UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?
		WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?)`,
		now.Add(mailLease), id, now)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil // another process has it
	}
	var kind, to, lang, subject, body, path, msgID string
	var attempts int
	if err := s.queryRow(ctx, "SELECT kind, recipients, lang, subject, body, link_path, message_id, attempts FROM mail_outbox WHERE id = ?", id).
		Scan(&kind, &to, &lang, &subject, &body, &path, &msgID, &attempts); err != nil {
		return false, mapErr(err)
	}
	if path != "" {
		body += strings.TrimSuffix(baseURL, "/") + path + "\n"
	}
	// The caller's request may end; the sender bounds the conversation.
	sendErr := sender.Send(context.WithoutCancel(ctx), mail.Message{ID: msgID, To: strings.Split(to, "\n"), Lang: lang, Subject: subject, Body: body})
	mail.Observe(kind, sendErr)
	done := s.now()
	if sendErr == nil {
		_, err := s.exec(ctx, "UPDATE mail_outbox SET sent_at = ?, next_attempt_at = NULL, last_error = '' WHERE id = ?", done, id)
		return true, err
	}
	msg := sendErr.Error()
	if len(msg) > mailErrorMax {
		msg = strings.ToValidUTF8(msg[:mailErrorMax], "")
	}
	if attempts >= MailMaxAttempts {
		_, err = s.exec(ctx, "UPDATE mail_outbox SET failed_at = ?, next_attempt_at = NULL, last_error = ? WHERE id = ?", done, msg, id)
	} else {
		_, err = s.exec(ctx, "UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?", done.Add(mailBackoff(attempts)), msg, id)
	}
	if err != nil {
		return false, err
	}
	return false, sendErr
}
