package main

import (
	"context"
	"time"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
)

func init() { demoFillers = append(demoFillers, demoTasks) }

// demoTasks adds seed 003's fixed moments: the policy evaluation
// ("tweejaarlijks in januari en februari"), the clean-up of member files
// ("ieder jaar in januari en februari", linked to the member
// administration) and the privacy paragraph of the Bestuursverslag
// ("uiterlijk eind maart"). The completions are dated from the store's
// clock so that, whatever today is, the clean-up is overdue and the others
// lie ahead.
func demoTasks(ctx context.Context, tx *store.Tx, o *org.Organisation) error {
	now := tx.Now()
	year := now.Year()
	owner, hasOwner, err := tx.MemberID(ctx, o.ID, demoPO)
	if err != nil {
		return err
	}
	members, hasMembers, err := tx.FindActivity(ctx, o.ID, "ledenadministratie")
	if err != nil {
		return err
	}
	tasks := []struct {
		t       task.Task
		overdue bool
		note    string
	}{
		{task.Task{Kind: task.PolicyEvaluation, Title: "Evaluatie privacybeleid en bijbehorende documenten", EveryMonths: 24, StartMonth: 1, WindowMonths: 2, AnchorYear: year,
			Description: "Tweejaarlijks in januari en februari; aanpassingen delen met medewerkers, MT en Raad van Toezicht."}, false, "Beleid geëvalueerd; geen materiële wijzigingen."},
		{task.Task{Kind: task.RetentionCleanup, Title: "Opschonen ledenbestanden", EveryMonths: 12, StartMonth: 1, WindowMonths: 2, AnchorYear: year,
			Description: "Gegevens van oud-leden verwijderen in BicatWISE; de BISC wist batchgewijs."}, true, "Oud-leden verwijderd."},
		{task.Task{Kind: task.AnnualReport, Title: "Privacyparagraaf in het bestuursverslag", EveryMonths: 12, StartMonth: 1, WindowMonths: 3, AnchorYear: year,
			Description: "Belangrijke incidenten en voorgenomen wijzigingen in het privacybeleid melden, uiterlijk eind maart."}, false, "Paragraaf aangeleverd aan de directeur-bestuurder."},
	}
	for _, d := range tasks {
		t := &store.Task{Task: d.t}
		t.Active = true
		if hasOwner {
			t.OwnerID = &owner
		}
		if d.t.Kind == task.RetentionCleanup && hasMembers {
			t.ActivityID = &members
		}
		if err := tx.CreateTask(ctx, o.ID, t); err != nil {
			return err
		}
		if _, err := tx.CompleteTask(ctx, o.ID, t.ID, &store.TaskCompletion{DoneAt: demoDoneAt(t.Task, now, d.overdue), DoneBy: demoPO, Note: d.note}); err != nil {
			return err
		}
	}
	return nil
}

// demoDoneAt dates a completion so the next window lies ahead of now (done
// in the latest window that has started) or, overdue, has already passed
// (done in the window before the latest one that has ended).
func demoDoneAt(t task.Task, now time.Time, overdue bool) time.Time {
	k := t.CountsFor(now)
	if overdue {
		for !t.Window(k).Due.Before(now) {
			k--
		}
		return t.Window(k - 1).Start.Add(14 * 24 * time.Hour)
	}
	for t.Window(k).Start.After(now) {
		k--
	}
	done := t.Window(k).Start.Add(20 * 24 * time.Hour)
	if done.After(now) {
		done = now
	}
	return done
}
