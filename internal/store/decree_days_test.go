package store_test

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
	"privacyregister/internal/holidays"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

func dueDay(t *testing.T, s *store.Store, orgID, id int64) string {
	t.Helper()
	r, err := s.Request(context.Background(), orgID, id)
	if err != nil {
		t.Fatal(err)
	}
	return r.DueAt.In(deadline.Amsterdam).Format(time.DateOnly)
}

func addDecreeDay(s *store.Store, orgID int64, day, title string) (*store.DecreeDay, int, error) {
	d := &store.DecreeDay{Day: day, Title: title, AddedBy: "beheer@bieb.example"}
	var moved int
	err := s.InTx(context.Background(), func(tx *store.Tx) (err error) {
		moved, err = tx.AddDecreeDay(context.Background(), orgID, d)
		return
	})
	return d, moved, err
}

// The legal example of issue 7: a request received Wednesday 5 May 2027 is
// due 5 June 2027, a Saturday, so Monday 7 June. When the organisation
// equates 7 June 2027 with a holiday, the open request is due Tuesday 8
// June; removing the day moves it back. Answered requests and other
// organisations keep their dates; an extended request (received 5 March
// 2027, three months end Saturday 5 June) moves the same way.
func TestDecreeDayMovesOpenRequests(t *testing.T) {
	s := testutil.NewStore(t)
	s.Now = (&testutil.Clock{T: ams(2027, 5, 20, 12).UTC()}).Now
	ctx := context.Background()
	a, b := newOrg(t, s, "deca"), newOrg(t, s, "decb")
	open := newRequest(t, s, a.ID, ams(2027, 5, 5, 10))
	answered := newRequest(t, s, a.ID, ams(2027, 5, 5, 11))
	extended := newRequest(t, s, a.ID, ams(2027, 3, 5, 11))
	other := newRequest(t, s, b.ID, ams(2027, 5, 5, 10))
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ReplyRequest(ctx, a.ID, answered.ID, ams(2027, 5, 10, 9), "Hierbij de inzage.", "fg"); err != nil {
			return err
		}
		_, err := tx.ExtendRequest(ctx, a.ID, extended.ID, ams(2027, 3, 20, 9), "Veel gegevens in drie systemen")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{open.ID, answered.ID, extended.ID} {
		if got := dueDay(t, s, a.ID, id); got != "2027-06-07" {
			t.Fatalf("request %d before the decree day: due %s, want 2027-06-07", id, got)
		}
	}

	d, moved, err := addDecreeDay(s, a.ID, "2027-06-07", " Besluit gelijkstelling van 7 juni 2027 ")
	if err != nil || moved != 2 || d.ID == 0 || d.Title != "Besluit gelijkstelling van 7 juni 2027" {
		t.Fatalf("add 7 June 2027: moved %d, %+v, %v", moved, d, err)
	}
	for id, want := range map[int64]string{open.ID: "2027-06-08", extended.ID: "2027-06-08", answered.ID: "2027-06-07"} {
		if got := dueDay(t, s, a.ID, id); got != want {
			t.Errorf("request %d after adding 7 June: due %s, want %s", id, got, want)
		}
	}
	if got := dueDay(t, s, b.ID, other.ID); got != "2027-06-07" {
		t.Errorf("another organisation's request moved to %s", got)
	}
	calA, _ := s.Calendar(ctx, a.ID)
	calB, _ := s.Calendar(ctx, b.ID)
	if calA.IsWorkingDay(ams(2027, 6, 7, 12)) || !calB.IsWorkingDay(ams(2027, 6, 7, 12)) {
		t.Error("the day must count for its own organisation only")
	}
	trail, _ := s.AuditLog(ctx, a.ID, store.AuditFilter{})
	if len(trail) < 3 || trail[0].Entity != "request" || trail[0].Action != "update" || trail[0].Changes["DueAt"].After == nil ||
		trail[2].Entity != "decree_day" || trail[2].Action != "create" || trail[2].EntityID != d.ID {
		t.Errorf("audit trail, newest first: %+v", trail[:min(3, len(trail))])
	}

	// A new request counts on the organisation's calendar too.
	if got := dueDay(t, s, a.ID, newRequest(t, s, a.ID, ams(2027, 5, 7, 9)).ID); got != "2027-06-08" {
		t.Errorf("new request received 7 May 2027: due %s, want 2027-06-08", got)
	}

	// Refused: the same day again, the embedded Friday after Ascension, a
	// statutory holiday, a Saturday and a bad date. Nothing is written.
	before, _ := s.AuditLog(ctx, a.ID, store.AuditFilter{})
	for _, day := range []string{"2027-06-07", "2027-05-07", "2027-05-06", "2027-06-05", "2027-02-30"} {
		if _, _, err := addDecreeDay(s, a.ID, day, "x"); !invalid(err) {
			t.Errorf("adding %s: %v, want a field error", day, err)
		}
	}
	if after, _ := s.AuditLog(ctx, a.ID, store.AuditFilter{}); len(after) != len(before) {
		t.Errorf("refused days wrote %d audit rows", len(after)-len(before))
	}

	// Another organisation cannot delete it.
	err = s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.DeleteDecreeDay(ctx, b.ID, d.ID); return err })
	if !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("B deleting A's day: %v, want not found", err)
	}
	days, _ := s.Holidays(ctx, a.ID, 2027)
	own := 0
	for _, h := range days {
		if h.Kind == holidays.Organisation {
			own++
			if h.ID != d.ID || h.AddedBy != "beheer@bieb.example" || h.Date != "2027-06-07" {
				t.Errorf("own day listed as %+v", h)
			}
		}
	}
	if own != 1 {
		t.Errorf("listed %d own days, want 1", own)
	}

	err = s.InTx(ctx, func(tx *store.Tx) (err error) { moved, err = tx.DeleteDecreeDay(ctx, a.ID, d.ID); return })
	if err != nil || moved != 3 {
		t.Fatalf("delete: moved %d, %v", moved, err)
	}
	if got := dueDay(t, s, a.ID, open.ID); got != "2027-06-07" {
		t.Errorf("after removing the day: due %s, want 2027-06-07", got)
	}
	if list, _ := s.DecreeDays(ctx, a.ID); len(list) != 0 {
		t.Errorf("still listed: %+v", list)
	}
	last, _ := s.AuditLog(ctx, a.ID, store.AuditFilter{Entity: "decree_day"})
	if len(last) != 2 || last[0].Action != "delete" {
		t.Errorf("decree day trail: %+v", last)
	}
}

// The embedded decree (decree_days.json) equates Friday 7 May 2027, the
// day after Ascension, with a holiday: a request received Wednesday 7
// April 2027 is not due that Friday but Monday 10 May 2027.
func TestEmbeddedDecreeDayIsNoLastDay(t *testing.T) {
	s := testutil.NewStore(t)
	s.Now = (&testutil.Clock{T: ams(2027, 4, 20, 12).UTC()}).Now
	o := newOrg(t, s, "emb")
	r := newRequest(t, s, o.ID, ams(2027, 4, 7, 10))
	if got := dueDay(t, s, o.ID, r.ID); got != "2027-05-10" {
		t.Fatalf("due %s, want 2027-05-10", got)
	}
	if got := request.Due(r.ReceivedAt, nil); deadline.DueDate(got).Format(time.DateOnly) != "2027-05-07" {
		t.Fatalf("without decree days the period would end on Friday 7 May, got %s", got)
	}
}
