package store

import (
	"context"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
)

// IntakeLink is an organisation's link for reporting an incident without
// an account (staff and volunteers). Only its hash is stored.
type IntakeLink struct {
	ID        int64      `json:"id"`
	OrgID     int64      `json:"org_id"`
	Label     string     `json:"label"`
	Prefix    string     `json:"prefix"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at"`
}

// CreateIntakeLink makes a link and returns its token in clear, once.
func (tx *Tx) CreateIntakeLink(ctx context.Context, orgID int64, label string) (string, *IntakeLink, error) {
	label = strings.TrimSpace(label)
	if label == "" {
		return "", nil, apperr.Invalidf("label", "Give the link a name, e.g. who it is for.")
	}
	if len(label) > 100 {
		return "", nil, apperr.Invalidf("label", "is too long")
	}
	token := auth.NewToken("in_")
	l := &IntakeLink{OrgID: orgID, Label: label, Prefix: token[:9], CreatedAt: tx.s.now()}
	id, err := tx.insert(ctx, "INSERT INTO incident_intake_links (org_id, label, token_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)",
		orgID, label, auth.HashToken(token), l.Prefix, l.CreatedAt)
	if err != nil {
		return "", nil, err
	}
	l.ID = id
	return token, l, tx.Audit(ctx, orgID, audit.Create, "intake_link", id, nil, l)
}

// RevokeIntakeLink ends a link of the organisation.
func (tx *Tx) RevokeIntakeLink(ctx context.Context, orgID, id int64) error {
	return tx.revoke(ctx, orgID, "incident_intake_links", "intake_link", id, apperr.NotFoundf("link not found"))
}

// revoke ends a live secret of the organisation (a link or token row with
// a revoked_at column), with its audit row; notFound when there is none.
func (tx *Tx) revoke(ctx context.Context, orgID int64, table, entity string, id int64, notFound error) error {
	now := tx.s.now()
	res, err := tx.exec(ctx, "UPDATE "+table+" SET revoked_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL", now, orgID, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound
	}
	return tx.Audit(ctx, orgID, audit.Update, entity, id, map[string]any{"revoked_at": nil}, map[string]any{"revoked_at": now})
}

// IntakeLinks lists an organisation's links.
func (s *Store) IntakeLinks(ctx context.Context, orgID int64) ([]IntakeLink, error) {
	rows, err := s.query(ctx, "SELECT id, org_id, label, prefix, created_at, revoked_at FROM incident_intake_links WHERE org_id = ? ORDER BY id DESC", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IntakeLink
	for rows.Next() {
		var l IntakeLink
		if err := rows.Scan(&l.ID, &l.OrgID, &l.Label, &l.Prefix, &l.CreatedAt, &l.RevokedAt); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, l)
	}
	return out, mapErr(rows.Err())
}

// IntakeLinkByToken resolves a live link; unknown and revoked tokens both
// answer not found, so a caller learns nothing from the difference.
func (s *Store) IntakeLinkByToken(ctx context.Context, token string) (*IntakeLink, error) {
	var l IntakeLink
	err := s.queryRow(ctx, "SELECT id, org_id, label, prefix, created_at, revoked_at FROM incident_intake_links WHERE token_hash = ? AND revoked_at IS NULL",
		auth.HashToken(token)).Scan(&l.ID, &l.OrgID, &l.Label, &l.Prefix, &l.CreatedAt, &l.RevokedAt)
	if err != nil {
		return nil, apperr.NotFoundf("page not found")
	}
	return &l, nil
}

// RecordIntakeAttempt counts one use of an intake link, by the link and by
// the client address. Attempts are not administration data: no audit row.
func (s *Store) RecordIntakeAttempt(ctx context.Context, linkKey, addr string) error {
	now := s.now()
	for _, k := range [][2]string{{"link", linkKey}, {"addr", addr}} {
		if _, err := s.exec(ctx, "INSERT INTO intake_attempts (kind, key, at) VALUES (?, ?, ?)", k[0], k[1], now); err != nil {
			return err
		}
	}
	_, err := s.exec(ctx, "DELETE FROM intake_attempts WHERE at < ?", now.Add(-24*time.Hour))
	return err
}

// IntakeAttempts counts the recent attempts by link and by address.
func (s *Store) IntakeAttempts(ctx context.Context, linkKey, addr string, window time.Duration) (byLink, byAddr int, err error) {
	since := s.now().Add(-window)
	err = s.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM intake_attempts WHERE kind = 'link' AND key = ? AND at >= ?),
		(SELECT COUNT(*) FROM intake_attempts WHERE kind = 'addr' AND key = ? AND at >= ?)`, linkKey, since, addr, since).Scan(&byLink, &byAddr)
	return byLink, byAddr, mapErr(err)
}
