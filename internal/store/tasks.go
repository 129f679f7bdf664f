package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/deadline"
	"privacyregister/internal/task"
)

// Task is a recurring task of the organisation with its next window, as
// of the store's clock. LastDone is kept by CompleteTask, never set directly.
type Task struct {
	ID int64 `json:"id"`
	task.Task
	Next      task.Window `json:"next"`
	State     task.State  `json:"state"`
	CreatedAt time.Time   `json:"created_at"`
	UpdatedAt time.Time   `json:"updated_at"`
}

// TaskCompletion is one time a task was done.
type TaskCompletion struct {
	ID     int64     `json:"id"`
	TaskID int64     `json:"task_id"`
	DoneAt time.Time `json:"done_at"`
	DoneBy string    `json:"done_by"`
	Note   string    `json:"note"`
}

const taskCols = "id, kind, title, description, every_months, start_month, window_months, anchor_year, owner_id, activity_id, last_done_at, active, created_at, updated_at"

func (s *Store) scanTask(sc interface{ Scan(...any) error }) (*Task, error) {
	var t Task
	var owner, act sql.NullInt64
	var last sql.NullTime
	if err := sc.Scan(&t.ID, &t.Kind, &t.Title, &t.Description, &t.EveryMonths, &t.StartMonth, &t.WindowMonths, &t.AnchorYear,
		&owner, &act, &last, &t.Active, &t.CreatedAt, &t.UpdatedAt); err != nil {
		return nil, mapErr(err)
	}
	if owner.Valid {
		t.OwnerID = &owner.Int64
	}
	if act.Valid {
		t.ActivityID = &act.Int64
	}
	t.LastDone = nullTime(last)
	t.CreatedAt, t.UpdatedAt = t.CreatedAt.UTC(), t.UpdatedAt.UTC()
	t.schedule(s.now())
	return &t, nil
}

// schedule computes the next window and how it stands at now.
func (t *Task) schedule(now time.Time) {
	t.Next = t.Task.Next(t.CreatedAt)
	t.State = t.Next.StateAt(now)
}

// Tasks lists the organisation's tasks by title.
func (s *Store) Tasks(ctx context.Context, orgID int64) ([]Task, error) {
	return s.TasksPage(ctx, orgID, Page{})
}

// TasksPage lists a page of the organisation's tasks (by id), or all of
// them by title with the zero Page.
func (s *Store) TasksPage(ctx context.Context, orgID int64, p Page) ([]Task, error) {
	q, args := p.keyset("SELECT "+taskCols+" FROM tasks WHERE org_id = ?", []any{orgID}, "id", false, "title, id")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		t, err := s.scanTask(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, mapErr(rows.Err())
}

// Task returns one task of the organisation.
func (s *Store) Task(ctx context.Context, orgID, id int64) (*Task, error) {
	t, err := s.scanTask(s.queryRow(ctx, "SELECT "+taskCols+" FROM tasks WHERE org_id = ? AND id = ?", orgID, id))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("task not found")
	}
	return t, err
}

func (tx *Tx) lockTask(ctx context.Context, orgID, id int64) (*Task, error) {
	t, err := tx.s.scanTask(tx.queryRow(ctx, "SELECT "+taskCols+" FROM tasks WHERE org_id = ? AND id = ?"+tx.d.ForUpdate(), orgID, id))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("task not found")
	}
	return t, err
}

// checkTask validates t; a missing anchor year becomes the year the task
// was created. The owner must be a member and the activity the
// organisation's.
func (tx *Tx) checkTask(ctx context.Context, orgID int64, t *Task) error {
	if t.AnchorYear == 0 {
		t.AnchorYear = t.CreatedAt.In(deadline.Amsterdam).Year()
	}
	if err := t.Validate(); err != nil {
		return err
	}
	if t.OwnerID != nil {
		var n int
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND user_id = ?", orgID, *t.OwnerID).Scan(&n); err != nil {
			return mapErr(err)
		}
		if n == 0 {
			return apperr.Invalidf("owner_id", "The owner must be a member of this organisation.")
		}
	}
	if t.ActivityID != nil {
		if err := tx.checkActivities(ctx, orgID, "activity_id", []int64{*t.ActivityID}); err != nil {
			return apperr.Invalidf("activity_id", "There is no processing activity %d in this register.", *t.ActivityID)
		}
	}
	return nil
}

// CreateTask records a new task; it is not yet done (record completions,
// also past ones, with CompleteTask).
func (tx *Tx) CreateTask(ctx context.Context, orgID int64, t *Task) error {
	now := tx.s.now()
	t.CreatedAt, t.UpdatedAt, t.LastDone = now, now, nil
	if err := tx.checkTask(ctx, orgID, t); err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO tasks (org_id, kind, title, description, every_months, start_month, window_months, anchor_year, owner_id, activity_id, active, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, orgID, string(t.Kind), t.Title, t.Description, t.EveryMonths, t.StartMonth, t.WindowMonths, t.AnchorYear,
		optID(t.OwnerID), optID(t.ActivityID), t.Active, now, now)
	if err != nil {
		return err
	}
	t.ID = id
	t.schedule(now)
	return tx.Audit(ctx, orgID, audit.Create, "task", id, nil, t)
}

// UpdateTask loads the task, applies change and saves it. Its last
// completion stays what the completions say.
func (tx *Tx) UpdateTask(ctx context.Context, orgID, id int64, change func(t *Task) error) (*Task, error) {
	t, err := tx.lockTask(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	before := *t
	if err := change(t); err != nil {
		return nil, err
	}
	t.ID, t.LastDone, t.CreatedAt, t.UpdatedAt = id, before.LastDone, before.CreatedAt, tx.s.now()
	if err := tx.checkTask(ctx, orgID, t); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE tasks SET kind = ?, title = ?, description = ?, every_months = ?, start_month = ?, window_months = ?, anchor_year = ?,
		owner_id = ?, activity_id = ?, active = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		string(t.Kind), t.Title, t.Description, t.EveryMonths, t.StartMonth, t.WindowMonths, t.AnchorYear,
		optID(t.OwnerID), optID(t.ActivityID), t.Active, t.UpdatedAt, orgID, id); err != nil {
		return nil, err
	}
	t.schedule(tx.s.now())
	return t, tx.Audit(ctx, orgID, audit.Update, "task", id, before, t)
}

// DeleteTask removes a task with its completions.
func (tx *Tx) DeleteTask(ctx context.Context, orgID, id int64) error {
	t, err := tx.lockTask(ctx, orgID, id)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM task_completions WHERE org_id = ? AND task_id = ?", orgID, id); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM tasks WHERE org_id = ? AND id = ?", orgID, id); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, "task", id, t, nil)
}

// CompleteTask records that the task was done at c.DoneAt (zero: now) and
// moves its last completion forward; an older completion recorded later
// joins the history without moving it back. A date in the future is refused.
func (tx *Tx) CompleteTask(ctx context.Context, orgID, id int64, c *TaskCompletion) (*Task, error) {
	t, err := tx.lockTask(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	now := tx.s.now()
	if c.DoneAt.IsZero() {
		c.DoneAt = now
	}
	c.DoneAt = c.DoneAt.UTC().Truncate(time.Microsecond)
	if deadline.DueDate(c.DoneAt).After(deadline.DueDate(now)) {
		return nil, apperr.Invalidf("done_at", "A task cannot be done on a day still to come.")
	}
	c.Note, c.DoneBy, c.TaskID = strings.TrimSpace(c.Note), strings.TrimSpace(c.DoneBy), id
	cid, err := tx.insert(ctx, "INSERT INTO task_completions (org_id, task_id, done_at, done_by, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		orgID, id, c.DoneAt, c.DoneBy, c.Note, now)
	if err != nil {
		return nil, err
	}
	c.ID = cid
	if err := tx.Audit(ctx, orgID, audit.Create, "task_completion", cid, nil, c); err != nil {
		return nil, err
	}
	if t.LastDone != nil && !c.DoneAt.After(*t.LastDone) {
		return t, nil
	}
	before := *t
	t.LastDone, t.UpdatedAt = &c.DoneAt, now
	if _, err := tx.exec(ctx, "UPDATE tasks SET last_done_at = ?, updated_at = ? WHERE org_id = ? AND id = ?", c.DoneAt, now, orgID, id); err != nil {
		return nil, err
	}
	t.schedule(now)
	return t, tx.Audit(ctx, orgID, audit.Update, "task", id, before, t)
}

// TaskCompletions lists a task's completions, newest first.
func (s *Store) TaskCompletions(ctx context.Context, orgID, taskID int64) ([]TaskCompletion, error) {
	rows, err := s.query(ctx, "SELECT id, task_id, done_at, done_by, note FROM task_completions WHERE org_id = ? AND task_id = ? ORDER BY done_at DESC, id DESC", orgID, taskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TaskCompletion
	for rows.Next() {
		var c TaskCompletion
		if err := rows.Scan(&c.ID, &c.TaskID, &c.DoneAt, &c.DoneBy, &c.Note); err != nil {
			return nil, mapErr(err)
		}
		c.DoneAt = c.DoneAt.UTC()
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// Now is the store's clock, for code that dates things inside a
// transaction (the demo data).
func (tx *Tx) Now() time.Time { return tx.s.now() }

// MemberID returns the id of the organisation's member with the e-mail
// address; ok is false when there is none.
func (tx *Tx) MemberID(ctx context.Context, orgID int64, email string) (id int64, ok bool, err error) {
	err = tx.queryRow(ctx, "SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? AND u.email = ?", orgID, email).Scan(&id)
	if apperr.Is(mapErr(err), apperr.NotFound) {
		return 0, false, nil
	}
	return id, err == nil, mapErr(err)
}
