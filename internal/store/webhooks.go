package store

import (
	"context"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/webhook"
)

// EntityWebhook is the audit kind of a webhook endpoint.
const EntityWebhook = "webhook_endpoint"

// WebhookEndpoint is where an organisation's events are posted. The
// secret is never part of it: it is shown once, when created, and kept
// sealed for signing.
type WebhookEndpoint struct {
	ID             int64     `json:"id"`
	OrgID          int64     `json:"-"`
	URL            string    `json:"url"`
	Events         []string  `json:"events"`
	IncludeDetails bool      `json:"include_details"`
	Enabled        bool      `json:"enabled"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"-"`
}

// Subscribed reports whether the endpoint takes events of type t.
func (e *WebhookEndpoint) Subscribed(t string) bool {
	for _, x := range e.Events {
		if x == t {
			return true
		}
	}
	return false
}

func webhookSecretContext(id int64) string { return "webhook " + incItoa(id) }

const webhookCols = "id, org_id, url, events, include_details, enabled, created_at, updated_at"

func scanWebhook(sc interface{ Scan(...any) error }) (*WebhookEndpoint, error) {
	var e WebhookEndpoint
	var events string
	if err := sc.Scan(&e.ID, &e.OrgID, &e.URL, &events, &e.IncludeDetails, &e.Enabled, &e.CreatedAt, &e.UpdatedAt); err != nil {
		return nil, mapErr(err)
	}
	e.Events = strings.Fields(events)
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return &e, nil
}

// CreateWebhookEndpoint registers an endpoint and returns it with its new
// secret, to be shown once.
func (tx *Tx) CreateWebhookEndpoint(ctx context.Context, orgID int64, rawURL string, events []string, details bool) (*WebhookEndpoint, string, error) {
	u, err := webhook.CheckURL(rawURL)
	if err != nil {
		return nil, "", err
	}
	if events, err = webhook.CheckEvents(events); err != nil {
		return nil, "", err
	}
	now := tx.s.now()
	e := &WebhookEndpoint{OrgID: orgID, URL: u, Events: events, IncludeDetails: details, Enabled: true, CreatedAt: now, UpdatedAt: now}
	e.ID, err = tx.insert(ctx, `INSERT INTO webhook_endpoints (org_id, url, events, secret, include_details, enabled, created_at, updated_at)
		VALUES (?, ?, ?, '', ?, ?, ?, ?)`, orgID, u, strings.Join(events, " "), details, true, now, now)
	if err != nil {
		return nil, "", err
	}
	// Sealed bound to the row, so a sealed secret copied to another
	// endpoint does not open there.
	secret := webhook.NewSecret()
	if _, err := tx.exec(ctx, "UPDATE webhook_endpoints SET secret = ? WHERE org_id = ? AND id = ?",
		tx.s.sealer.Seal(secret, webhookSecretContext(e.ID)), orgID, e.ID); err != nil {
		return nil, "", err
	}
	return e, secret, tx.Audit(ctx, orgID, audit.Create, EntityWebhook, e.ID, nil, e)
}

// UpdateWebhookEndpoint changes an endpoint's events, details choice or
// enabled state (its address and secret stay: register a new endpoint
// for another).
func (tx *Tx) UpdateWebhookEndpoint(ctx context.Context, orgID, id int64, change func(e *WebhookEndpoint) error) (*WebhookEndpoint, error) {
	before, err := scanWebhook(tx.queryRow(ctx, "SELECT "+webhookCols+" FROM webhook_endpoints WHERE org_id = ? AND id = ?"+tx.d.ForUpdate(), orgID, id))
	if err != nil {
		return nil, webhookNotFound(err)
	}
	after := *before
	after.Events = append([]string(nil), before.Events...)
	if err := change(&after); err != nil {
		return nil, err
	}
	if after.Events, err = webhook.CheckEvents(after.Events); err != nil {
		return nil, err
	}
	after.UpdatedAt = tx.s.now()
	if _, err := tx.exec(ctx, "UPDATE webhook_endpoints SET events = ?, include_details = ?, enabled = ?, updated_at = ? WHERE org_id = ? AND id = ?",
		strings.Join(after.Events, " "), after.IncludeDetails, after.Enabled, after.UpdatedAt, orgID, id); err != nil {
		return nil, err
	}
	return &after, tx.Audit(ctx, orgID, audit.Update, EntityWebhook, id, before, &after)
}

// DeleteWebhookEndpoint removes an endpoint with its queue and log.
func (tx *Tx) DeleteWebhookEndpoint(ctx context.Context, orgID, id int64) error {
	before, err := scanWebhook(tx.queryRow(ctx, "SELECT "+webhookCols+" FROM webhook_endpoints WHERE org_id = ? AND id = ?", orgID, id))
	if err != nil {
		return webhookNotFound(err)
	}
	if _, err := tx.exec(ctx, "DELETE FROM webhook_attempts WHERE org_id = ? AND delivery_id IN (SELECT id FROM webhook_deliveries WHERE org_id = ? AND endpoint_id = ?)", orgID, orgID, id); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM webhook_deliveries WHERE org_id = ? AND endpoint_id = ?", orgID, id); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM webhook_endpoints WHERE org_id = ? AND id = ?", orgID, id); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, EntityWebhook, id, before, nil)
}

func webhookNotFound(err error) error {
	if apperr.Is(err, apperr.NotFound) {
		return apperr.NotFoundf("webhook endpoint not found")
	}
	return err
}

// WebhookEndpoints lists the organisation's endpoints.
func (s *Store) WebhookEndpoints(ctx context.Context, orgID int64) ([]WebhookEndpoint, error) {
	rows, err := s.query(ctx, "SELECT "+webhookCols+" FROM webhook_endpoints WHERE org_id = ? ORDER BY id", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WebhookEndpoint
	for rows.Next() {
		e, err := scanWebhook(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *e)
	}
	return out, mapErr(rows.Err())
}

// WebhookEndpoint returns one endpoint of the organisation.
func (s *Store) WebhookEndpoint(ctx context.Context, orgID, id int64) (*WebhookEndpoint, error) {
	e, err := scanWebhook(s.queryRow(ctx, "SELECT "+webhookCols+" FROM webhook_endpoints WHERE org_id = ? AND id = ?", orgID, id))
	return e, webhookNotFound(err)
}

// WebhookOrgs lists the organisations with an enabled endpoint (for the
// job that enqueues the time-based events).
func (s *Store) WebhookOrgs(ctx context.Context) ([]int64, error) {
	rows, err := s.query(ctx, "SELECT DISTINCT org_id FROM webhook_endpoints WHERE enabled = ? ORDER BY org_id", true)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, id)
	}
	return out, mapErr(rows.Err())
}

// WebhookAttempt is one try of a delivery, for the log.
type WebhookAttempt struct {
	At       time.Time
	Status   int
	Error    string
	Duration time.Duration
}

// WebhookDelivery is one message to one endpoint with its attempts.
type WebhookDelivery struct {
	ID        int64
	MsgID     string
	Type      string
	State     string // pending, delivered, failed
	Attempts  []WebhookAttempt
	NextAt    time.Time
	CreatedAt time.Time
}

// Delivery states.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
)

// WebhookDeliveries lists an endpoint's latest deliveries, newest first,
// each with its attempts.
func (s *Store) WebhookDeliveries(ctx context.Context, orgID, endpointID int64, limit int) ([]WebhookDelivery, error) {
	rows, err := s.query(ctx, `SELECT id, msg_id, event_type, state, next_at, created_at FROM webhook_deliveries
		WHERE org_id = ? AND endpoint_id = ? ORDER BY id DESC LIMIT ?`, orgID, endpointID, limit)
	if err != nil {
		return nil, err
	}
	var out []WebhookDelivery
	byID := map[int64]int{}
	for rows.Next() {
		var d WebhookDelivery
		if err := rows.Scan(&d.ID, &d.MsgID, &d.Type, &d.State, &d.NextAt, &d.CreatedAt); err != nil {
			rows.Close()
			return nil, mapErr(err)
		}
		d.NextAt, d.CreatedAt = d.NextAt.UTC(), d.CreatedAt.UTC()
		byID[d.ID] = len(out)
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, mapErr(err)
	}
	rows, err = s.query(ctx, `SELECT a.delivery_id, a.at, a.status, a.error, a.duration_ms FROM webhook_attempts a
		JOIN webhook_deliveries d ON d.id = a.delivery_id AND d.org_id = a.org_id
		WHERE a.org_id = ? AND d.endpoint_id = ? AND a.delivery_id >= ? ORDER BY a.id`, orgID, endpointID, out[len(out)-1].ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, ms int64
		var a WebhookAttempt
		if err := rows.Scan(&id, &a.At, &a.Status, &a.Error, &ms); err != nil {
			return nil, mapErr(err)
		}
		a.At, a.Duration = a.At.UTC(), time.Duration(ms)*time.Millisecond
		if i, ok := byID[id]; ok {
			out[i].Attempts = append(out[i].Attempts, a)
		}
	}
	return out, mapErr(rows.Err())
}
