package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/webhook"
)

// CreateNotice records a processor's notice of a new sub-processor; the
// objection deadline follows from the agreement's window.
func (tx *Tx) CreateNotice(ctx context.Context, n *agreement.Notice) error {
	a, err := tx.agreement(ctx, n.OrgID, n.AgreementID)
	if err != nil {
		return err
	}
	if err := agreement.PrepareNotice(n, a); err != nil {
		return err
	}
	n.CreatedAt = tx.s.now()
	data, err := json.Marshal(n)
	if err != nil {
		return err
	}
	id, err := tx.insert(ctx, "INSERT INTO subprocessor_notices (org_id, agreement_id, link_id, deadline, decision, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		n.OrgID, n.AgreementID, n.LinkID, n.Deadline, n.Decision, string(data), n.CreatedAt)
	if err != nil {
		return err
	}
	n.ID = id
	if err := tx.webhookNotice(ctx, webhook.NoticeReceived, n); err != nil {
		return err
	}
	return tx.Audit(ctx, n.OrgID, audit.Create, "subprocessor_notice", id, nil, n)
}

// DecideNotice records the privacy officer's decision on a notice.
func (tx *Tx) DecideNotice(ctx context.Context, orgID, id int64, decision, note, by string) error {
	n, err := noticeFrom(orgID, id, tx.queryRow(ctx, "SELECT data FROM subprocessor_notices WHERE id = ? AND org_id = ?", id, orgID))
	if err != nil {
		return err
	}
	before := *n
	if err := n.Decide(decision, note, by, tx.s.now()); err != nil {
		return err
	}
	data, err := json.Marshal(n)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "UPDATE subprocessor_notices SET decision = ?, data = ? WHERE id = ? AND org_id = ?", n.Decision, string(data), id, orgID); err != nil {
		return err
	}
	if err := tx.Audit(ctx, orgID, audit.Update, "subprocessor_notice", id, before, n); err != nil {
		return err
	}
	if err := tx.webhookNotice(ctx, webhook.NoticeDecided, n); err != nil {
		return err
	}
	if err := tx.mailAnswer(ctx, n); err != nil {
		return err
	}
	// An accepted notice changes the agreement's list, audited as a change
	// of the agreement, so its page, warnings and exports show the new one.
	a, err := tx.agreement(ctx, orgID, n.AgreementID)
	if err != nil {
		return err
	}
	if !n.ApplyTo(&a.Terms) {
		return nil
	}
	return tx.UpdateAgreement(ctx, a)
}

// Notice returns one notice.
func (s *Store) Notice(ctx context.Context, orgID, id int64) (*agreement.Notice, error) {
	return noticeFrom(orgID, id, s.queryRow(ctx, "SELECT data FROM subprocessor_notices WHERE id = ? AND org_id = ?", id, orgID))
}

func noticeFrom(orgID, id int64, row *sql.Row) (*agreement.Notice, error) {
	var data string
	if err := row.Scan(&data); err != nil {
		return nil, orNotFound(err, "notice not found")
	}
	var n agreement.Notice
	if err := json.Unmarshal([]byte(data), &n); err != nil {
		return nil, err
	}
	n.ID, n.OrgID = id, orgID
	return &n, nil
}

// Notices lists an agreement's notices (agreementID 0: open notices of all
// agreements), by deadline.
func (s *Store) Notices(ctx context.Context, orgID, agreementID int64) ([]agreement.Notice, error) {
	return s.NoticesPage(ctx, orgID, agreementID, Page{})
}

// NoticesPage lists a page of the notices (by id), or all of them by
// deadline with the zero Page.
func (s *Store) NoticesPage(ctx context.Context, orgID, agreementID int64, p Page) ([]agreement.Notice, error) {
	q, args := "SELECT id, data FROM subprocessor_notices WHERE org_id = ?", []any{orgID}
	if agreementID != 0 {
		q += " AND agreement_id = ?"
		args = append(args, agreementID)
	} else {
		q += " AND decision = ''"
	}
	q, args = p.keyset(q, args, "id", false, "deadline, id")
	return scanNotices(orgID)(s.query(ctx, q, args...))
}

// OpenNotices lists the organisation's open notices inside the
// transaction, so notices it made are seen.
func (tx *Tx) OpenNotices(ctx context.Context, orgID int64) ([]agreement.Notice, error) {
	return scanNotices(orgID)(tx.query(ctx, "SELECT id, data FROM subprocessor_notices WHERE org_id = ? AND decision = '' ORDER BY deadline, id", orgID))
}

// scanNotices reads rows of id and data of the organisation's notices.
func scanNotices(orgID int64) func(*sql.Rows, error) ([]agreement.Notice, error) {
	return func(rows *sql.Rows, err error) ([]agreement.Notice, error) {
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []agreement.Notice
		for rows.Next() {
			var n agreement.Notice
			var data string
			var id int64
			if err := rows.Scan(&id, &data); err != nil {
				return nil, mapErr(err)
			}
			if err := json.Unmarshal([]byte(data), &n); err != nil {
				return nil, err
			}
			n.ID, n.OrgID = id, orgID
			out = append(out, n)
		}
		return out, mapErr(rows.Err())
	}
}

// AddReview records a review and dates the agreement's last review.
func (tx *Tx) AddReview(ctx context.Context, r *agreement.Review) error {
	if err := agreement.ValidateReview(r); err != nil {
		return err
	}
	a, err := tx.agreement(ctx, r.OrgID, r.AgreementID)
	if err != nil {
		return err
	}
	if r.ReviewedAt.IsZero() {
		r.ReviewedAt = tx.s.now()
	}
	id, err := tx.insert(ctx, "INSERT INTO agreement_reviews (org_id, agreement_id, reviewed_at, reviewer, conclusion, note) VALUES (?, ?, ?, ?, ?, ?)",
		r.OrgID, r.AgreementID, r.ReviewedAt, r.Reviewer, r.Conclusion, r.Note)
	if err != nil {
		return err
	}
	r.ID = id
	if _, err := tx.exec(ctx, "UPDATE agreements SET last_reviewed_at = ? WHERE id = ? AND org_id = ?", r.ReviewedAt, a.ID, r.OrgID); err != nil {
		return err
	}
	return tx.Audit(ctx, r.OrgID, audit.Create, "agreement_review", id, nil, r)
}

// Reviews lists reviews of one agreement (agreementID 0: all) in [from, to)
// when given, newest first.
func (s *Store) Reviews(ctx context.Context, orgID, agreementID int64, from, to time.Time) ([]agreement.Review, error) {
	return s.ReviewsPage(ctx, orgID, agreementID, from, to, Page{})
}

// ReviewsPage lists a page of the reviews, newest (highest id) first, or
// all of them by date with the zero Page.
func (s *Store) ReviewsPage(ctx context.Context, orgID, agreementID int64, from, to time.Time, p Page) ([]agreement.Review, error) {
	q, args := "SELECT id, agreement_id, reviewed_at, reviewer, conclusion, note FROM agreement_reviews WHERE org_id = ?", []any{orgID}
	if agreementID != 0 {
		q += " AND agreement_id = ?"
		args = append(args, agreementID)
	}
	if !from.IsZero() {
		q += " AND reviewed_at >= ?"
		args = append(args, from.UTC())
	}
	if !to.IsZero() {
		q += " AND reviewed_at < ?"
		args = append(args, to.UTC())
	}
	q, args = p.keyset(q, args, "id", true, "reviewed_at DESC, id DESC")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []agreement.Review
	for rows.Next() {
		r := agreement.Review{OrgID: orgID}
		if err := rows.Scan(&r.ID, &r.AgreementID, &r.ReviewedAt, &r.Reviewer, &r.Conclusion, &r.Note); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

// AgreementReviewMonth is the month (1-12) agreements are reviewed each
// year; January unless the organisation chose otherwise.
func (s *Store) AgreementReviewMonth(ctx context.Context, orgID int64) (int, error) {
	var m int
	err := s.queryRow(ctx, "SELECT review_month FROM agreement_settings WHERE org_id = ?", orgID).Scan(&m)
	if err != nil {
		if err = mapErr(err); apperr.Is(err, apperr.NotFound) {
			return 1, nil
		}
		return 1, err
	}
	return m, nil
}

// SetAgreementReviewMonth sets the yearly review month.
func (tx *Tx) SetAgreementReviewMonth(ctx context.Context, orgID int64, month int) error {
	if month < 1 || month > 12 {
		return apperr.Invalidf("review_month", "must be a month from 1 to 12")
	}
	before, err := tx.s.AgreementReviewMonth(ctx, orgID)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM agreement_settings WHERE org_id = ?", orgID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "INSERT INTO agreement_settings (org_id, review_month, updated_at) VALUES (?, ?, ?)", orgID, month, tx.s.now()); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Update, "agreement_settings", orgID, map[string]any{"review_month": before}, map[string]any{"review_month": month})
}
