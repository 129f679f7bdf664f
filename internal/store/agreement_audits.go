package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
)

// AddAudit records an audit held under one of the organisation's
// agreements.
func (tx *Tx) AddAudit(ctx context.Context, a *agreement.AgreementAudit) error {
	if _, err := tx.agreement(ctx, a.OrgID, a.AgreementID); err != nil {
		return err
	}
	if err := agreement.ValidateAudit(a, tx.s.now()); err != nil {
		return err
	}
	a.HeldOn = a.HeldOn.UTC()
	if a.FollowUpDue != nil {
		due := a.FollowUpDue.UTC()
		a.FollowUpDue = &due
	}
	id, err := tx.insert(ctx, "INSERT INTO agreement_audits (org_id, agreement_id, held_on, kind, auditor, findings, follow_up, follow_up_due, closed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		a.OrgID, a.AgreementID, a.HeldOn, a.Kind, a.Auditor, a.Findings, a.FollowUp, a.FollowUpDue, a.Closed)
	if err != nil {
		return err
	}
	a.ID = id
	return tx.Audit(ctx, a.OrgID, audit.Create, "agreement_audit", id, nil, a)
}

// CloseAuditFollowUp marks an audit's follow-up done, so it leaves the
// calendar without the audit itself being deleted.
func (tx *Tx) CloseAuditFollowUp(ctx context.Context, orgID, agreementID, id int64) error {
	before, err := auditFrom(orgID, tx.queryRow(ctx, "SELECT "+auditCols+" FROM agreement_audits WHERE id = ? AND agreement_id = ? AND org_id = ?", id, agreementID, orgID))
	if err != nil {
		return err
	}
	after := *before
	after.Closed = true
	if _, err := tx.exec(ctx, "UPDATE agreement_audits SET closed = ? WHERE id = ? AND org_id = ?", true, id, orgID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Update, "agreement_audit", id, before, &after)
}

// DeleteAudit removes an audit of the agreement; another agreement's or
// organisation's audit is not found.
func (tx *Tx) DeleteAudit(ctx context.Context, orgID, agreementID, id int64) error {
	before, err := auditFrom(orgID, tx.queryRow(ctx, "SELECT "+auditCols+" FROM agreement_audits WHERE id = ? AND agreement_id = ? AND org_id = ?", id, agreementID, orgID))
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM agreement_audits WHERE id = ? AND org_id = ?", id, orgID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, "agreement_audit", id, before, nil)
}

const auditCols = "id, agreement_id, held_on, kind, auditor, findings, follow_up, follow_up_due, closed"

func auditFrom(orgID int64, sc interface{ Scan(...any) error }) (*agreement.AgreementAudit, error) {
	a := agreement.AgreementAudit{OrgID: orgID}
	var due sql.NullTime
	if err := sc.Scan(&a.ID, &a.AgreementID, &a.HeldOn, &a.Kind, &a.Auditor, &a.Findings, &a.FollowUp, &due, &a.Closed); err != nil {
		return nil, orNotFound(err, "audit not found")
	}
	a.HeldOn = a.HeldOn.UTC()
	if due.Valid {
		t := due.Time.UTC()
		a.FollowUpDue = &t
	}
	return &a, nil
}

// AgreementAudit returns one audit of the organisation.
func (s *Store) AgreementAudit(ctx context.Context, orgID, id int64) (*agreement.AgreementAudit, error) {
	return auditFrom(orgID, s.queryRow(ctx, "SELECT "+auditCols+" FROM agreement_audits WHERE id = ? AND org_id = ?", id, orgID))
}

// Audits lists the audits of one agreement (agreementID 0: of all the
// organisation's agreements), newest first.
func (s *Store) Audits(ctx context.Context, orgID, agreementID int64) ([]agreement.AgreementAudit, error) {
	return s.AuditsPage(ctx, orgID, agreementID, Page{})
}

// AuditsPage lists a page of the audits, newest (highest id) first, or all
// of them by date with the zero Page.
func (s *Store) AuditsPage(ctx context.Context, orgID, agreementID int64, p Page) ([]agreement.AgreementAudit, error) {
	q, args := "SELECT "+auditCols+" FROM agreement_audits WHERE org_id = ?", []any{orgID}
	if agreementID != 0 {
		q += " AND agreement_id = ?"
		args = append(args, agreementID)
	}
	q, args = p.keyset(q, args, "id", true, "held_on DESC, id DESC")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []agreement.AgreementAudit
	for rows.Next() {
		a, err := auditFrom(orgID, rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, *a)
	}
	return out, mapErr(rows.Err())
}

// LastAudits maps each of the organisation's audited agreements to the
// date of its newest audit, from which the next one is counted.
func (s *Store) LastAudits(ctx context.Context, orgID int64) (map[int64]time.Time, error) {
	// The newest is picked here rather than with MAX(): SQLite returns an
	// aggregate of a TIMESTAMP column as text.
	rows, err := s.query(ctx, "SELECT agreement_id, held_on FROM agreement_audits WHERE org_id = ?", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]time.Time{}
	for rows.Next() {
		var id int64
		var held time.Time
		if err := rows.Scan(&id, &held); err != nil {
			return nil, mapErr(err)
		}
		if last, ok := out[id]; !ok || held.After(last) {
			out[id] = held.UTC()
		}
	}
	return out, mapErr(rows.Err())
}

// FindAgreement returns the first of the organisation's agreements whose
// title contains part (case-insensitive), inside the transaction (for the
// demo, which creates the agreements in the same one); ok is false when
// none does.
func (tx *Tx) FindAgreement(ctx context.Context, orgID int64, part string) (id int64, ok bool, err error) {
	err = tx.queryRow(ctx, "SELECT id FROM agreements WHERE org_id = ? AND LOWER(title) LIKE ? ORDER BY id LIMIT 1", orgID, "%"+strings.ToLower(part)+"%").Scan(&id)
	if apperr.Is(mapErr(err), apperr.NotFound) {
		return 0, false, nil
	}
	return id, err == nil, mapErr(err)
}
