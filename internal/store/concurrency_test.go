package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
	"privacyregister/internal/testutil"
)

// TestConcurrentWritersKeepEveryWriteAndTheChain: many writers at once, of
// different kinds, in one organisation and in a second one. On PostgreSQL
// this failed with "deadlock detected" (each insert took a key-share lock
// on the organisation row through its foreign key, then the audit chain
// asked for FOR UPDATE on the same row). Every write must land, none may be
// lost, and both audit chains must verify afterwards.
func TestConcurrentWritersKeepEveryWriteAndTheChain(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	a, b := newOrg(t, s, "conc"), newOrg(t, s, "conc2")
	addUser(t, s, a.ID, "fg@conc.example", org.PrivacyOfficer)
	shared := &store.Task{Task: task.Task{Kind: task.Other, Title: "Gedeeld", EveryMonths: 12, StartMonth: 1, WindowMonths: 2, Active: true}}
	act := &register.Activity{Name: "Ledenadministratie"}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateTask(ctx, a.ID, shared); err != nil {
			return err
		}
		return tx.CreateActivity(ctx, a.ID, act)
	}); err != nil {
		t.Fatal(err)
	}
	startA, _ := s.AuditHead(ctx, a.ID)

	const workers, writes = 8, 25
	kinds := []func(orgID int64, w, i int) error{
		func(orgID int64, w, i int) error {
			tk := &store.Task{Task: task.Task{Kind: task.Other, Title: fmt.Sprintf("Taak %d-%d", w, i), EveryMonths: 12, StartMonth: 1, WindowMonths: 1, Active: true}}
			return s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateTask(ctx, orgID, tk) })
		},
		func(orgID int64, w, i int) error {
			inc := &store.Incident{}
			inc.Title, inc.DiscoveredAt = fmt.Sprintf("Incident %d-%d", w, i), time.Now().UTC().Add(-time.Hour)
			return s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateIncident(ctx, orgID, inc) })
		},
		func(orgID int64, w, i int) error {
			p := &agreement.Party{OrgID: orgID, Name: fmt.Sprintf("Leverancier %d-%d", w, i), Kind: agreement.KindProcessor, Country: "NL"}
			return s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateParty(ctx, p) })
		},
		func(orgID int64, w, i int) error {
			m := &register.Measure{Name: fmt.Sprintf("Maatregel %d-%d", w, i), Kind: register.Technical}
			return s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateMeasure(ctx, orgID, m) })
		},
		func(orgID int64, w, i int) error {
			if orgID != a.ID {
				return nil
			}
			return s.InTx(ctx, func(tx *store.Tx) error {
				_, err := tx.CompleteTask(ctx, orgID, shared.ID, &store.TaskCompletion{Note: fmt.Sprintf("%d-%d", w, i)})
				return err
			})
		},
		func(orgID int64, w, i int) error {
			r := &store.SubjectRequest{}
			r.ReceivedAt, r.Rights, r.Channel = time.Now().UTC().Add(-time.Hour), []request.Right{request.Access}, request.ByEmail
			r.Requester.Name, r.Requester.Email = fmt.Sprintf("Verzoeker %d-%d", w, i), "v@example.nl"
			return s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateRequest(ctx, orgID, r) })
		},
		func(orgID int64, w, i int) error {
			if orgID != a.ID {
				return nil
			}
			return s.InTx(ctx, func(tx *store.Tx) error {
				cur, err := tx.Activity(ctx, orgID, act.ID)
				if err != nil {
					return err
				}
				cur.Description = fmt.Sprintf("Doel %d-%d", w, i)
				return tx.UpdateActivity(ctx, orgID, cur)
			})
		},
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*writes)
	for w := range workers {
		for _, orgID := range []int64{a.ID, b.ID} {
			if orgID == b.ID && w%2 == 1 {
				continue // the second organisation gets half the writers
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range writes {
					if err := kinds[(w+i)%len(kinds)](orgID, w, i); err != nil {
						errs <- fmt.Errorf("org %d writer %d write %d: %w", orgID, w, i, err)
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	failed := 0
	for err := range errs {
		if failed++; failed <= 5 {
			t.Error(err)
		}
	}
	if failed > 0 {
		t.Fatalf("%d of the writes failed", failed)
	}

	// Count what each kind should have left behind in organisation a.
	want := map[int]int{}
	for w := range workers {
		for i := range writes {
			want[(w+i)%len(kinds)]++
		}
	}
	tasks, err := s.Tasks(ctx, a.ID)
	if err != nil || len(tasks) != want[0]+1 {
		t.Errorf("tasks in a: %d (%v), want %d", len(tasks), err, want[0]+1)
	}
	_, n, err := s.Incidents(ctx, a.ID, store.IncidentFilter{})
	if err != nil || n != want[1] {
		t.Errorf("incidents in a: %d (%v), want %d", n, err, want[1])
	}
	done, err := s.TaskCompletions(ctx, a.ID, shared.ID)
	if err != nil || len(done) != want[4] {
		t.Errorf("completions of the shared task: %d (%v), want %d", len(done), err, want[4])
	}
	reqs, err := s.Requests(ctx, a.ID, store.RequestFilter{})
	refs := map[string]bool{}
	for _, r := range reqs {
		refs[r.Reference] = true
	}
	if err != nil || len(reqs) != want[5] || len(refs) != want[5] {
		t.Errorf("requests in a: %d with %d distinct references (%v), want %d", len(reqs), len(refs), err, want[5])
	}
	// One audit row per change: the create of each task, incident, party,
	// measure, completion and request, plus each activity update.
	headA, _ := s.AuditHead(ctx, a.ID)
	if min := int64(want[0] + want[1] + want[2] + want[3] + want[4] + want[5]); headA-startA < min {
		t.Errorf("audit rows in a: %d, want at least %d", headA-startA, min)
	}
	for _, o := range []*org.Organisation{a, b} {
		rows, problems, err := s.VerifyAudit(ctx, o.ID)
		if err != nil || len(problems) > 0 {
			t.Errorf("audit chain of %s (%d rows): %v %v", o.Short, rows, err, problems)
		}
	}
}
