package store

import (
	"context"
	"encoding/json"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
)

// orNotFound turns "no rows" into a not-found error with msg and keeps
// every other error as it is.
func orNotFound(err error, msg string) error {
	err = mapErr(err)
	if apperr.Is(err, apperr.NotFound) {
		return apperr.NotFoundf(msg)
	}
	return err
}

// checkParty makes sure a party id belongs to the organisation.
func (tx *Tx) checkParty(ctx context.Context, orgID int64, id *int64) error {
	if id == nil {
		return nil
	}
	var n int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM parties WHERE id = ? AND org_id = ?", *id, orgID).Scan(&n); err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return apperr.Invalidf("party_id", "no such party")
	}
	return nil
}

// CreateAgreement adds an agreement after validating it.
func (tx *Tx) CreateAgreement(ctx context.Context, a *agreement.Agreement) error {
	a.Normalise()
	if err := a.Validate(); err != nil {
		return err
	}
	if err := tx.checkParty(ctx, a.OrgID, a.PartyID); err != nil {
		return err
	}
	if err := tx.checkMeasureIDs(ctx, a.OrgID, a.MeasureIDs); err != nil {
		return err
	}
	now := tx.s.now()
	a.CreatedAt, a.UpdatedAt = now, now
	a.StatusHistory = []agreement.StatusEvent{{Status: a.Status, At: now}}
	id, err := tx.insert(ctx, "INSERT INTO agreements (org_id, party_id, title, our_role, status, ends_on, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		a.OrgID, a.PartyID, a.Title, string(a.OurRole), string(a.Status), a.EndsOn, "{}", now, now)
	if err != nil {
		return err
	}
	a.ID = id
	if err := tx.saveAgreementData(ctx, a); err != nil {
		return err
	}
	return tx.Audit(ctx, a.OrgID, audit.Create, "agreement", id, nil, a)
}

func (tx *Tx) saveAgreementData(ctx context.Context, a *agreement.Agreement) error {
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, "UPDATE agreements SET party_id = ?, title = ?, our_role = ?, status = ?, ends_on = ?, last_reviewed_at = ?, data = ?, updated_at = ? WHERE id = ? AND org_id = ?",
		a.PartyID, a.Title, string(a.OurRole), string(a.Status), a.EndsOn, a.LastReviewedAt, string(data), a.UpdatedAt, a.ID, a.OrgID)
	return err
}

// UpdateAgreement saves a changed agreement; a status change is dated in
// its history.
func (tx *Tx) UpdateAgreement(ctx context.Context, a *agreement.Agreement) error {
	before, err := tx.agreement(ctx, a.OrgID, a.ID)
	if err != nil {
		return err
	}
	a.Normalise()
	if err := a.Validate(); err != nil {
		return err
	}
	if err := tx.checkParty(ctx, a.OrgID, a.PartyID); err != nil {
		return err
	}
	if err := tx.checkMeasureIDs(ctx, a.OrgID, a.MeasureIDs); err != nil {
		return err
	}
	now := tx.s.now()
	a.CreatedAt, a.UpdatedAt, a.LastReviewedAt = before.CreatedAt, now, before.LastReviewedAt
	a.StatusHistory = before.StatusHistory
	if a.Status != before.Status {
		a.StatusHistory = append(a.StatusHistory, agreement.StatusEvent{Status: a.Status, At: now})
	}
	a.PartyName = ""
	if err := tx.saveAgreementData(ctx, a); err != nil {
		return err
	}
	before.PartyName = ""
	if err := tx.Audit(ctx, a.OrgID, audit.Update, "agreement", a.ID, before, a); err != nil {
		return err
	}
	if a.Status != before.Status || !sameID(a.PartyID, before.PartyID) {
		return tx.syncLinkedActivities(ctx, a.OrgID, a.ID)
	}
	return nil
}

// DeleteAgreement removes an agreement with its files, links, notices and reviews.
func (tx *Tx) DeleteAgreement(ctx context.Context, orgID, id int64) error {
	before, err := tx.agreement(ctx, orgID, id)
	if err != nil {
		return err
	}
	activities, err := tx.linkedActivityIDs(ctx, orgID, id)
	if err != nil {
		return err
	}
	for _, q := range []string{
		"DELETE FROM attachments WHERE agreement_id = ? AND org_id = ?",
		"DELETE FROM activity_agreements WHERE agreement_id = ? AND org_id = ?",
		"DELETE FROM subprocessor_notices WHERE agreement_id = ? AND org_id = ?",
		"DELETE FROM agreement_reviews WHERE agreement_id = ? AND org_id = ?",
		"DELETE FROM agreements WHERE id = ? AND org_id = ?",
	} {
		if _, err := tx.exec(ctx, q, id, orgID); err != nil {
			return err
		}
	}
	if err := tx.Audit(ctx, orgID, audit.Delete, "agreement", id, before, nil); err != nil {
		return err
	}
	for _, act := range activities {
		if err := tx.syncActivityAgreements(ctx, orgID, act); err != nil {
			return err
		}
	}
	return nil
}

const agreementCols = "a.id, a.data, a.last_reviewed_at, COALESCE(p.name, '') FROM agreements a LEFT JOIN parties p ON p.id = a.party_id AND p.org_id = a.org_id"

func scanAgreement(orgID int64, sc interface{ Scan(...any) error }) (*agreement.Agreement, error) {
	var id int64
	var data, party string
	var reviewed *time.Time
	if err := sc.Scan(&id, &data, &reviewed, &party); err != nil {
		return nil, err
	}
	var a agreement.Agreement
	if err := json.Unmarshal([]byte(data), &a); err != nil {
		return nil, err
	}
	a.ID, a.OrgID, a.PartyName, a.LastReviewedAt = id, orgID, party, reviewed
	a.Terms.Classify()
	return &a, nil
}

// agreement reads an agreement inside the transaction, so rows written
// earlier in it are seen.
func (tx *Tx) agreement(ctx context.Context, orgID, id int64) (*agreement.Agreement, error) {
	a, err := scanAgreement(orgID, tx.queryRow(ctx, "SELECT "+agreementCols+" WHERE a.id = ? AND a.org_id = ?", id, orgID))
	if err != nil {
		return nil, orNotFound(err, "agreement not found")
	}
	return a, nil
}

// Agreement returns one agreement of the organisation.
func (s *Store) Agreement(ctx context.Context, orgID, id int64) (*agreement.Agreement, error) {
	a, err := scanAgreement(orgID, s.queryRow(ctx, "SELECT "+agreementCols+" WHERE a.id = ? AND a.org_id = ?", id, orgID))
	if err != nil {
		return nil, orNotFound(err, "agreement not found")
	}
	return a, nil
}

// AgreementFilter narrows a list.
type AgreementFilter struct {
	PartyID int64
	Status  string
	Page    Page // the zero Page: all, by title
}

// Agreements lists the organisation's agreements by title.
func (s *Store) Agreements(ctx context.Context, orgID int64, f AgreementFilter) ([]agreement.Agreement, error) {
	q := "SELECT " + agreementCols + " WHERE a.org_id = ?"
	args := []any{orgID}
	if f.PartyID != 0 {
		q += " AND a.party_id = ?"
		args = append(args, f.PartyID)
	}
	if f.Status != "" {
		q += " AND a.status = ?"
		args = append(args, f.Status)
	}
	q, args = f.Page.keyset(q, args, "a.id", false, "LOWER(a.title), a.id")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []agreement.Agreement
	for rows.Next() {
		a, err := scanAgreement(orgID, rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, *a)
	}
	return out, mapErr(rows.Err())
}

// LinkActivity links a register activity to an agreement; both must be the
// organisation's.
func (tx *Tx) LinkActivity(ctx context.Context, orgID, agreementID, activityID int64) error {
	var n int
	if err := tx.queryRow(ctx, "SELECT (SELECT COUNT(*) FROM agreements WHERE id = ? AND org_id = ?) + (SELECT COUNT(*) FROM activities WHERE id = ? AND org_id = ?)",
		agreementID, orgID, activityID, orgID).Scan(&n); err != nil {
		return mapErr(err)
	}
	if n != 2 {
		return apperr.NotFoundf("agreement or activity not found")
	}
	var exists int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM activity_agreements WHERE org_id = ? AND activity_id = ? AND agreement_id = ?", orgID, activityID, agreementID).Scan(&exists); err != nil {
		return mapErr(err)
	}
	if exists > 0 {
		return nil
	}
	if _, err := tx.exec(ctx, "INSERT INTO activity_agreements (org_id, activity_id, agreement_id) VALUES (?, ?, ?)", orgID, activityID, agreementID); err != nil {
		return err
	}
	if err := tx.Audit(ctx, orgID, audit.Create, "activity_agreement", agreementID, nil, map[string]any{"activity_id": activityID, "agreement_id": agreementID}); err != nil {
		return err
	}
	return tx.syncActivityAgreements(ctx, orgID, activityID)
}

// UnlinkActivity removes a link.
func (tx *Tx) UnlinkActivity(ctx context.Context, orgID, agreementID, activityID int64) error {
	res, err := tx.exec(ctx, "DELETE FROM activity_agreements WHERE org_id = ? AND activity_id = ? AND agreement_id = ?", orgID, activityID, agreementID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.NotFoundf("link not found")
	}
	if err := tx.Audit(ctx, orgID, audit.Delete, "activity_agreement", agreementID, map[string]any{"activity_id": activityID, "agreement_id": agreementID}, nil); err != nil {
		return err
	}
	return tx.syncActivityAgreements(ctx, orgID, activityID)
}

// LinkedActivities lists the activities linked to an agreement.
func (s *Store) LinkedActivities(ctx context.Context, orgID, agreementID int64) ([]agreement.Activity, error) {
	return s.activityRows(ctx, `SELECT v.id, v.name, v.status FROM activities v
		JOIN activity_agreements l ON l.activity_id = v.id AND l.org_id = v.org_id
		WHERE l.org_id = ? AND l.agreement_id = ? ORDER BY LOWER(v.name)`, orgID, agreementID)
}

// ActivityChoices lists every activity of the organisation (to link).
func (s *Store) ActivityChoices(ctx context.Context, orgID int64) ([]agreement.Activity, error) {
	return s.activityRows(ctx, "SELECT id, name, status FROM activities WHERE org_id = ? ORDER BY LOWER(name), id", orgID)
}

func (s *Store) activityRows(ctx context.Context, q string, args ...any) ([]agreement.Activity, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []agreement.Activity
	for rows.Next() {
		var a agreement.Activity
		var status string
		if err := rows.Scan(&a.ID, &a.Name, &status); err != nil {
			return nil, mapErr(err)
		}
		a.Running = status != "retired"
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}

// ActivityAgreementStatus is the status of the best agreement linked to
// each activity of the organisation (signed beats negotiating beats ...),
// for the register to show instead of its free-text status.
func (s *Store) ActivityAgreementStatus(ctx context.Context, orgID int64) (map[int64]agreement.Status, error) {
	rows, err := s.query(ctx, `SELECT l.activity_id, a.status FROM activity_agreements l
		JOIN agreements a ON a.id = l.agreement_id AND a.org_id = l.org_id WHERE l.org_id = ?`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	rank := map[agreement.Status]int{agreement.StatusSigned: 5, agreement.StatusNegotiating: 4, agreement.StatusDraftSent: 3, agreement.StatusNotNeeded: 2, agreement.StatusEnded: 1}
	out := map[int64]agreement.Status{}
	for rows.Next() {
		var id int64
		var st agreement.Status
		if err := rows.Scan(&id, &st); err != nil {
			return nil, mapErr(err)
		}
		if cur, ok := out[id]; !ok || rank[st] > rank[cur] {
			out[id] = st
		}
	}
	return out, mapErr(rows.Err())
}

// UnlinkedProcessorWarnings warns about running activities that name a
// processor but have no linked agreement.
func (s *Store) UnlinkedProcessorWarnings(ctx context.Context, orgID int64) ([]agreement.Warning, error) {
	rows, err := s.query(ctx, `SELECT name, data FROM activities WHERE org_id = ? AND status <> 'retired'
		AND id NOT IN (SELECT activity_id FROM activity_agreements WHERE org_id = ?) ORDER BY LOWER(name), id`, orgID, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []agreement.Warning
	for rows.Next() {
		var name, data string
		if err := rows.Scan(&name, &data); err != nil {
			return nil, mapErr(err)
		}
		var d struct {
			Processors []struct {
				Name            string `json:"name"`
				AgreementStatus string `json:"agreement_status"`
			} `json:"processors"`
		}
		if json.Unmarshal([]byte(data), &d) != nil {
			continue
		}
		for _, p := range d.Processors {
			if p.Name != "" && p.AgreementStatus != "not_needed" {
				out = append(out, agreement.ActivityWarning(name, p.Name))
			}
		}
	}
	return out, mapErr(rows.Err())
}

// ActivityIDsByName finds activities of the organisation by exact name,
// inside the transaction (for the demo filler, which runs in the one that
// creates the register).
func (tx *Tx) ActivityIDsByName(ctx context.Context, orgID int64, names ...string) (map[string]int64, error) {
	out := map[string]int64{}
	for _, n := range names {
		var id int64
		err := tx.queryRow(ctx, "SELECT id FROM activities WHERE org_id = ? AND name = ? ORDER BY id LIMIT 1", orgID, n).Scan(&id)
		if err != nil {
			if apperr.Is(mapErr(err), apperr.NotFound) {
				continue
			}
			return nil, mapErr(err)
		}
		out[n] = id
	}
	return out, nil
}
