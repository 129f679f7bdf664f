package store

import (
	"context"
	"encoding/json"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
)

// Audit writes one audit row for a change to administration data, chained
// to the organisation's previous row. Call it inside the transaction that
// makes the change. before/after are the entity before and after (nil for a
// create or a delete); only the changed fields are kept.
func (tx *Tx) Audit(ctx context.Context, orgID int64, action, entity string, entityID int64, before, after any) error {
	changes := audit.Diff(before, after)
	if action == audit.Update && len(changes) == 0 {
		return nil // nothing changed, nothing to record
	}
	actor := audit.ActorFrom(ctx)
	// Lock the organisation's chain head: concurrent writers on PostgreSQL
	// wait here, so the chain never forks.
	e := audit.Entry{OrgID: orgID, At: tx.s.now(), UserID: actor.UserID, Actor: actor.Name,
		Action: action, Entity: entity, EntityID: entityID, Changes: changes}
	var seq int64
	err := tx.queryRow(ctx, "SELECT audit_seq, audit_hash FROM orgs WHERE id = ?"+tx.d.ForUpdate(), orgID).Scan(&seq, &e.PrevHash)
	if err != nil {
		return mapErr(err)
	}
	e.Seq = seq + 1
	e.Hash = audit.ComputeHash(&e)
	data, err := json.Marshal(e.Changes)
	if err != nil {
		return err
	}
	var userID any
	if e.UserID != 0 {
		userID = e.UserID
	}
	if _, err := tx.exec(ctx, `INSERT INTO audit_log (org_id, seq, at, user_id, actor, action, entity, entity_id, changes, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, e.Seq, e.At, userID, e.Actor, e.Action, e.Entity, e.EntityID, string(data), e.PrevHash, e.Hash); err != nil {
		return err
	}
	_, err = tx.exec(ctx, "UPDATE orgs SET audit_seq = ?, audit_hash = ? WHERE id = ?", e.Seq, e.Hash, orgID)
	return err
}

// AuditFilter narrows the trail.
type AuditFilter struct {
	Entity   string
	EntityID int64
	From, To time.Time // zero means open
	Limit    int
	Page     Page // a page by sequence number, newest first (Limit is then unused)
}

// AuditLog returns an organisation's trail, newest first.
func (s *Store) AuditLog(ctx context.Context, orgID int64, f AuditFilter) ([]audit.Entry, error) {
	q := "SELECT id, org_id, seq, at, COALESCE(user_id, 0), actor, action, entity, entity_id, changes, prev_hash, hash FROM audit_log WHERE org_id = ?"
	args := []any{orgID}
	if f.Entity != "" {
		q += " AND entity = ?"
		args = append(args, f.Entity)
	}
	if f.EntityID != 0 {
		q += " AND entity_id = ?"
		args = append(args, f.EntityID)
	}
	if !f.From.IsZero() {
		q += " AND at >= ?"
		args = append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		q += " AND at < ?"
		args = append(args, f.To.UTC())
	}
	if f.Page.Paged() {
		q, args = f.Page.keyset(q, args, "seq", true, "")
		return s.scanAudit(ctx, q, args...)
	}
	q += " ORDER BY seq DESC"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return s.scanAudit(ctx, q, args...)
}

func (s *Store) scanAudit(ctx context.Context, q string, args ...any) ([]audit.Entry, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		var changes string
		if err := rows.Scan(&e.ID, &e.OrgID, &e.Seq, &e.At, &e.UserID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &changes, &e.PrevHash, &e.Hash); err != nil {
			return nil, mapErr(err)
		}
		e.At = e.At.UTC()
		if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
			return nil, apperr.Wrap(err, apperr.Invalid, "audit row %d has unreadable changes", e.Seq)
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// VerifyAudit checks an organisation's whole chain, and that its newest row
// is the head the organisation recorded (so removing the newest rows shows).
func (s *Store) VerifyAudit(ctx context.Context, orgID int64) (rows int, problems []audit.Problem, err error) {
	entries, err := s.scanAudit(ctx, "SELECT id, org_id, seq, at, COALESCE(user_id, 0), actor, action, entity, entity_id, changes, prev_hash, hash FROM audit_log WHERE org_id = ? ORDER BY seq", orgID)
	if err != nil {
		return 0, nil, err
	}
	problems = audit.Verify(entries)
	var headSeq int64
	var headHash string
	if err := s.queryRow(ctx, "SELECT audit_seq, audit_hash FROM orgs WHERE id = ?", orgID).Scan(&headSeq, &headHash); err != nil {
		return 0, nil, mapErr(err)
	}
	lastSeq, lastHash := int64(0), ""
	if n := len(entries); n > 0 {
		lastSeq, lastHash = entries[n-1].Seq, entries[n-1].Hash
	}
	if lastSeq != headSeq || lastHash != headHash {
		problems = append(problems, audit.Problem{Seq: headSeq, Reason: "the newest rows are missing or were replaced"})
	}
	return len(entries), problems, nil
}
