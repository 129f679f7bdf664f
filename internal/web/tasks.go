package web

import (
	"net/http"
	"sort"
	"strconv"
	"time"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
)

func taskURL(c *Ctx, id int64) string {
	return "/o/" + c.Org.Short + "/tasks/" + strconv.FormatInt(id, 10)
}

// months are the month names, as message ids, for the window's start.
var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// taskRow is a task as the pages show it.
type taskRow struct {
	store.Task
	KindText, Owner, Activity, Schedule string
	Overdue                             bool
}

// taskRows describes the tasks: owner and activity by name, the schedule
// in words.
func (s *Server) taskRows(r *http.Request, c *Ctx, ts []store.Task) ([]taskRow, error) {
	members, err := s.Store.Members(r.Context(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	acts, err := s.Store.ActivityNames(r.Context(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	rows := make([]taskRow, len(ts))
	for i, t := range ts {
		row := taskRow{Task: t, KindText: c.T(t.Kind.Label()), Overdue: t.Active && t.State == task.Overdue}
		for _, m := range members {
			if t.OwnerID != nil && m.UserID == *t.OwnerID {
				row.Owner = m.Email
				if m.Name != "" {
					row.Owner = m.Name
				}
			}
		}
		for _, a := range acts {
			if t.ActivityID != nil && a.ID == *t.ActivityID {
				row.Activity = a.Name
			}
		}
		last := time.Month((t.StartMonth+t.WindowMonths-2)%12 + 1)
		window := c.T(months[t.StartMonth-1])
		if t.WindowMonths > 1 {
			window += "–" + c.T(months[last-1])
		}
		row.Schedule = c.T("%s, every %d months", window, t.EveryMonths)
		rows[i] = row
	}
	return rows, nil
}

// taskList shows the tasks: overdue first, then by due date; inactive
// tasks last.
func (s *Server) taskList(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	ts, err := s.Store.Tasks(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	rows, err := s.taskRows(r, c, ts)
	if err != nil {
		return err
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Active != b.Active {
			return a.Active
		}
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		return a.Next.Due.Before(b.Next.Due)
	})
	s.render(w, r, c, "task_list", "Tasks", map[string]any{"Rows": rows, "CanEdit": c.Can(org.EditAdministration)})
	return nil
}

func (s *Server) loadTask(r *http.Request, c *Ctx) (*store.Task, error) {
	id, err := pathID(r, "task")
	if err != nil {
		return nil, err
	}
	return s.Store.Task(r.Context(), c.Org.ID, id)
}

func (s *Server) taskDetail(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	t, err := s.loadTask(r, c)
	if err != nil {
		return err
	}
	return s.renderTask(w, r, c, t, map[string]any{})
}

func (s *Server) renderTask(w http.ResponseWriter, r *http.Request, c *Ctx, t *store.Task, data map[string]any) error {
	rows, err := s.taskRows(r, c, []store.Task{*t})
	if err != nil {
		return err
	}
	hist, err := s.Store.TaskCompletions(r.Context(), c.Org.ID, t.ID)
	if err != nil {
		return err
	}
	data["T"], data["History"], data["CanEdit"] = rows[0], hist, c.Can(org.EditAdministration)
	data["Today"] = s.Store.Now().In(Amsterdam).Format("2006-01-02")
	if data["Trail"], err = s.history(r.Context(), c, "task", t.ID); err != nil {
		return err
	}
	s.render(w, r, c, "task_detail", "Task", data)
	return nil
}

// taskFormData fills the choices of the task form.
func (s *Server) taskFormData(r *http.Request, c *Ctx, t *store.Task) (map[string]any, error) {
	members, err := s.Store.Members(r.Context(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	acts, err := s.Store.ActivityNames(r.Context(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	var kinds, monthOpts, owners, activities []option
	for _, k := range task.Kinds {
		kinds = append(kinds, option{string(k), c.T(k.Label()), k == t.Kind})
	}
	for i, m := range months {
		monthOpts = append(monthOpts, option{strconv.Itoa(i + 1), c.T(m), t.StartMonth == i+1})
	}
	for _, m := range members {
		label := m.Email
		if m.Name != "" {
			label = m.Name + " (" + m.Email + ")"
		}
		owners = append(owners, option{strconv.FormatInt(m.UserID, 10), label, t.OwnerID != nil && *t.OwnerID == m.UserID})
	}
	for _, a := range acts {
		activities = append(activities, option{strconv.FormatInt(a.ID, 10), a.Name, t.ActivityID != nil && *t.ActivityID == a.ID})
	}
	return map[string]any{"T": t, "Kinds": kinds, "Months": monthOpts, "Owners": owners, "Activities": activities}, nil
}

// readTaskForm reads the task form into t, naming the field of bad input.
func readTaskForm(r *http.Request, t *store.Task) error {
	f := newForm(r)
	t.Kind, t.Title, t.Description = task.Kind(f.str("kind")), f.str("title"), f.str("description")
	t.EveryMonths, t.StartMonth, t.WindowMonths, t.AnchorYear = f.num("every_months"), f.num("start_month"), f.num("window_months"), f.num("anchor_year")
	t.OwnerID, t.ActivityID = f.optID("owner_id"), f.optID("activity_id")
	t.Active = f.check("active")
	return f.err()
}

func (s *Server) taskNew(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	// Seed 003's habit: yearly in January and February.
	t := &store.Task{Task: task.Task{Kind: task.Other, EveryMonths: 12, StartMonth: 1, WindowMonths: 2,
		AnchorYear: s.Store.Now().In(Amsterdam).Year(), Active: true}}
	if k := task.Kind(r.URL.Query().Get("kind")); k != "" {
		t.Kind = k
	}
	data, err := s.taskFormData(r, c, t)
	if err != nil {
		return err
	}
	s.render(w, r, c, "task_form", "New task", data)
	return nil
}

func (s *Server) taskCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	t := &store.Task{}
	err := readTaskForm(r, t)
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateTask(r.Context(), c.Org.ID, t) })
	}
	if err != nil {
		return s.taskFormFail(w, r, c, "New task", t, err)
	}
	redirectFlash(w, r, taskURL(c, t.ID), "created")
	return nil
}

// taskFormFail shows the form again with what was entered and the errors.
func (s *Server) taskFormFail(w http.ResponseWriter, r *http.Request, c *Ctx, title string, t *store.Task, err error) error {
	data, derr := s.taskFormData(r, c, t)
	if derr != nil {
		return derr
	}
	return s.formError(w, r, c, "task_form", title, data, err)
}

func (s *Server) taskEdit(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	t, err := s.loadTask(r, c)
	if err != nil {
		return err
	}
	data, err := s.taskFormData(r, c, t)
	if err != nil {
		return err
	}
	s.render(w, r, c, "task_form", "Edit task", data)
	return nil
}

func (s *Server) taskSave(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	t, err := s.loadTask(r, c)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	form := *t
	err = readTaskForm(r, &form)
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			_, err := tx.UpdateTask(r.Context(), c.Org.ID, t.ID, func(x *store.Task) error { x.Task = form.Task; return nil })
			return err
		})
	}
	if err != nil {
		if status(err) == http.StatusNotFound {
			return err
		}
		return s.taskFormFail(w, r, c, "Edit task", &form, err)
	}
	redirectFlash(w, r, taskURL(c, t.ID), "saved")
	return nil
}

func (s *Server) taskDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	t, err := s.loadTask(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteTask(r.Context(), c.Org.ID, t.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/tasks", "deleted")
	return nil
}

// taskDone records a completion on the date given (today by default).
func (s *Server) taskDone(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	t, err := s.loadTask(r, c)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := newForm(r)
	done := &store.TaskCompletion{DoneAt: f.day("done_at", false, s.Store.Now()), DoneBy: c.User.Email, Note: f.str("note")}
	if err = f.err(); err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			_, err := tx.CompleteTask(r.Context(), c.Org.ID, t.ID, done)
			return err
		})
	}
	if err != nil {
		if st := status(err); st == http.StatusInternalServerError || st == http.StatusNotFound {
			return err
		}
		w.WriteHeader(status(err))
		data := map[string]any{}
		putErrors(c, data, "task_detail", err)
		return s.renderTask(w, r, c, t, data)
	}
	redirectFlash(w, r, taskURL(c, t.ID), "task-done")
	return nil
}
