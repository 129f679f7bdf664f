package store_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"privacyregister/internal/deadline"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestTimesCompareAsInstants: a request's deadline is computed in Amsterdam
// (the end of the day there, 21:59:59.999 UTC in summer). One minute past
// it the request is overdue, and the reminder job's SQL comparison
// (due_at < ?) must say so. SQLite compares the stored text: with the
// text of time.String() in the deadline's own zone ("23:59:59.999999999
// +0200 +0200") against now in UTC ("22:00:59 +0000 UTC") the request was
// not due until two hours later.
func TestTimesCompareAsInstants(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	s.Now = func() time.Time { return ams(2026, 7, 28, 9).UTC() }
	o := newOrg(t, s, "times")
	r := newRequest(t, s, o.ID, ams(2026, 7, 1, 9))
	got, err := s.Request(ctx, o.ID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := got.DueAt.In(deadline.Amsterdam).Format("2006-01-02 15:04"); d != "2026-08-03 23:59" {
		t.Fatalf("due %s", d)
	}
	justAfter := got.DueAt.Add(time.Minute).UTC()
	due, err := s.OpenRequestsDueBefore(ctx, justAfter)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].ID != r.ID {
		t.Errorf("a minute after the deadline (%s), the request is not due: %v", justAfter, due)
	}
	due, err = s.OpenRequestsDueBefore(ctx, got.DueAt.Add(-time.Minute))
	if err != nil || len(due) != 0 {
		t.Errorf("a minute before the deadline the request is due: %v %v", due, err)
	}
	if s.Engine() == "sqlite" {
		text, err := s.RawString(ctx, "SELECT due_at || '' FROM subject_requests WHERE id = ?", r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d*[1-9])?\+00:00$`).MatchString(text) {
			t.Errorf("stored as %q, want UTC in SQLite's form", text)
		}
	}
}

// TestTimesSortAsInstants: times a fraction of a second apart, and one
// given in Amsterdam time, come back from ORDER BY and < in the order of
// the instants, on both engines. (As text of time.String(), 01:29:59 CET,
// the earliest instant, sorted after every 00:30 UTC.)
func TestTimesSortAsInstants(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "sorted")
	base := time.Date(2026, 3, 1, 0, 30, 0, 0, time.UTC)
	times := map[string]time.Time{
		"a": base.Add(500 * time.Millisecond),
		"b": base.Add(-time.Second).In(deadline.Amsterdam), // 01:29:59 CET
		"c": base,
		"d": base.Add(250 * time.Millisecond),
		"e": base.Add(250*time.Millisecond + time.Microsecond),
		"f": base.Add(time.Second),
	}
	for name, at := range times {
		if err := s.RawExec(ctx, "INSERT INTO activities (org_id, name, next_review_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?)", o.ID, name, at, base, base); err != nil {
			t.Fatal(err)
		}
	}
	acts, _, err := s.Activities(ctx, o.ID, store.ActivityFilter{ReviewOverdue: true, Now: base.Add(750 * time.Millisecond), Sort: "next_review"})
	if err != nil {
		t.Fatal(err)
	}
	var order string
	for _, a := range acts {
		for name, at := range times {
			if a.NextReviewAt != nil && a.NextReviewAt.Equal(at) {
				order += name
			}
		}
	}
	if order != "bcdea" {
		t.Errorf("reviews due before 00:30:00.75 UTC by date: %q, want %q", order, "bcdea")
	}
}
