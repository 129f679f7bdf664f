package api

import (
	"net/http"
	"time"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
)

// TaskDone is the body of POST /api/v1/tasks/{id}/done.
type TaskDone struct {
	DoneAt time.Time `json:"done_at"` // omitted: now
	Note   string    `json:"note"`
}

// taskRoutes are the recurring task endpoints.
func (a *API) taskRoutes() {
	a.Handle(Route{Method: "GET", Path: "/api/v1/tasks", Perm: org.ViewAdministration, Tag: "tasks",
		Summary: "Recurring tasks (policy evaluation, retention clean-up, annual report ...) with their next window and due date, by id", Paging: PagedByKey, Response: []store.Task{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(t *store.Task) int64 { return t.ID })(a.Store.TasksPage(r.Context(), c.Org.ID, p))
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/tasks/{id}", Perm: org.ViewAdministration, Tag: "tasks", Summary: "One recurring task", Response: store.Task{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return a.Store.Task(r.Context(), c.Org.ID, id)
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/tasks", Perm: org.EditAdministration, Tag: "tasks",
		Summary: "Define a recurring task; active unless \"active\": false, anchor year the current year when left out; last_done comes from completions only",
		Request: task.Task{}, Response: store.Task{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			t := store.Task{Task: task.Task{Active: true}}
			if err := Decode(r, &t); err != nil {
				return nil, err
			}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateTask(r.Context(), c.Org.ID, &t) }); err != nil {
				return nil, err
			}
			return Created{t}, nil
		})
	a.Handle(Route{Method: "PUT", Path: "/api/v1/tasks/{id}", Perm: org.EditAdministration, Tag: "tasks",
		Summary: "Change a task; fields left out keep their value (a task as GET returns it is accepted)", Request: task.Task{}, Response: store.Task{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			var out *store.Task
			err = a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
				out, err = tx.UpdateTask(r.Context(), c.Org.ID, id, func(t *store.Task) error { return Decode(r, t) })
				return
			})
			return out, err
		})
	a.Handle(Route{Method: "DELETE", Path: "/api/v1/tasks/{id}", Perm: org.EditAdministration, Tag: "tasks", Summary: "Delete a task with its history"},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return nil, a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteTask(r.Context(), c.Org.ID, id) })
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/tasks/{id}/done", Perm: org.EditAdministration, Tag: "tasks",
		Summary: "Record that a task was done (not on a future day); it counts for the window it falls in, or the nearest", Request: TaskDone{}, Response: store.Task{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			var in TaskDone
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			var out *store.Task
			err = a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
				out, err = tx.CompleteTask(r.Context(), c.Org.ID, id, &store.TaskCompletion{DoneAt: in.DoneAt, Note: in.Note, DoneBy: c.User.Email})
				return
			})
			return out, err
		})
}
