package store_test

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
	"privacyregister/internal/testutil"
)

// TestTaskCleanupSeed003: the library cleans up member files "ieder jaar in
// januari en februari" (seed 003). Created on 1 March 2026 and never done,
// the task is due 28 February 2027; done on 20 January 2027 it moves to 29
// February 2028. Another organisation can neither read nor complete it,
// nor own it or link its activity; every change leaves an audit row.
func TestTaskCleanupSeed003(t *testing.T) {
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	ctx := context.Background()
	o, other := newOrg(t, s, "tk"), newOrg(t, s, "tk2")
	owner := addUser(t, s, o.ID, "fg@tk.example", org.PrivacyOfficer)
	stranger := addUser(t, s, other.ID, "fg@tk2.example", org.PrivacyOfficer)
	leden := addActivity(t, s, o.ID, "Ledenadministratie")
	foreign := addActivity(t, s, other.ID, "Elders")

	tk := &store.Task{Task: task.Task{Kind: task.RetentionCleanup, Title: "Opschonen ledenbestanden", EveryMonths: 12, StartMonth: 1, WindowMonths: 2,
		OwnerID: &owner.ID, ActivityID: &leden, Active: true}}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateTask(ctx, o.ID, tk) }); err != nil {
		t.Fatal(err)
	}
	if tk.AnchorYear != 2026 {
		t.Errorf("anchor year %d, want the year of creation", tk.AnchorYear)
	}
	due := func(y int, m time.Month, d int) time.Time {
		return deadline.EndOfDay(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
	}
	got, err := s.Task(ctx, o.ID, tk.ID)
	if err != nil || !got.Next.Due.Equal(due(2027, 2, 28)) || got.State != task.Upcoming || got.LastDone != nil {
		t.Fatalf("new task: %v %+v", err, got)
	}

	// Bad input names its field; nothing is written.
	for field, bad := range map[string]store.Task{
		"owner_id":     {Task: task.Task{Kind: task.Other, Title: "x", EveryMonths: 12, StartMonth: 1, WindowMonths: 1, OwnerID: &stranger.ID}},
		"activity_id":  {Task: task.Task{Kind: task.Other, Title: "x", EveryMonths: 12, StartMonth: 1, WindowMonths: 1, ActivityID: &foreign}},
		"every_months": {Task: task.Task{Kind: task.Other, Title: "x", EveryMonths: 0, StartMonth: 1, WindowMonths: 1}},
	} {
		err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateTask(ctx, o.ID, &bad) })
		if !fieldErr(err, field) {
			t.Errorf("%s: got %v", field, err)
		}
	}

	clock.T = time.Date(2027, 1, 25, 9, 0, 0, 0, time.UTC)
	if got, _ := s.Task(ctx, o.ID, tk.ID); got.State != task.Open {
		t.Errorf("in January 2027 the window is open, got %s", got.State)
	}
	if _, err := completeTask(s, o.ID, tk.ID, time.Date(2027, 1, 26, 12, 0, 0, 0, time.UTC)); !fieldErr(err, "done_at") {
		t.Errorf("completion tomorrow: %v", err)
	}
	done, err := completeTask(s, o.ID, tk.ID, time.Date(2027, 1, 20, 11, 0, 0, 0, time.UTC))
	if err != nil || !done.Next.Due.Equal(due(2028, 2, 29)) || done.State != task.Upcoming {
		t.Fatalf("after completion: %v %+v", err, done)
	}
	// An older completion recorded afterwards does not move the task back.
	if again, err := completeTask(s, o.ID, tk.ID, time.Date(2026, 1, 10, 11, 0, 0, 0, time.UTC)); err != nil || !again.Next.Due.Equal(due(2028, 2, 29)) {
		t.Fatalf("older completion: %v %+v", err, again)
	}
	hist, err := s.TaskCompletions(ctx, o.ID, tk.ID)
	if err != nil || len(hist) != 2 || hist[0].Note != "Bestanden opgeschoond" || hist[0].DoneBy != "fg@tk.example" || hist[0].DoneAt.Year() != 2027 {
		t.Fatalf("history: %v %+v", err, hist)
	}

	// Isolation: the other organisation sees nothing and changes nothing.
	if _, err := s.Task(ctx, other.ID, tk.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("read by another organisation: %v", err)
	}
	if l, _ := s.Tasks(ctx, other.ID); len(l) != 0 {
		t.Error("listed for another organisation")
	}
	if h, _ := s.TaskCompletions(ctx, other.ID, tk.ID); len(h) != 0 {
		t.Error("history visible to another organisation")
	}
	if _, err := completeTask(s, other.ID, tk.ID, clock.T); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("completed by another organisation: %v", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteTask(ctx, other.ID, tk.ID) }); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("deleted by another organisation: %v", err)
	}

	// Update keeps the completion; a change of the window moves the due date.
	err = s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.UpdateTask(ctx, o.ID, tk.ID, func(x *store.Task) error { x.WindowMonths, x.LastDone = 3, nil; return nil })
		return err
	})
	if got, _ := s.Task(ctx, o.ID, tk.ID); err != nil || got.LastDone == nil || !got.Next.Due.Equal(due(2028, 3, 31)) {
		t.Fatalf("update: %v %+v", err, got)
	}

	trail, err := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "task", EntityID: tk.ID})
	if err != nil || len(trail) != 3 { // create, first completion, update
		t.Errorf("audit rows of the task: %v %d, want 3", err, len(trail))
	}
	if c, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "task_completion"}); len(c) != 2 {
		t.Errorf("audit rows of completions: %d, want 2", len(c))
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteTask(ctx, o.ID, tk.ID) }); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.Tasks(ctx, o.ID); len(l) != 0 {
		t.Error("deleted task still listed")
	}
	if trail, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "task", EntityID: tk.ID}); len(trail) != 4 {
		t.Errorf("no audit row for the delete: %d", len(trail))
	}
}

func completeTask(s *store.Store, orgID, id int64, at time.Time) (*store.Task, error) {
	var out *store.Task
	err := s.InTx(context.Background(), func(tx *store.Tx) (err error) {
		out, err = tx.CompleteTask(context.Background(), orgID, id, &store.TaskCompletion{DoneAt: at, DoneBy: "fg@tk.example", Note: " Bestanden opgeschoond "})
		return
	})
	return out, err
}

// fieldErr reports whether err is invalid input naming field.
func fieldErr(err error, field string) bool {
	if e, ok := err.(*apperr.Error); ok {
		return e.Code == apperr.Invalid && e.Field == field
	}
	if l, ok := err.(apperr.List); ok {
		for _, e := range l {
			if e.Field == field {
				return true
			}
		}
	}
	return false
}
