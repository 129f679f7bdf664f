package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
)

// StatementChoice is the privacy officer's decision on one activity:
// whether the public statement shows it, and its purpose in plain
// language in each statement language.
type StatementChoice struct {
	ActivityID int64  `json:"activity_id"`
	Shown      bool   `json:"shown"`
	PurposeNL  string `json:"purpose_nl"`
	PurposeEN  string `json:"purpose_en"`
}

// StatementAcceptance is a gap of the check the privacy officer accepted,
// with the reason.
type StatementAcceptance struct {
	Gap        string    `json:"gap"`
	Reason     string    `json:"reason"`
	AcceptedBy string    `json:"accepted_by"`
	AcceptedAt time.Time `json:"accepted_at"`
}

// StatementDraft is the statement as the privacy officer is editing it.
// An activity without a choice has not been decided on: the web layer
// proposes one.
type StatementDraft struct {
	Contact  string                         `json:"contact"`
	Choices  map[int64]StatementChoice      `json:"-"`
	Accepted map[string]StatementAcceptance `json:"-"`
}

// StatementDraft reads the organisation's draft.
func (s *Store) StatementDraft(ctx context.Context, orgID int64) (*StatementDraft, error) {
	d := &StatementDraft{Choices: map[int64]StatementChoice{}, Accepted: map[string]StatementAcceptance{}}
	err := s.queryRow(ctx, "SELECT contact FROM statement_settings WHERE org_id = ?", orgID).Scan(&d.Contact)
	if err != nil && !apperr.Is(mapErr(err), apperr.NotFound) {
		return nil, mapErr(err)
	}
	rows, err := s.query(ctx, "SELECT activity_id, shown, purpose_nl, purpose_en FROM statement_activities WHERE org_id = ?", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c StatementChoice
		if err := rows.Scan(&c.ActivityID, &c.Shown, &c.PurposeNL, &c.PurposeEN); err != nil {
			return nil, mapErr(err)
		}
		d.Choices[c.ActivityID] = c
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	arows, err := s.query(ctx, "SELECT gap, reason, accepted_by, accepted_at FROM statement_acceptances WHERE org_id = ?", orgID)
	if err != nil {
		return nil, err
	}
	defer arows.Close()
	for arows.Next() {
		var a StatementAcceptance
		if err := arows.Scan(&a.Gap, &a.Reason, &a.AcceptedBy, &a.AcceptedAt); err != nil {
			return nil, mapErr(err)
		}
		d.Accepted[a.Gap] = a
	}
	return d, mapErr(arows.Err())
}

// SaveStatementDraft stores the public contact and the choices per
// activity. A choice for an activity not of orgID is refused; each
// changed choice is audited on its activity.
func (tx *Tx) SaveStatementDraft(ctx context.Context, orgID int64, contact string, choices []StatementChoice) error {
	before, err := tx.s.StatementDraft(ctx, orgID)
	if err != nil {
		return err
	}
	contact = strings.TrimSpace(contact)
	if contact != before.Contact {
		if _, err := tx.exec(ctx, "DELETE FROM statement_settings WHERE org_id = ?", orgID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, "INSERT INTO statement_settings (org_id, contact, updated_at) VALUES (?, ?, ?)", orgID, contact, tx.s.now()); err != nil {
			return err
		}
		if err := tx.Audit(ctx, orgID, audit.Update, "privacy_statement", orgID,
			map[string]string{"contact": before.Contact}, map[string]string{"contact": contact}); err != nil {
			return err
		}
	}
	for _, c := range choices {
		c.PurposeNL, c.PurposeEN = strings.TrimSpace(c.PurposeNL), strings.TrimSpace(c.PurposeEN)
		old, had := before.Choices[c.ActivityID]
		if had && old == c {
			continue
		}
		var n int
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM activities WHERE id = ? AND org_id = ?", c.ActivityID, orgID).Scan(&n); err != nil {
			return mapErr(err)
		}
		if n == 0 {
			return apperr.Invalidf("activity", "no such processing activity")
		}
		if _, err := tx.exec(ctx, "DELETE FROM statement_activities WHERE org_id = ? AND activity_id = ?", orgID, c.ActivityID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, "INSERT INTO statement_activities (org_id, activity_id, shown, purpose_nl, purpose_en) VALUES (?, ?, ?, ?, ?)",
			orgID, c.ActivityID, c.Shown, c.PurposeNL, c.PurposeEN); err != nil {
			return err
		}
		var b any
		if had {
			b = old
		}
		if err := tx.Audit(ctx, orgID, audit.Update, "statement_activity", c.ActivityID, b, c); err != nil {
			return err
		}
	}
	return nil
}

// AcceptStatementGaps makes accepted (gap → reason) the gaps the privacy
// officer accepts: gaps not in it are no longer accepted. A kept
// acceptance keeps who accepted it and when, unless its reason changed.
func (tx *Tx) AcceptStatementGaps(ctx context.Context, orgID int64, accepted map[string]string, by string) error {
	d, err := tx.s.StatementDraft(ctx, orgID)
	if err != nil {
		return err
	}
	before, after := map[string]string{}, map[string]string{}
	for g, a := range d.Accepted {
		before[g] = a.Reason
	}
	for g, reason := range accepted {
		g, reason = strings.TrimSpace(g), strings.TrimSpace(reason)
		if reason == "" {
			return apperr.Invalidf("reason", "Give the reason for accepting each gap.")
		}
		after[g] = reason
	}
	now := tx.s.now()
	for g, reason := range before {
		if r, ok := after[g]; !ok || r != reason {
			if _, err := tx.exec(ctx, "DELETE FROM statement_acceptances WHERE org_id = ? AND gap = ?", orgID, g); err != nil {
				return err
			}
		}
	}
	for g, reason := range after {
		if r, ok := before[g]; ok && r == reason {
			continue
		}
		if _, err := tx.exec(ctx, "INSERT INTO statement_acceptances (org_id, gap, reason, accepted_by, accepted_at) VALUES (?, ?, ?, ?, ?)",
			orgID, g, reason, by, now); err != nil {
			return err
		}
	}
	return tx.Audit(ctx, orgID, audit.Update, "privacy_statement", orgID,
		map[string]any{"accepted_gaps": before}, map[string]any{"accepted_gaps": after})
}

// StatementVersion is one publication of the statement.
type StatementVersion struct {
	Version     int       `json:"version"`
	Lang        string    `json:"lang"`
	Body        string    `json:"-"` // JSON of the web layer's documents per language
	Accepted    []string  `json:"accepted"`
	PublishedAt time.Time `json:"published_at"`
	PublishedBy string    `json:"published_by"`
}

// StatementVersions lists the organisation's publications, newest first,
// without their text.
func (s *Store) StatementVersions(ctx context.Context, orgID int64) ([]StatementVersion, error) {
	rows, err := s.query(ctx, "SELECT version, lang, accepted, published_at, published_by FROM statement_versions WHERE org_id = ? ORDER BY version DESC", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StatementVersion
	for rows.Next() {
		var v StatementVersion
		var acc string
		if err := rows.Scan(&v.Version, &v.Lang, &acc, &v.PublishedAt, &v.PublishedBy); err != nil {
			return nil, mapErr(err)
		}
		_ = json.Unmarshal([]byte(acc), &v.Accepted)
		out = append(out, v)
	}
	return out, mapErr(rows.Err())
}

// StatementVersionText returns one publication with its text.
func (s *Store) StatementVersionText(ctx context.Context, orgID int64, version int) (*StatementVersion, error) {
	var v StatementVersion
	var acc string
	err := s.queryRow(ctx, "SELECT version, lang, body, accepted, published_at, published_by FROM statement_versions WHERE org_id = ? AND version = ?", orgID, version).
		Scan(&v.Version, &v.Lang, &v.Body, &acc, &v.PublishedAt, &v.PublishedBy)
	if err != nil {
		if apperr.Is(mapErr(err), apperr.NotFound) {
			return nil, apperr.NotFoundf("not found")
		}
		return nil, mapErr(err)
	}
	_ = json.Unmarshal([]byte(acc), &v.Accepted)
	return &v, nil
}
