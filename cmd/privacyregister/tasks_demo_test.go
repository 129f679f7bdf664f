package main

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
	"privacyregister/internal/testutil"
)

// TestDemoTasks: whatever day the demo is created (before, in and after the
// January-February window, and in a leap year), it shows seed 003's three
// moments, the clean-up overdue and linked to the member administration,
// the policy evaluation and the annual report still ahead.
func TestDemoTasks(t *testing.T) {
	ctx := context.Background()
	for _, now := range []time.Time{
		time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC),
		time.Date(2026, 2, 28, 21, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC),
		time.Date(2028, 2, 29, 12, 0, 0, 0, time.UTC),
		time.Date(2027, 12, 31, 23, 30, 0, 0, time.UTC),
	} {
		t.Run(now.Format("2006-01-02T15"), func(t *testing.T) {
			st := testutil.NewStore(t)
			st.Now = func() time.Time { return now }
			o := &org.Organisation{Short: demoShort, Name: demoName}
			err := st.InTx(ctx, func(tx *store.Tx) error {
				if err := tx.CreateOrg(ctx, o); err != nil {
					return err
				}
				if _, err := tx.AddMember(ctx, o.ID, &auth.User{Email: demoPO, PasswordHash: "x"}, org.PrivacyOfficer); err != nil {
					return err
				}
				if err := demoRegister(ctx, tx, o); err != nil {
					return err
				}
				return demoTasks(ctx, tx, o)
			})
			if err != nil {
				t.Fatal(err)
			}
			ts, err := st.Tasks(ctx, o.ID)
			if err != nil || len(ts) != 3 {
				t.Fatalf("%v: %d tasks", err, len(ts))
			}
			for _, tk := range ts {
				want := task.Upcoming
				if tk.Kind == task.RetentionCleanup {
					want = task.Overdue
					if tk.ActivityID == nil {
						t.Error("clean-up not linked to the member administration")
					}
				}
				if tk.State != want || tk.OwnerID == nil || tk.LastDone == nil {
					t.Errorf("%s: %s (due %s, last done %v), want %s with an owner", tk.Title, tk.State, tk.Next.Due, tk.LastDone, want)
				}
			}
		})
	}
}
