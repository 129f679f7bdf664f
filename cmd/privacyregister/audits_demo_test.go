package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestDemoAudits: whatever day the demo is created, NOA (every three years)
// was audited about two years ago by reading the TPM statement, its
// follow-up done, so its next audit is still ahead; ICTeam (yearly, never
// audited) is overdue.
func TestDemoAudits(t *testing.T) {
	ctx := context.Background()
	// The other fillers date their examples in the past, so only today and
	// later days (a leap day, late evening) can be tried.
	for _, now := range []time.Time{time.Now().UTC().Truncate(time.Microsecond), time.Date(2028, 2, 29, 23, 30, 0, 0, time.UTC)} {
		t.Run(now.Format("2006-01-02"), func(t *testing.T) {
			st := testutil.NewStore(t)
			st.Now = func() time.Time { return now }
			if err := ensureDemo(ctx, st, io.Discard); err != nil {
				t.Fatal(err)
			}
			o, err := st.OrgByShort(ctx, demoShort)
			if err != nil {
				t.Fatal(err)
			}
			list, err := st.Agreements(ctx, o.ID, store.AgreementFilter{})
			if err != nil {
				t.Fatal(err)
			}
			last, err := st.LastAudits(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			seen := 0
			for _, a := range list {
				var held *time.Time
				if h, ok := last[a.ID]; ok {
					held = &h
				}
				due := agreement.NextAudit(a.Terms.Audit.FrequencyMonths, held, agreement.AuditStart(&a))
				switch {
				case strings.Contains(a.Title, "NOA"):
					seen++
					audits, _ := st.Audits(ctx, o.ID, a.ID)
					if len(audits) != 1 || audits[0].Kind != agreement.AuditReportReview || !audits[0].Closed || audits[0].FollowUp == "" {
						t.Fatalf("NOA audits: %+v", audits)
					}
					if age := now.Sub(audits[0].HeldOn); age < 700*24*time.Hour || age > 735*24*time.Hour {
						t.Errorf("NOA audited %v before now, want about two years", age)
					}
					if due == nil || !due.After(now) || due.After(now.AddDate(1, 1, 0)) {
						t.Errorf("NOA's next audit %v, want about a year after %v", due, now)
					}
				case strings.Contains(a.Title, "ICTeam"):
					seen++
					if held != nil || due == nil || !due.Before(now) {
						t.Errorf("ICTeam: last audit %v, next %v, want never audited and overdue", held, due)
					}
				}
			}
			if seen != 2 {
				t.Fatalf("found %d of NOA and ICTeam in the demo", seen)
			}
		})
	}
}
