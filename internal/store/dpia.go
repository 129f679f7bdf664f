package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/dpia"
	"privacyregister/internal/textcheck"
)

// Screening is the DPIA screening of one processing activity. Reasons are
// kept in English as recorded; pages translate dpia.Screen(Answers) anew.
type Screening struct {
	ID         int64        `json:"id"`
	ActivityID int64        `json:"activity_id"`
	Answers    dpia.Answers `json:"answers"`
	Outcome    dpia.Outcome `json:"outcome"`
	Reasons    []string     `json:"reasons"`
	Note       string       `json:"note"`
	ScreenedBy string       `json:"screened_by"`
	ScreenedAt time.Time    `json:"screened_at"`
}

// ScreenActivity screens an activity of the organisation and stores the
// result with its reasons. Each screening is kept; the newest counts.
func (tx *Tx) ScreenActivity(ctx context.Context, orgID int64, sc *Screening) error {
	if err := dpia.Validate(sc.Answers); err != nil {
		return err
	}
	if err := textcheck.Struct(sc, textcheck.Common).Err(); err != nil {
		return err
	}
	if err := tx.checkActivities(ctx, orgID, "activity_id", []int64{sc.ActivityID}); err != nil {
		return apperr.Invalidf("activity_id", "There is no processing activity %d in this register.", sc.ActivityID)
	}
	res := dpia.Screen(sc.Answers)
	sc.Outcome, sc.Reasons = res.Outcome, nil
	for _, r := range res.Reasons {
		sc.Reasons = append(sc.Reasons, r.Text("en"))
	}
	sc.Note = strings.TrimSpace(sc.Note)
	sc.ScreenedAt = tx.s.now()
	answers, _ := json.Marshal(sc.Answers)
	reasons, _ := json.Marshal(sc.Reasons)
	id, err := tx.insert(ctx, `INSERT INTO dpia_screenings (org_id, activity_id, answers, outcome, reasons, note, screened_by, screened_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, orgID, sc.ActivityID, string(answers), string(sc.Outcome), string(reasons), sc.Note, sc.ScreenedBy, sc.ScreenedAt)
	if err != nil {
		return err
	}
	sc.ID = id
	if err := tx.Audit(ctx, orgID, audit.Create, "dpia_screening", id, nil, sc); err != nil {
		return err
	}
	return tx.setDPIANeeded(ctx, orgID, sc.ActivityID, sc.Outcome.ActivityDPIA())
}

// Screenings lists the organisation's screenings, newest first; with
// activityID > 0 only that activity's.
func (s *Store) Screenings(ctx context.Context, orgID, activityID int64) ([]Screening, error) {
	return s.ScreeningsPage(ctx, orgID, activityID, Page{})
}

// ScreeningsPage lists a page of the screenings, newest (highest id)
// first, or all of them with the zero Page.
func (s *Store) ScreeningsPage(ctx context.Context, orgID, activityID int64, p Page) ([]Screening, error) {
	q := "SELECT id, activity_id, answers, outcome, reasons, note, screened_by, screened_at FROM dpia_screenings WHERE org_id = ?"
	args := []any{orgID}
	if activityID > 0 {
		q += " AND activity_id = ?"
		args = append(args, activityID)
	}
	q, args = p.keyset(q, args, "id", true, "screened_at DESC, id DESC")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Screening
	for rows.Next() {
		var sc Screening
		var answers, reasons string
		if err := rows.Scan(&sc.ID, &sc.ActivityID, &answers, &sc.Outcome, &reasons, &sc.Note, &sc.ScreenedBy, &sc.ScreenedAt); err != nil {
			return nil, mapErr(err)
		}
		if err := json.Unmarshal(snakeKeys([]byte(answers)), &sc.Answers); err != nil {
			return nil, err
		}
		_ = json.Unmarshal([]byte(reasons), &sc.Reasons)
		out = append(out, sc)
	}
	return out, mapErr(rows.Err())
}

// DPIA, its risks and measures are the domain's types (internal/dpia keeps
// their states, transitions and checks); the store persists them.
type (
	DPIA        = dpia.DPIA
	DPIARisk    = dpia.DPIARisk
	DPIAMeasure = dpia.DPIAMeasure
)

// CreateDPIA records a DPIA; its activity, when given, must be the
// organisation's.
func (tx *Tx) CreateDPIA(ctx context.Context, orgID int64, d *DPIA) error {
	if err := d.Prepare(); err != nil {
		return err
	}
	if d.ActivityID != nil {
		if err := tx.checkActivities(ctx, orgID, "activity_id", []int64{*d.ActivityID}); err != nil {
			return apperr.Invalidf("activity_id", "There is no processing activity %d in this register.", *d.ActivityID)
		}
	}
	now := tx.s.now()
	d.OrgID, d.CreatedAt, d.UpdatedAt = orgID, now, now
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO dpias (org_id, activity_id, title, state, residual_level, next_review_at, data, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, orgID, optID(d.ActivityID), d.Title, string(d.State), string(d.ResidualLevel), optTime(d.NextReviewAt), string(data), now, now)
	if err != nil {
		return err
	}
	d.ID = id
	return tx.Audit(ctx, orgID, audit.Create, "dpia", id, nil, d)
}

func optID(id *int64) any {
	if id == nil {
		return nil
	}
	return *id
}

const dpiaCols = recordCols

func scanDPIA(sc interface{ Scan(...any) error }, orgID int64) (*DPIA, error) {
	var d DPIA
	id, created, updated, err := scanRecord(sc, "dpia", &d)
	if err != nil {
		return nil, err
	}
	d.ID, d.OrgID, d.CreatedAt, d.UpdatedAt = id, orgID, created, updated
	return &d, nil
}

// DPIA returns one DPIA of the organisation.
func (s *Store) DPIA(ctx context.Context, orgID, id int64) (*DPIA, error) {
	d, err := scanDPIA(s.queryRow(ctx, "SELECT "+dpiaCols+" FROM dpias WHERE org_id = ? AND id = ?", orgID, id), orgID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("DPIA not found")
	}
	return d, err
}

// DPIAs lists the organisation's DPIAs by title.
func (s *Store) DPIAs(ctx context.Context, orgID int64) ([]DPIA, error) {
	return s.DPIAsPage(ctx, orgID, Page{})
}

// DPIAsPage lists a page of the organisation's DPIAs (by id), or all of
// them by title with the zero Page.
func (s *Store) DPIAsPage(ctx context.Context, orgID int64, p Page) ([]DPIA, error) {
	q, args := p.keyset("SELECT "+dpiaCols+" FROM dpias WHERE org_id = ?", []any{orgID}, "id", false, "title, id")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DPIA
	for rows.Next() {
		d, err := scanDPIA(rows, orgID)
		if err != nil {
			return nil, err
		}
		out = append(out, *d)
	}
	return out, mapErr(rows.Err())
}

// UpdateDPIA loads the DPIA, applies change, checks and saves it.
func (tx *Tx) UpdateDPIA(ctx context.Context, orgID, id int64, change func(d *DPIA) error) (*DPIA, error) {
	d, err := scanDPIA(tx.queryRow(ctx, "SELECT "+dpiaCols+" FROM dpias WHERE org_id = ? AND id = ?"+tx.d.ForUpdate(), orgID, id), orgID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("DPIA not found")
	}
	if err != nil {
		return nil, err
	}
	before := *d
	before.Risks = cloneRisks(d.Risks)
	if err := change(d); err != nil {
		return nil, err
	}
	if err := dpia.Transition(before.State, d.State); err != nil {
		return nil, err
	}
	if err := d.Prepare(); err != nil {
		return nil, err
	}
	if d.ActivityID != nil {
		if err := tx.checkActivities(ctx, orgID, "activity_id", []int64{*d.ActivityID}); err != nil {
			return nil, apperr.Invalidf("activity_id", "There is no processing activity %d in this register.", *d.ActivityID)
		}
	}
	d.ID, d.OrgID = id, orgID
	d.UpdatedAt = tx.s.now()
	data, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE dpias SET activity_id = ?, title = ?, state = ?, residual_level = ?, next_review_at = ?, data = ?, updated_at = ?
		WHERE org_id = ? AND id = ?`, optID(d.ActivityID), d.Title, string(d.State), string(d.ResidualLevel), optTime(d.NextReviewAt), string(data), d.UpdatedAt, orgID, id); err != nil {
		return nil, err
	}
	return d, tx.Audit(ctx, orgID, audit.Update, "dpia", id, before, d)
}

func cloneRisks(rs []DPIARisk) []DPIARisk {
	out := make([]DPIARisk, len(rs))
	for i, r := range rs {
		out[i] = r
		out[i].Measures = append([]DPIAMeasure(nil), r.Measures...)
	}
	return out
}

// DeleteDPIA removes a DPIA.
func (tx *Tx) DeleteDPIA(ctx context.Context, orgID, id int64) error {
	d, err := scanDPIA(tx.queryRow(ctx, "SELECT "+dpiaCols+" FROM dpias WHERE org_id = ? AND id = ?", orgID, id), orgID)
	if err != nil {
		return apperr.NotFoundf("DPIA not found")
	}
	if _, err := tx.exec(ctx, "DELETE FROM dpias WHERE org_id = ? AND id = ?", orgID, id); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, "dpia", id, d, nil)
}

// FindActivity returns the first of the organisation's activities whose
// name contains part (case-insensitive); ok is false when none does.
func (tx *Tx) FindActivity(ctx context.Context, orgID int64, part string) (id int64, ok bool, err error) {
	err = tx.queryRow(ctx, "SELECT id FROM activities WHERE org_id = ? AND LOWER(name) LIKE ? ORDER BY id LIMIT 1", orgID, "%"+strings.ToLower(part)+"%").Scan(&id)
	if apperr.Is(mapErr(err), apperr.NotFound) {
		return 0, false, nil
	}
	return id, err == nil, mapErr(err)
}

// DPIAStates returns the states of the organisation's DPIAs per activity
// they assess, for dpia.Coverage (DPIAs without an activity are left out).
func (s *Store) DPIAStates(ctx context.Context, orgID int64) (map[int64][]dpia.State, error) {
	rows, err := s.query(ctx, "SELECT activity_id, state FROM dpias WHERE org_id = ? AND activity_id IS NOT NULL", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]dpia.State{}
	for rows.Next() {
		var id int64
		var st dpia.State
		if err := rows.Scan(&id, &st); err != nil {
			return nil, mapErr(err)
		}
		out[id] = append(out[id], st)
	}
	return out, mapErr(rows.Err())
}
