package store

import (
	"context"
	"database/sql"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/deadline"
	"privacyregister/internal/holidays"
	"privacyregister/internal/request"
)

// DecreeDay is a day an organisation equates with a public holiday.
type DecreeDay = holidays.OrgDay

const decreeDayCols = "id, day, title, added_by, added_at"

func scanDecreeDays(rows *sql.Rows, err error) ([]DecreeDay, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DecreeDay
	for rows.Next() {
		var d DecreeDay
		if err := rows.Scan(&d.ID, &d.Day, &d.Title, &d.AddedBy, &d.AddedAt); err != nil {
			return nil, mapErr(err)
		}
		d.AddedAt = d.AddedAt.UTC()
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

// DecreeDays lists the organisation's own decree days, by date.
func (s *Store) DecreeDays(ctx context.Context, orgID int64) ([]DecreeDay, error) {
	return scanDecreeDays(s.query(ctx, "SELECT "+decreeDayCols+" FROM decree_days WHERE org_id = ? ORDER BY day", orgID))
}

// Calendar is the organisation's calendar of legal periods: the statutory
// holidays, the embedded decree days and the installation's --decree-days
// file (RequestCalendar), plus the organisation's own days. Each call
// builds a new calendar, so callers may keep or change it.
func (s *Store) Calendar(ctx context.Context, orgID int64) (*deadline.Calendar, error) {
	own, err := s.DecreeDays(ctx, orgID)
	if err != nil {
		return nil, err
	}
	return holidays.Calendar(RequestCalendar, own), nil
}

// calendar is Calendar read inside the transaction, so it sees a day the
// transaction has just added or removed.
func (tx *Tx) calendar(ctx context.Context, orgID int64) (*deadline.Calendar, error) {
	own, err := scanDecreeDays(tx.query(ctx, "SELECT "+decreeDayCols+" FROM decree_days WHERE org_id = ? ORDER BY day", orgID))
	if err != nil {
		return nil, err
	}
	return holidays.Calendar(RequestCalendar, own), nil
}

// Holidays lists the year's days on which the organisation's periods do
// not end, weekends aside, with their kind and source.
func (s *Store) Holidays(ctx context.Context, orgID int64, year int) ([]holidays.Day, error) {
	own, err := s.DecreeDays(ctx, orgID)
	if err != nil {
		return nil, err
	}
	return holidays.Year(year, RequestCalendar, own), nil
}

// AddDecreeDay equates a day with a public holiday for the organisation
// and moves the due dates of its open requests that the day changes; it
// returns how many moved. A bad date, a weekend day, or a day that already
// is a holiday or decree day is a field error and writes nothing.
func (tx *Tx) AddDecreeDay(ctx context.Context, orgID int64, d *DecreeDay) (moved int, err error) {
	cal, err := tx.calendar(ctx, orgID)
	if err != nil {
		return 0, err
	}
	if err := holidays.Validate(d, cal); err != nil {
		return 0, err
	}
	d.AddedAt = tx.s.now()
	id, err := tx.insert(ctx, "INSERT INTO decree_days (org_id, day, title, added_by, added_at) VALUES (?, ?, ?, ?, ?)",
		orgID, d.Day, d.Title, d.AddedBy, d.AddedAt)
	if apperr.Is(err, apperr.Conflict) { // added at the same moment by someone else
		return 0, apperr.Invalidf("day", "That day is already equated with a public holiday: %s.", d.Day)
	}
	if err != nil {
		return 0, err
	}
	d.ID = id
	if err := tx.Audit(ctx, orgID, audit.Create, "decree_day", id, nil, d); err != nil {
		return 0, err
	}
	return tx.recomputeDueDates(ctx, orgID)
}

// DeleteDecreeDay removes one of the organisation's own decree days and
// moves the due dates of its open requests back where the day held them.
func (tx *Tx) DeleteDecreeDay(ctx context.Context, orgID, id int64) (moved int, err error) {
	days, err := scanDecreeDays(tx.query(ctx, "SELECT "+decreeDayCols+" FROM decree_days WHERE org_id = ? AND id = ?", orgID, id))
	if err != nil {
		return 0, err
	}
	if len(days) == 0 {
		return 0, apperr.NotFoundf("decree day not found")
	}
	if _, err := tx.exec(ctx, "DELETE FROM decree_days WHERE org_id = ? AND id = ?", orgID, id); err != nil {
		return 0, err
	}
	if err := tx.Audit(ctx, orgID, audit.Delete, "decree_day", id, days[0], nil); err != nil {
		return 0, err
	}
	return tx.recomputeDueDates(ctx, orgID)
}

// recomputeDueDates counts the due date of every open request of the
// organisation anew on its calendar, as request.New and request.Extend
// do (one month, or three once extended), and saves those that moved
// through UpdateRequest, audited as updates. Answered, refused and closed
// requests keep the due date they were measured against.
func (tx *Tx) recomputeDueDates(ctx context.Context, orgID int64) (int, error) {
	cal, err := tx.calendar(ctx, orgID)
	if err != nil {
		return 0, err
	}
	due := func(r *SubjectRequest) bool {
		d := request.Due(r.ReceivedAt, cal)
		if r.Extension != nil {
			d = request.ExtendedDue(r.ReceivedAt, cal)
		}
		if d.Equal(r.DueAt) {
			return false
		}
		r.DueAt = d
		return true
	}
	cond, open := openStatesSQL()
	rows, err := tx.query(ctx, "SELECT "+requestCols+" FROM subject_requests WHERE org_id = ? AND "+cond+" ORDER BY id",
		append([]any{orgID}, open...)...)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		r, err := scanRequest(rows, orgID)
		if err != nil {
			rows.Close()
			return 0, err
		}
		if due(r) {
			ids = append(ids, r.ID)
		}
	}
	if err := rows.Close(); err != nil {
		return 0, mapErr(err)
	}
	if err := rows.Err(); err != nil {
		return 0, mapErr(err)
	}
	for _, id := range ids {
		if _, err := tx.UpdateRequest(ctx, orgID, id, func(r *SubjectRequest, _ time.Time) error {
			due(r)
			return nil
		}); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// RecountDueDates counts the open requests of every organisation anew on
// its calendar, so that days equated by decree since a request came in (in
// a newer release or the installation's --decree-days file) move its due
// date. serve runs it at start; each organisation in a transaction of its
// own, every move audited.
func (s *Store) RecountDueDates(ctx context.Context) (int, error) {
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, o := range orgs {
		err := s.InTx(ctx, func(tx *Tx) error {
			n, err := tx.recomputeDueDates(ctx, o.ID)
			total += n
			return err
		})
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
