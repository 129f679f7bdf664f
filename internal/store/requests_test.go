package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

func ams(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, deadline.Amsterdam)
}

// addActivity inserts a bare processing activity; the register's own store
// keeps its other columns, which requests and DPIAs do not read.
func addActivity(t *testing.T, s *store.Store, orgID int64, name string) int64 {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	if err := s.RawExec(ctx, "INSERT INTO activities (org_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)", orgID, name, now, now); err != nil {
		t.Fatal(err)
	}
	acts, err := s.ActivityNames(ctx, orgID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range acts {
		if a.Name == name {
			return a.ID
		}
	}
	t.Fatalf("activity %q not found after insert", name)
	return 0
}

func newRequest(t *testing.T, s *store.Store, orgID int64, received time.Time) *store.SubjectRequest {
	t.Helper()
	r := &store.SubjectRequest{}
	r.ReceivedAt, r.Rights, r.Channel = received, []request.Right{request.Access}, request.ByEmail
	r.Requester.Name, r.Requester.Email = "J. de Vries", "jdevries@example.nl"
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateRequest(context.Background(), orgID, r) }); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRequestDueDatesLegalExamples stores requests received on the dates of
// the worked examples (avg-facts.md section 4) and reads back the due date
// the store computed: one month per Reg. 1182/71, moved past weekends and
// Dutch public holidays.
func TestRequestDueDatesLegalExamples(t *testing.T) {
	s := testutil.NewStore(t)
	s.Now = func() time.Time { return time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC) }
	o := newOrg(t, s, "req")
	cases := []struct {
		name     string
		received time.Time
		due      string
	}{
		{"31 Jan 2028: 29 Feb 2028 exists in a leap year, a Tuesday", ams(2028, 1, 31, 10), "2028-02-29"},
		{"31 Jan 2027: 28 Feb is a Sunday, so Monday 1 March", ams(2027, 1, 31, 10), "2027-03-01"},
		{"6 Mar 2026: 6 Apr is Easter Monday, so Tuesday 7 April", ams(2026, 3, 6, 10), "2026-04-07"},
		{"1 Jul 2026: 1 Aug is a Saturday, so Monday 3 August", ams(2026, 7, 1, 10), "2026-08-03"},
		{"27 Mar 2026: 27 Apr is King's Day, so Tuesday 28 April", ams(2026, 3, 27, 10), "2026-04-28"},
		{"received late in the evening still counts that Amsterdam day: 31 Jan 2027 23:30", ams(2027, 1, 31, 23).Add(30 * time.Minute), "2027-03-01"},
	}
	for _, c := range cases {
		r := newRequest(t, s, o.ID, c.received)
		got, err := s.Request(context.Background(), o.ID, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d := got.DueAt.In(deadline.Amsterdam).Format("2006-01-02"); d != c.due {
			t.Errorf("%s: due %s, want %s", c.name, d, c.due)
		}
	}
}

func TestRequestExtensionOnlyWithinFirstMonth(t *testing.T) {
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: ams(2027, 3, 10, 12).UTC()}
	s.Now = clock.Now
	o := newOrg(t, s, "ext")
	ctx := context.Background()
	// Received 31 Jan 2027, first month ends Mon 1 Mar 2027.
	r := newRequest(t, s, o.ID, ams(2027, 1, 31, 9))
	trail, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "request"})

	err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.ExtendRequest(ctx, o.ID, r.ID, ams(2027, 3, 2, 9), "Many records in three systems")
		return err
	})
	if !invalid(err) {
		t.Fatalf("extension announced on 2 March (after the first month): err %v, want invalid", err)
	}
	err = s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.ExtendRequest(ctx, o.ID, r.ID, ams(2027, 2, 20, 9), " ")
		return err
	})
	if !invalid(err) {
		t.Fatalf("extension without reason: err %v, want invalid", err)
	}
	if after, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "request"}); len(after) != len(trail) {
		t.Fatalf("refused extensions wrote %d audit rows", len(after)-len(trail))
	}
	got, _ := s.Request(ctx, o.ID, r.ID)
	if got.State != request.Received || got.Extension != nil {
		t.Fatalf("refused extension changed the request: %s %+v", got.State, got.Extension)
	}

	// Within the month: three months from 31 Jan is 30 Apr 2027 (a Friday).
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.ExtendRequest(ctx, o.ID, r.ID, ams(2027, 2, 20, 9), "Many records in three systems")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Request(ctx, o.ID, r.ID)
	if got.State != request.Extended || got.DueAt.In(deadline.Amsterdam).Format("2006-01-02") != "2027-04-30" {
		t.Fatalf("extended: state %s due %s, want extended 2027-04-30", got.State, got.DueAt.In(deadline.Amsterdam))
	}
	if after, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "request", EntityID: r.ID}); len(after) != 2 {
		t.Fatalf("audit rows for the request: %d, want create and extension", len(after))
	}
}

func TestRequestStepsReplyRefusalClose(t *testing.T) {
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: ams(2026, 7, 20, 12).UTC()}
	s.Now = clock.Now
	o := newOrg(t, s, "steps")
	other := newOrg(t, s, "other")
	ctx := context.Background()
	act := addActivity(t, s, o.ID, "Ledenadministratie")
	foreign := addActivity(t, s, other.ID, "Geheim")

	r := &store.SubjectRequest{}
	r.ReceivedAt, r.Rights = ams(2026, 7, 1, 9), []request.Right{request.Erasure}
	r.Requester.Email = "a@example.nl"
	r.ActivityIDs = []int64{act, foreign}
	err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateRequest(ctx, o.ID, r) })
	if !invalid(err) {
		t.Fatalf("request naming another organisation's activity: err %v, want invalid", err)
	}
	if rs, _ := s.Requests(ctx, o.ID, store.RequestFilter{}); len(rs) != 0 {
		t.Fatalf("failed create left %d requests", len(rs))
	}
	r.ActivityIDs = []int64{act}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateRequest(ctx, o.ID, r) }); err != nil {
		t.Fatal(err)
	}
	if r.Reference != "AVG-2026-001" {
		t.Errorf("reference %q", r.Reference)
	}

	step := func(st store.RequestStep) error {
		return s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.AddRequestStep(ctx, o.ID, r.ID, st); return err })
	}
	if err := step(store.RequestStep{Kind: store.StepForwarded, At: ams(2026, 7, 2, 9)}); !invalid(err) {
		t.Errorf("forward without processor: %v", err)
	}
	if err := step(store.RequestStep{Kind: store.StepForwarded, At: ams(2026, 7, 2, 9), Processor: "ProBiblio", Contact: "privacy@probiblio.nl", Text: "Please erase member 123"}); err != nil {
		t.Fatal(err)
	}
	if err := step(store.RequestStep{Kind: store.StepAnswer, At: ams(2026, 7, 6, 9), Processor: "ProBiblio", Text: "Erased on 6 July"}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Request(ctx, o.ID, r.ID)
	if got.State != request.InProgress || len(got.Steps) != 2 {
		t.Fatalf("after forward: state %s, %d steps", got.State, len(got.Steps))
	}
	// A refusal without explanation writes nothing.
	err = s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.RefuseRequest(ctx, o.ID, r.ID, true, request.Refusal{Ground: request.UAVG41}, ams(2026, 7, 10, 9), request.ComplaintInfo("nl", false), "fg")
		return err
	})
	if !invalid(err) {
		t.Fatalf("refusal without interest and explanation: %v", err)
	}
	err = s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.RefuseRequest(ctx, o.ID, r.ID, true, request.Refusal{Ground: request.UAVG41, Interest: request.CivilClaims, Explanation: "Invoices stay for the claim."}, ams(2026, 7, 10, 9), request.ComplaintInfo("nl", false), "fg")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = s.Request(ctx, o.ID, r.ID)
	if got.State != request.PartiallyRefused || got.AnsweredAt == nil || len(got.Steps) != 3 || got.Steps[2].Kind != store.StepRefusal {
		t.Fatalf("after partial refusal: %s %v %d", got.State, got.AnsweredAt, len(got.Steps))
	}
	if request.Late(got.Request, clock.T) {
		t.Error("answered on 10 July, due 3 August: not late")
	}
	if _, err := s.Request(ctx, other.ID, r.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("request read through another organisation: %v", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.SetRequestState(ctx, other.ID, r.ID, request.Closed)
		return err
	}); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("request closed through another organisation: %v", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.SetRequestState(ctx, o.ID, r.ID, request.Closed); return err }); err != nil {
		t.Fatal(err)
	}
	open, _ := s.Requests(ctx, o.ID, store.RequestFilter{OpenOnly: true})
	all, _ := s.Requests(ctx, o.ID, store.RequestFilter{Year: 2026})
	if len(open) != 0 || len(all) != 1 {
		t.Errorf("open %d, 2026 %d", len(open), len(all))
	}
}

func TestRequestReminderClaimedOnce(t *testing.T) {
	s := testutil.NewStore(t)
	s.Now = func() time.Time { return ams(2026, 7, 28, 9).UTC() }
	o := newOrg(t, s, "rem")
	ctx := context.Background()
	r := newRequest(t, s, o.ID, ams(2026, 7, 1, 9))
	due, err := s.OpenRequestsDueBefore(ctx, ams(2026, 8, 10, 0))
	if err != nil || len(due) != 1 || due[0].ID != r.ID {
		t.Fatalf("due: %v %v", due, err)
	}
	for i, want := range []bool{true, false} {
		var got bool
		if err := s.InTx(ctx, func(tx *store.Tx) (err error) {
			got, err = tx.ClaimRequestReminder(ctx, o.ID, r.ID, "week", due[0].DueAt)
			return
		}); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("claim %d: %v, want %v", i, got, want)
		}
	}
}

// invalid reports a validation error, alone or in a list.
func invalid(err error) bool {
	var l apperr.List
	return apperr.Is(err, apperr.Invalid) || errors.As(err, &l)
}

// TestRequestOpenFilterFollowsRequestStates puts one request in every state
// and checks that the store's open filter and reminder query pick exactly
// the states request.State.Open calls open: the SQL is built from
// request.OpenStates, so a second list here could not drift.
func TestRequestOpenFilterFollowsRequestStates(t *testing.T) {
	s := testutil.NewStore(t)
	s.Now = func() time.Time { return time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC) }
	o := newOrg(t, s, "states")
	ctx := context.Background()
	byID := map[int64]request.State{}
	for _, st := range request.States {
		r := newRequest(t, s, o.ID, ams(2026, 7, 1, 10))
		if err := s.RawExec(ctx, "UPDATE subject_requests SET state = ? WHERE id = ?", string(st), r.ID); err != nil {
			t.Fatal(err)
		}
		byID[r.ID] = st
	}
	open, err := s.Requests(ctx, o.ID, store.RequestFilter{OpenOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	due, err := s.OpenRequestsDueBefore(ctx, ams(2026, 9, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	got, gotDue := map[request.State]bool{}, map[request.State]bool{}
	for _, r := range open {
		got[byID[r.ID]] = true
	}
	for _, d := range due {
		if d.OrgID == o.ID {
			gotDue[byID[d.ID]] = true
		}
	}
	for _, st := range request.States {
		if got[st] != st.Open() || gotDue[st] != st.Open() {
			t.Errorf("state %s: open filter %v, reminders %v, request says open %v", st, got[st], gotDue[st], st.Open())
		}
	}
}
