package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/webhook"
)

// A process claims webhookBatch deliveries at a time and holds them for
// webhookLease: longer than sending the whole batch can take (each
// attempt ends after webhook.Timeout), so no other process takes one
// while it is still to be sent; a process that died gives them back.
const (
	webhookBatch = 4
	webhookLease = webhookBatch*webhook.Timeout + time.Minute
)

// ProcessID names this process as the holder of a delivery's lease.
var ProcessID = func() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}()

// EnqueueWebhook queues ev for each enabled endpoint of the organisation
// that subscribes to its type, in the transaction of the change it tells
// of: the change and its messages are stored together or not at all.
func (tx *Tx) EnqueueWebhook(ctx context.Context, orgID int64, ev webhook.Event) error {
	rows, err := tx.query(ctx, "SELECT "+webhookCols+" FROM webhook_endpoints WHERE org_id = ? AND enabled = ? ORDER BY id", orgID, true)
	if err != nil {
		return err
	}
	var eps []*WebhookEndpoint
	for rows.Next() {
		e, err := scanWebhook(rows)
		if err != nil {
			rows.Close()
			return err
		}
		if e.Subscribed(ev.Type) {
			eps = append(eps, e)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	for _, e := range eps {
		if err := tx.queueWebhook(ctx, e, ev); err != nil {
			return err
		}
	}
	return nil
}

// EnqueueWebhookOnce queues ev unless an event with the same key (an
// object and its deadline) was queued before; false when it was.
func (tx *Tx) EnqueueWebhookOnce(ctx context.Context, orgID int64, key string, ev webhook.Event) (bool, error) {
	res, err := tx.exec(ctx, "INSERT INTO webhook_events_sent (org_id, key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", orgID, key, tx.s.now())
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, mapErr(err)
	}
	return true, tx.EnqueueWebhook(ctx, orgID, ev)
}

// EnqueueWebhookTest queues a test event to one enabled endpoint.
func (tx *Tx) EnqueueWebhookTest(ctx context.Context, orgID, endpointID int64) error {
	e, err := scanWebhook(tx.queryRow(ctx, "SELECT "+webhookCols+" FROM webhook_endpoints WHERE org_id = ? AND id = ?", orgID, endpointID))
	if err != nil {
		return webhookNotFound(err)
	}
	if !e.Enabled {
		return apperr.New(apperr.Conflict, "This endpoint is disabled; enable it first.")
	}
	return tx.queueWebhook(ctx, e, webhook.Event{Type: webhook.Test, Data: map[string]any{"endpoint_id": e.ID}})
}

func (tx *Tx) queueWebhook(ctx context.Context, e *WebhookEndpoint, ev webhook.Event) error {
	now := tx.s.now()
	if ev.At.IsZero() {
		ev.At = now
	}
	body, err := ev.Body(e.IncludeDetails)
	if err != nil {
		return err
	}
	if _, err := tx.insert(ctx, `INSERT INTO webhook_deliveries (org_id, endpoint_id, msg_id, event_type, payload, state, next_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, e.OrgID, e.ID, webhook.NewMessageID(), ev.Type, string(body), DeliveryPending, now, now); err != nil {
		return err
	}
	tx.webhooksQueued = true
	return nil
}

// claimedDelivery is a delivery this process holds the lease of.
type claimedDelivery struct {
	id, orgID, endpointID int64
	attempts              int
	msg                   webhook.Message
}

// WebhooksDue reports whether a delivery waits to be sent (a cheap read,
// so an idle loop does not take the writer).
func (s *Store) WebhooksDue(ctx context.Context) (bool, error) {
	now := s.now()
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM webhook_deliveries WHERE state = ? AND next_at <= ?
		AND (lease_until IS NULL OR lease_until < ?) LIMIT 1) AS x`, DeliveryPending, now, now).Scan(&n)
	return n > 0, mapErr(err)
}

// claimWebhooks takes the lease of up to limit due deliveries of enabled
// endpoints. On PostgreSQL the rows are picked with SKIP LOCKED and the
// update checks the state again, so two processes never hold the same
// delivery; SQLite has one writer.
func (s *Store) claimWebhooks(ctx context.Context, owner string, limit int) ([]claimedDelivery, error) {
	var out []claimedDelivery
	err := s.InTx(ctx, func(tx *Tx) error {
		out = nil
		now := tx.s.now()
		lock := ""
		if tx.d.Name() == "postgres" {
			lock = " FOR UPDATE OF d SKIP LOCKED"
		}
		rows, err := tx.query(ctx, `UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ?
			WHERE state = ? AND (lease_until IS NULL OR lease_until < ?) AND id IN (
				SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.org_id = d.org_id
				WHERE d.state = ? AND d.next_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?) AND e.enabled = ?
				ORDER BY d.id LIMIT ?`+lock+`)
			RETURNING id`, owner, now.Add(webhookLease), DeliveryPending, now, DeliveryPending, now, now, true, limit)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return mapErr(err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return mapErr(err)
		}
		for _, id := range ids {
			var c claimedDelivery
			var payload, secret string
			if err := tx.queryRow(ctx, `SELECT d.id, d.org_id, d.endpoint_id, d.attempts, d.msg_id, d.event_type, d.payload, e.url, e.secret
				FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.org_id = d.org_id WHERE d.id = ?`, id).
				Scan(&c.id, &c.orgID, &c.endpointID, &c.attempts, &c.msg.ID, &c.msg.Type, &payload, &c.msg.URL, &secret); err != nil {
				return mapErr(err)
			}
			c.msg.Body = []byte(payload)
			if c.msg.Secret, err = s.sealer.Open(secret, webhookSecretContext(c.endpointID)); err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// DeliverWebhooks sends the due deliveries, each claimed by owner (a name
// of this process, ProcessID) first, and records every attempt. A failed
// attempt is tried again after webhook.Backoff; after the last one the
// delivery is failed. It returns the number delivered.
func (s *Store) DeliverWebhooks(ctx context.Context, client *http.Client, owner string) (int, error) {
	if due, err := s.WebhooksDue(ctx); err != nil || !due {
		return 0, err
	}
	delivered := 0
	for {
		claimed, err := s.claimWebhooks(ctx, owner, webhookBatch)
		if err != nil || len(claimed) == 0 {
			return delivered, err
		}
		for _, c := range claimed {
			c.msg.Timestamp = s.now()
			res := webhook.Post(ctx, client, c.msg)
			if err := s.finishWebhook(ctx, c, owner, res); err != nil {
				return delivered, err
			}
			if res.OK() {
				delivered++
			}
		}
		if ctx.Err() != nil {
			return delivered, ctx.Err()
		}
	}
}

// finishWebhook records an attempt and the delivery's next state, unless
// the lease was lost meanwhile (then the new holder records its own).
func (s *Store) finishWebhook(ctx context.Context, c claimedDelivery, owner string, res webhook.Result) error {
	recorded := ""
	err := s.InTx(ctx, func(tx *Tx) error {
		now := tx.s.now()
		attempts := c.attempts + 1
		state, next, done := DeliveryPending, now, any(nil)
		switch {
		case res.OK():
			state, done = DeliveryDelivered, now
		case attempts > len(webhook.Backoff):
			state, done = DeliveryFailed, now
		default:
			next = now.Add(webhook.Backoff[attempts-1])
		}
		r, err := tx.exec(ctx, `UPDATE webhook_deliveries SET state = ?, attempts = ?, next_at = ?, done_at = ?, lease_owner = '', lease_until = NULL
			WHERE id = ? AND lease_owner = ? AND state = ?`, state, attempts, next, done, c.id, owner, DeliveryPending)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return nil
		}
		errText := res.Err
		if len(errText) > 300 {
			errText = errText[:300]
		}
		_, err = tx.exec(ctx, "INSERT INTO webhook_attempts (org_id, delivery_id, at, status, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
			c.orgID, c.id, now, res.Status, strings.ToValidUTF8(errText, "?"), res.Duration.Milliseconds())
		recorded = attemptResult(state)
		return err
	})
	if err == nil && recorded != "" && s.OnWebhookAttempt != nil {
		s.OnWebhookAttempt(recorded)
	}
	return err
}

// attemptResult names an attempt by the state it left its delivery in:
// delivered, retry (tried again later) or failed (given up).
func attemptResult(state string) string {
	switch state {
	case DeliveryDelivered:
		return "delivered"
	case DeliveryFailed:
		return "failed"
	}
	return "retry"
}

// PurgeWebhookLog removes finished deliveries (and their attempts) older
// than keep.
func (s *Store) PurgeWebhookLog(ctx context.Context, keep time.Duration) error {
	cut := s.now().Add(-keep)
	return s.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE done_at < ?)", cut); err != nil {
			return err
		}
		_, err := tx.exec(ctx, "DELETE FROM webhook_deliveries WHERE done_at < ?", cut)
		return err
	})
}
