package store

import (
	"context"
	"encoding/json"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
)

// PrivacyStatement is the published privacy statement of an organisation
// (arts. 13/14): a snapshot of the generated text, in one language, that
// the public page shows until it is withdrawn or published anew.
type PrivacyStatement struct {
	Lang        string     `json:"lang"`
	Body        string     `json:"body"` // JSON of the web layer's statement document
	Published   bool       `json:"published"`
	PublishedAt *time.Time `json:"published_at"`
	PublishedBy string     `json:"published_by"`
	Accepted    []string   `json:"accepted,omitempty"` // only in the audit trail
	Version     int        `json:"version"`            // of statement_versions; 0 for none
}

// PublishStatement stores body as the organisation's public statement and
// as its next version, with the gaps accepted for it ("gap: reason"); it
// returns the version number.
func (tx *Tx) PublishStatement(ctx context.Context, orgID int64, lang, body, by string, accepted []string) (int, error) {
	before, _ := tx.s.Statement(ctx, orgID)
	now := tx.s.now()
	var version int
	if err := tx.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) + 1 FROM statement_versions WHERE org_id = ?", orgID).Scan(&version); err != nil {
		return 0, mapErr(err)
	}
	if accepted == nil {
		accepted = []string{}
	}
	acc, err := json.Marshal(accepted)
	if err != nil {
		return 0, err
	}
	if _, err := tx.exec(ctx, "INSERT INTO statement_versions (org_id, version, lang, body, accepted, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
		orgID, version, lang, body, string(acc), now, by); err != nil {
		return 0, err
	}
	after := &PrivacyStatement{Lang: lang, Body: body, Published: true, PublishedAt: &now, PublishedBy: by, Version: version}
	if _, err := tx.exec(ctx, "DELETE FROM privacy_statements WHERE org_id = ?", orgID); err != nil {
		return 0, err
	}
	if _, err := tx.exec(ctx, "INSERT INTO privacy_statements (org_id, lang, body, published, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?)",
		orgID, lang, body, true, now, by); err != nil {
		return 0, err
	}
	// The trail records the version and who published it; the text itself
	// is kept in statement_versions.
	if before != nil {
		before.Body = ""
	}
	after.Body = ""
	after.Accepted = accepted
	return version, tx.Audit(ctx, orgID, audit.Update, "privacy_statement", orgID, before, after)
}

// WithdrawStatement takes the public statement offline.
func (tx *Tx) WithdrawStatement(ctx context.Context, orgID int64) error {
	before, err := tx.s.Statement(ctx, orgID)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "UPDATE privacy_statements SET published = ? WHERE org_id = ?", false, orgID); err != nil {
		return err
	}
	after := *before
	after.Published = false
	return tx.Audit(ctx, orgID, audit.Update, "privacy_statement", orgID, before, &after)
}

// Statement returns the organisation's stored statement (published or not).
func (s *Store) Statement(ctx context.Context, orgID int64) (*PrivacyStatement, error) {
	var p PrivacyStatement
	err := s.queryRow(ctx, `SELECT lang, body, published, published_at, published_by,
		(SELECT COALESCE(MAX(version), 0) FROM statement_versions v WHERE v.org_id = p.org_id)
		FROM privacy_statements p WHERE org_id = ?`, orgID).
		Scan(&p.Lang, &p.Body, &p.Published, &p.PublishedAt, &p.PublishedBy, &p.Version)
	if err != nil {
		if apperr.Is(mapErr(err), apperr.NotFound) {
			return nil, apperr.NotFoundf("not found")
		}
		return nil, mapErr(err)
	}
	return &p, nil
}
