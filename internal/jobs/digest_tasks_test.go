package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
	"privacyregister/internal/testutil"
)

// TestWeeklyDigestTasks: on Monday 23 February 2026 the privacy officer of
// the seed 003 library reads that the policy evaluation (every two years in
// January-February, last in 2023, so due 28 February 2025) is overdue and
// the yearly clean-up of member files is due 28 February 2026, each under
// its own kind; not the annual report due end of March, nor an inactive task.
func TestWeeklyDigestTasks(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC)}
	st.Now = clock.Now
	o := &org.Organisation{Short: "blij", Name: "Bibliotheek"}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		if _, err := tx.AddMember(ctx, o.ID, &auth.User{Email: "fg@blij.example", PasswordHash: "x", Lang: "nl"}, org.PrivacyOfficer); err != nil {
			return err
		}
		for _, c := range []struct {
			t    task.Task
			done time.Time
		}{
			{task.Task{Kind: task.PolicyEvaluation, Title: "Evaluatie privacybeleid", EveryMonths: 24, StartMonth: 1, WindowMonths: 2, AnchorYear: 2023, Active: true},
				time.Date(2023, 2, 10, 12, 0, 0, 0, time.UTC)},
			{task.Task{Kind: task.RetentionCleanup, Title: "Opschonen ledenbestanden", EveryMonths: 12, StartMonth: 1, WindowMonths: 2, AnchorYear: 2025, Active: true},
				time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC)},
			{task.Task{Kind: task.AnnualReport, Title: "Privacyparagraaf bestuursverslag", EveryMonths: 12, StartMonth: 1, WindowMonths: 3, AnchorYear: 2025, Active: true},
				time.Date(2025, 3, 20, 12, 0, 0, 0, time.UTC)},
			{task.Task{Kind: task.Awareness, Title: "Bewustwordingssessie", EveryMonths: 12, StartMonth: 1, WindowMonths: 1, AnchorYear: 2025, Active: false},
				time.Date(2024, 1, 20, 12, 0, 0, 0, time.UTC)},
		} {
			tk := &store.Task{Task: c.t}
			if err := tx.CreateTask(ctx, o.ID, tk); err != nil {
				return err
			}
			if _, err := tx.CompleteTask(ctx, o.ID, tk.ID, &store.TaskCompletion{DoneAt: c.done}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	body := mondayDigest(t, st, clock)
	overdue, soon := strings.Index(body, "Te laat"), strings.Index(body, "Binnenkort")
	policy := strings.Index(body, "28-02-2025  Evaluatie privacybeleid: Evaluatie privacybeleid")
	cleanup := strings.Index(body, "28-02-2026  Opschonen bestanden: Opschonen ledenbestanden")
	if overdue < 0 || soon < 0 || policy < overdue || policy > soon || cleanup < soon {
		t.Errorf("digest does not list the overdue evaluation and the clean-up due soon:\n%s", body)
	}
	if !strings.Contains(body, "https://p.example/o/blij/tasks/") {
		t.Errorf("no link to the task:\n%s", body)
	}
	if strings.Contains(body, "bestuursverslag") || strings.Contains(body, "Bewustwording") {
		t.Errorf("digest lists the annual report due end of March or an inactive task:\n%s", body)
	}
}
