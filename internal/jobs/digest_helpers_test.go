package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"privacyregister/internal/jobs"
	"privacyregister/internal/mail"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// mondayDigest runs the weekly digest on Monday 23 February 2026, 08:00 in
// Amsterdam, and returns the body of the one digest it must send.
func mondayDigest(t *testing.T, st *store.Store, clock *testutil.Clock) string {
	t.Helper()
	mem := &mail.Memory{}
	clock.T = time.Date(2026, 2, 23, 7, 0, 0, 0, time.UTC)
	d := jobs.Deps{Store: st, Mail: mem, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "https://p.example", Now: clock.Now}
	if err := jobs.WeeklyDigest(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	msgs := mem.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d digests, want 1", len(msgs))
	}
	return msgs[0].Body
}
