package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
)

// Audit records one audit row for a change to administration data; it is
// the one audit writer: every write of the store, a register import
// included (actWriter.audit flushes its rows in batches), comes here. Call
// it inside the transaction that makes the change. before/after are the
// entity before and after (nil for a create or a delete); only the changed
// fields are kept, taken now. The row is chained to the organisation's
// trail when the transaction commits (flushAudit).
func (tx *Tx) Audit(ctx context.Context, orgID int64, action, entity string, entityID int64, before, after any) error {
	changes := audit.Diff(before, after)
	if action == audit.Update && len(changes) == 0 {
		return nil // nothing changed, nothing to record
	}
	actor := audit.ActorFrom(ctx)
	tx.audits = append(tx.audits, audit.Entry{OrgID: orgID, UserID: actor.UserID, Actor: actor.Name,
		Action: action, Entity: entity, EntityID: entityID, Changes: changes})
	return nil
}

// flushAudit writes the transaction's audit rows, as its last step before
// the commit, chained to each organisation's trail.
//
// Why concurrent writers cannot deadlock here: an organisation's chain is
// serialised by the lock on its row in audit_heads, and a transaction takes
// that lock only now, after every other change it makes, for several
// organisations in ascending order. Holding it, a transaction only inserts
// audit rows and moves the head: nothing in audit_heads is referenced by a
// foreign key, and an audit row's own foreign-key checks take key-share
// locks, which conflict only with deleting an organisation or a user (which
// nothing does while it still has a trail). So a writer that waits for a
// head waits for a transaction that is sure to finish, and no cycle of waits
// can run through the chain. (The one exception is a register import,
// which writes its rows a thousand at a time to keep memory bounded; see
// actWriter.audit.) Earlier the head was a column of orgs, locked
// FOR UPDATE halfway through a transaction, while every insert whose
// foreign key named the organisation held a key-share lock on that row: two
// such writers waited for each other.
func (tx *Tx) flushAudit(ctx context.Context) error {
	if len(tx.audits) == 0 {
		return nil
	}
	byOrg := map[int64][]audit.Entry{}
	var orgs []int64
	for _, e := range tx.audits {
		if _, ok := byOrg[e.OrgID]; !ok {
			orgs = append(orgs, e.OrgID)
		}
		byOrg[e.OrgID] = append(byOrg[e.OrgID], e)
	}
	slices.Sort(orgs)
	ins, err := tx.tx.PrepareContext(ctx, tx.d.Rebind(`INSERT INTO audit_log (org_id, seq, at, user_id, actor, action, entity, entity_id, changes, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return mapErr(err)
	}
	defer ins.Close()
	now := tx.s.now() // stamped here, so the trail's times follow its order
	for _, orgID := range orgs {
		seq, prev, err := tx.lockAuditHead(ctx, orgID)
		if err != nil {
			return err
		}
		for _, e := range byOrg[orgID] {
			seq++
			e.Seq, e.At = seq, now
			prev = tx.s.auditKey.Link(&e, prev)
			if err := insertAudit(ctx, ins, &e); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, "UPDATE audit_heads SET seq = ?, hash = ? WHERE org_id = ?", seq, prev, orgID); err != nil {
			return err
		}
	}
	tx.audits = nil
	return nil
}

// lockAuditHead locks an organisation's chain head until the transaction
// ends and returns it, making it on the organisation's first row.
func (tx *Tx) lockAuditHead(ctx context.Context, orgID int64) (seq int64, hash string, err error) {
	err = tx.queryRow(ctx, `INSERT INTO audit_heads (org_id, seq, hash) VALUES (?, 0, '')
		ON CONFLICT (org_id) DO UPDATE SET seq = audit_heads.seq RETURNING seq, hash`, orgID).Scan(&seq, &hash)
	return seq, hash, opErr("insert into audit_heads", err)
}

func insertAudit(ctx context.Context, ins *sql.Stmt, e *audit.Entry) error {
	data, err := json.Marshal(e.Changes)
	if err != nil {
		return err
	}
	var userID any
	if e.UserID != 0 {
		userID = e.UserID
	}
	_, err = ins.ExecContext(ctx, e.OrgID, e.Seq, e.At, userID, e.Actor, e.Action, e.Entity, e.EntityID, string(data), e.PrevHash, e.Hash)
	return opErr("insert into audit_log", err)
}

// AuditFilter narrows the trail.
type AuditFilter struct {
	Entity   string
	Entities []string // any of these kinds (beside Entity); with EntityID, their rows about that id
	EntityID int64
	Actor    string    // who made the change, as the trail names them
	From, To time.Time // zero means open
	Limit    int
	Page     Page  // a page by sequence number, newest first (Limit is then unused)
	Before   int64 // with Page.Limit: the page of rows just newer than this sequence number
}

// where returns the filter's conditions, after "WHERE org_id = ?".
func (f AuditFilter) where(orgID int64) (string, []any) {
	q := " WHERE org_id = ?"
	args := []any{orgID}
	kinds := f.Entities
	if f.Entity != "" {
		kinds = append([]string{f.Entity}, kinds...)
	}
	if len(kinds) == 1 {
		q += " AND entity = ?"
		args = append(args, kinds[0])
	} else if len(kinds) > 1 {
		q += " AND entity IN (?" + strings.Repeat(", ?", len(kinds)-1) + ")"
		for _, k := range kinds {
			args = append(args, k)
		}
	}
	if f.EntityID != 0 {
		q += " AND entity_id = ?"
		args = append(args, f.EntityID)
	}
	if f.Actor != "" {
		q += " AND actor = ?"
		args = append(args, f.Actor)
	}
	if !f.From.IsZero() {
		q += " AND at >= ?"
		args = append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		q += " AND at < ?"
		args = append(args, f.To.UTC())
	}
	return q, args
}

// AuditLog returns an organisation's trail, newest first. With Page and
// Before it returns the page of rows just newer than Before (still newest
// first, with one row more than the page, the newest, when a newer page
// follows).
func (s *Store) AuditLog(ctx context.Context, orgID int64, f AuditFilter) ([]audit.Entry, error) {
	where, args := f.where(orgID)
	q := "SELECT " + trailCols + " FROM audit_log" + where
	if f.Page.Paged() && f.Before > 0 {
		q += " AND seq > ? ORDER BY seq ASC LIMIT ?"
		list, err := s.scanAudit(ctx, q, append(args, f.Before, f.Page.Limit+1)...)
		slices.Reverse(list)
		return list, err
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

// AuditCount counts the rows of the trail the filter keeps (its paging
// aside).
func (s *Store) AuditCount(ctx context.Context, orgID int64, f AuditFilter) (int, error) {
	where, args := f.where(orgID)
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM audit_log"+where, args...).Scan(&n)
	return n, mapErr(err)
}

// AuditEach calls fn for every row the filter keeps, newest first, reading
// them in pages so an export of a long trail holds one page in memory.
func (s *Store) AuditEach(ctx context.Context, orgID int64, f AuditFilter, fn func(audit.Entry) error) error {
	f.Page, f.Before = Page{Limit: 500}, 0
	for {
		list, err := s.AuditLog(ctx, orgID, f)
		if err != nil {
			return err
		}
		list, more := Trim(f.Page, list)
		for _, e := range list {
			if err := fn(e); err != nil {
				return err
			}
		}
		if !more {
			return nil
		}
		f.Page.After = list[len(list)-1].Seq
	}
}

// AuditActors lists who made the changes of an organisation's trail, for
// the trail's filter.
func (s *Store) AuditActors(ctx context.Context, orgID int64) ([]string, error) {
	rows, err := s.query(ctx, "SELECT DISTINCT actor FROM audit_log WHERE org_id = ? ORDER BY actor", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}

func (s *Store) scanAudit(ctx context.Context, q string, args ...any) ([]audit.Entry, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return scanAuditRows(rows)
}

func (tx *Tx) scanAudit(ctx context.Context, q string, args ...any) ([]audit.Entry, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return scanAuditRows(rows)
}

func scanAuditRows(rows *sql.Rows) ([]audit.Entry, error) {
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

// AuditHead returns the sequence number of the organisation's newest audit
// row. Every change to the administration writes one in its transaction,
// so a cache of anything derived from the register is fresh as long as
// this number has not moved.
func (s *Store) AuditHead(ctx context.Context, orgID int64) (int64, error) {
	seq, _, err := s.auditHead(ctx, orgID)
	return seq, err
}

func (s *Store) auditHead(ctx context.Context, orgID int64) (seq int64, hash string, err error) {
	err = s.queryRow(ctx, "SELECT seq, hash FROM audit_heads WHERE org_id = ?", orgID).Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil // no change recorded yet
	}
	return seq, hash, mapErr(err)
}

// AuditCheckpoint returns the organisation's newest audit row as sequence
// number and hash, for an operator to note and later check with
// AuditRowHash that no newest rows were cut off since.
func (s *Store) AuditCheckpoint(ctx context.Context, orgID int64) (int64, string, error) {
	return s.auditHead(ctx, orgID)
}

// AuditRowHash returns the hash of one audit row.
func (s *Store) AuditRowHash(ctx context.Context, orgID, seq int64) (string, error) {
	var h string
	err := s.queryRow(ctx, "SELECT hash FROM audit_log WHERE org_id = ? AND seq = ?", orgID, seq).Scan(&h)
	return h, mapErr(err)
}

const trailCols = "id, org_id, seq, at, COALESCE(user_id, 0), actor, action, entity, entity_id, changes, prev_hash, hash"

// VerifyAudit checks an organisation's whole chain, and that its newest row
// is the head the organisation recorded (so removing the newest rows shows).
// With the installation's key (every store the program opens has one) the
// chain is keyed: see audit.Key for what that does and does not prove.
//
// The head is read first and the chain up to it: a change committed
// between the two reads (a live server keeps writing) adds rows after the
// head read, which are left for the next check, instead of showing as a
// head that points past the chain. The head moves in the transaction that
// writes its rows, so every row up to it is there when it is read.
func (s *Store) VerifyAudit(ctx context.Context, orgID int64) (rows int, problems []audit.Problem, err error) {
	headSeq, headHash, err := s.auditHead(ctx, orgID)
	if err != nil {
		return 0, nil, err
	}
	entries, err := s.scanAudit(ctx, "SELECT "+trailCols+" FROM audit_log WHERE org_id = ? AND seq <= ? ORDER BY seq", orgID, headSeq)
	if err != nil {
		return 0, nil, err
	}
	problems = s.auditKey.Verify(entries)
	lastSeq, lastHash := int64(0), ""
	if n := len(entries); n > 0 {
		lastSeq, lastHash = entries[n-1].Seq, entries[n-1].Hash
	}
	if lastSeq != headSeq || lastHash != headHash {
		problems = append(problems, audit.Problem{Seq: headSeq, Reason: "the newest rows are missing or were replaced"})
	}
	// Rows after the head read are new changes, or rows added behind the
	// chain's back: the head read again must cover the newest row.
	var maxSeq int64
	if err := s.queryRow(ctx, "SELECT COALESCE(MAX(seq), 0) FROM audit_log WHERE org_id = ?", orgID).Scan(&maxSeq); err != nil {
		return 0, nil, mapErr(err)
	}
	if maxSeq > headSeq {
		now, _, err := s.auditHead(ctx, orgID)
		if err != nil {
			return 0, nil, err
		}
		if maxSeq > now {
			problems = append(problems, audit.Problem{Seq: maxSeq, Reason: "rows were added after the recorded head"})
		}
	}
	return len(entries), problems, nil
}

// sealAuditChains rechains, once, with the installation's key the trails an
// earlier version wrote with plain hashes, after checking that each is
// intact; a broken one is left as it is, for "audit verify" to report.
func (s *Store) sealAuditChains(ctx context.Context) error {
	if s.auditKey == nil {
		return nil
	}
	orgs, err := scanIDs(s.query(ctx, "SELECT org_id FROM audit_heads WHERE seq > 0 AND hash NOT LIKE 'k1:%'"))
	if err != nil {
		return err
	}
	for _, orgID := range orgs {
		err := s.InTx(ctx, func(tx *Tx) error {
			headSeq, headHash, err := tx.lockAuditHead(ctx, orgID)
			if err != nil || audit.Keyed(headHash) {
				return err // sealed meanwhile by another process
			}
			entries, err := tx.scanAudit(ctx, "SELECT "+trailCols+" FROM audit_log WHERE org_id = ? ORDER BY seq", orgID)
			if err != nil {
				return err
			}
			if n := len(entries); n == 0 || entries[n-1].Seq != headSeq || entries[n-1].Hash != headHash || len(audit.Key(nil).Verify(entries)) > 0 {
				return nil
			}
			prev := ""
			for i := range entries {
				e := &entries[i]
				prev = s.auditKey.Link(e, prev)
				if _, err := tx.exec(ctx, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", e.PrevHash, e.Hash, e.ID); err != nil {
					return err
				}
			}
			_, err = tx.exec(ctx, "UPDATE audit_heads SET hash = ? WHERE org_id = ?", prev, orgID)
			return err
		})
		if err != nil {
			return fmt.Errorf("seal the audit trail of organisation %d: %w", orgID, err)
		}
	}
	return nil
}

// scanIDs reads a one-column result of ids and closes it.
func scanIDs(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr(err)
		}
		ids = append(ids, id)
	}
	return ids, mapErr(rows.Err())
}
