package store_test

import (
	"context"
	"testing"
	"time"

	"privacyregister/internal/audit"
	"privacyregister/internal/deadline"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestRecountDueDatesAtStart: a request received 3 April 2026 is due
// Monday 4 May 2026 (3 May is a Sunday). When the installation equates
// 4 May 2026 with a holiday by decree (a newer release or the
// --decree-days file), the recount at start moves it past 5 May
// (Bevrijdingsdag) to Wednesday 6 May, audited; a second recount moves
// nothing.
func TestRecountDueDatesAtStart(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	s.Now = (&testutil.Clock{T: time.Date(2026, 4, 3, 10, 0, 0, 0, time.UTC)}).Now
	o := newOrg(t, s, "rec")
	q := &store.SubjectRequest{}
	q.ReceivedAt, q.Rights = time.Date(2026, 4, 3, 9, 0, 0, 0, time.UTC), []request.Right{request.Access}
	q.Requester.Name = "A"
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateRequest(ctx, o.ID, q) }); err != nil {
		t.Fatal(err)
	}
	if d := q.DueAt.In(deadline.Amsterdam); d.Day() != 4 || d.Month() != time.May {
		t.Fatalf("due %v, want 4 May 2026", d)
	}
	base := store.RequestCalendar
	t.Cleanup(func() { store.RequestCalendar = base })
	store.RequestCalendar = base.With(deadline.Holiday{Date: time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), Source: "test decree"})
	if n, err := s.RecountDueDates(ctx); err != nil || n != 1 {
		t.Fatalf("recount: %d %v, want 1 moved", n, err)
	}
	got, err := s.Request(ctx, o.ID, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := got.DueAt.In(deadline.Amsterdam); d.Day() != 6 || d.Month() != time.May {
		t.Errorf("after the decree: due %v, want 6 May 2026", d)
	}
	if n, err := s.RecountDueDates(ctx); err != nil || n != 0 {
		t.Errorf("second recount: %d %v, want nothing moved", n, err)
	}
	trail, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "request", EntityID: q.ID})
	updates := 0
	for _, e := range trail {
		if e.Action == audit.Update {
			updates++
		}
	}
	if updates != 1 {
		t.Errorf("audited moves: %d, want 1", updates)
	}
}
