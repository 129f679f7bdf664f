package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

func frozenStore(t *testing.T) (*store.Store, *testutil.Clock) {
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	return s, clock
}

// TestAttemptsHoldUnderParallelRequests: 40 parallel guesses for one
// account; exactly the free five get a password check. The old code read
// the count, checked, and only then wrote the failure: all 40 were checked.
func TestAttemptsHoldUnderParallelRequests(t *testing.T) {
	s, _ := frozenStore(t)
	ctx := context.Background()
	limits := []store.Limit{
		{Kind: "pair", Key: "a@example.org 192.0.2.1", Free: 5, Window: 15 * time.Minute},
		{Kind: "account", Key: "a@example.org", Free: 20, Window: 15 * time.Minute},
		{Kind: "addr", Key: "192.0.2.1", Free: 200, Window: 15 * time.Minute},
	}
	var let, refused atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, wait, err := s.BeginAttempt(ctx, limits)
			switch {
			case err != nil:
				t.Errorf("attempt: %v", err)
			case a != nil:
				let.Add(1)
			case wait > 0:
				refused.Add(1)
			}
		}()
	}
	wg.Wait()
	if let.Load() != 5 || refused.Load() != 35 {
		t.Fatalf("%s: %d checks let through, %d refused; want 5 and 35", testutil.Engine(), let.Load(), refused.Load())
	}
}

// TestAttemptBackoffAndReset: after the free failures each check waits,
// doubling; a success takes its own failure back and clears the limits it
// is told to, and leaves the others.
func TestAttemptBackoffAndReset(t *testing.T) {
	s, clock := frozenStore(t)
	ctx := context.Background()
	pair := store.Limit{Kind: "pair", Key: "a 1", Free: 2, Window: time.Hour}
	mfa := store.Limit{Kind: "mfa", Key: "7", Free: 2, Window: time.Hour}
	for i := 0; i < 2; i++ {
		if a, _, err := s.BeginAttempt(ctx, []store.Limit{pair, mfa}); a == nil || err != nil {
			t.Fatalf("free attempt %d: %v %v", i+1, a, err)
		}
	}
	if a, wait, _ := s.BeginAttempt(ctx, []store.Limit{pair}); a != nil || wait != time.Second {
		t.Fatalf("third attempt: %v, wait %v; want refused for 1s", a, wait)
	}
	clock.Add(time.Second)
	if a, _, _ := s.BeginAttempt(ctx, []store.Limit{mfa}); a == nil {
		t.Fatal("second factor after the wait: refused")
	}
	a, _, _ := s.BeginAttempt(ctx, []store.Limit{pair})
	if a == nil {
		t.Fatal("after the wait: refused")
	}
	if _, wait, _ := s.BeginAttempt(ctx, []store.Limit{pair}); wait != 2*time.Second {
		t.Fatalf("after the fourth failure: wait %v, want 2s", wait)
	}
	if err := s.Succeeded(ctx, a, pair); err != nil {
		t.Fatal(err)
	}
	if a, _, _ := s.BeginAttempt(ctx, []store.Limit{pair}); a == nil {
		t.Fatal("pair still throttled after a success cleared it")
	}
	if a, wait, _ := s.BeginAttempt(ctx, []store.Limit{mfa}); a != nil || wait <= 0 {
		t.Fatal("a success on the pair cleared the second-factor count")
	}
	clock.Add(time.Hour + time.Second)
	if a, _, _ := s.BeginAttempt(ctx, []store.Limit{mfa}); a == nil {
		t.Fatal("failures older than the window still count")
	}
}

// TestTOTPStepUsedOnce: a time step is accepted once, an older one never,
// also when two requests bring the same code at once.
func TestTOTPStepUsedOnce(t *testing.T) {
	s, _ := frozenStore(t)
	ctx := context.Background()
	o := newOrg(t, s, "oo")
	u := addUser(t, s, o.ID, "a@example.org", org.Admin)
	var ok atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if used, err := s.UseTOTPStep(ctx, u.ID, 1000); err != nil {
				t.Error(err)
			} else if used {
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	if ok.Load() != 1 {
		t.Fatalf("step 1000 accepted %d times, want once", ok.Load())
	}
	for step, want := range map[int64]bool{999: false, 1000: false} {
		if used, _ := s.UseTOTPStep(ctx, u.ID, step); used != want {
			t.Errorf("step %d after 1000: %v, want %v", step, used, want)
		}
	}
	if used, _ := s.UseTOTPStep(ctx, u.ID, 1001); !used {
		t.Error("the next step refused")
	}
}

// TestRevokeUserAccess: an administrator's reset ends the user's API
// tokens in every organisation (audited there) and the feed addresses, and
// nobody else's.
func TestRevokeUserAccess(t *testing.T) {
	s, _ := frozenStore(t)
	ctx := context.Background()
	a, b := newOrg(t, s, "aa"), newOrg(t, s, "bb")
	u := addUser(t, s, a.ID, "u@example.org", org.Admin)
	other := addUser(t, s, a.ID, "o@example.org", org.Admin)
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.AddMember(ctx, b.ID, u, org.Reader)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var toks []string
	var feed, otherFeed string
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) {
		for _, p := range [][2]int64{{a.ID, u.ID}, {b.ID, u.ID}, {a.ID, other.ID}} {
			tok, _, err := tx.CreateToken(ctx, p[0], p[1], "script")
			if err != nil {
				return err
			}
			toks = append(toks, tok)
		}
		if feed, err = tx.CreateCalendarFeed(ctx, u.ID); err != nil {
			return err
		}
		otherFeed, err = tx.CreateCalendarFeed(ctx, other.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var nt, nf int
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) { nt, nf, err = tx.RevokeUserAccess(ctx, u.ID); return }); err != nil {
		t.Fatal(err)
	}
	if nt != 2 || nf != 1 {
		t.Fatalf("revoked %d tokens and %d feeds, want 2 and 1", nt, nf)
	}
	for _, tok := range toks[:2] {
		if _, err := s.AuthenticateToken(ctx, tok); !apperr.Is(err, apperr.Unauthorized) {
			t.Errorf("token after reset: %v", err)
		}
	}
	if _, err := s.CalendarFeedUser(ctx, feed); err == nil {
		t.Error("feed address works after reset")
	}
	if _, err := s.AuthenticateToken(ctx, toks[2]); err != nil {
		t.Errorf("another user's token was revoked: %v", err)
	}
	if _, err := s.CalendarFeedUser(ctx, otherFeed); err != nil {
		t.Errorf("another user's feed was revoked: %v", err)
	}
	for _, o := range []int64{a.ID, b.ID} {
		trail, err := s.AuditLog(ctx, o, store.AuditFilter{Entity: "api_token"})
		if err != nil || len(trail) == 0 || trail[0].Changes["revoked_at"].After == nil {
			t.Errorf("org %d: revocation not in the audit trail: %+v %v", o, trail, err)
		}
	}
}

// TestKnownAddressOutlivesFailures: housekeeping forgets failures after
// their window but keeps where an account signed in for 30 days.
func TestKnownAddressOutlivesFailures(t *testing.T) {
	s, clock := frozenStore(t)
	ctx := context.Background()
	pair := store.Limit{Kind: "pair", Key: "a@example.org 192.0.2.1", Free: 0, Window: time.Hour}
	if a, _, err := s.BeginAttempt(ctx, []store.Limit{pair}); a == nil || err != nil {
		t.Fatal(a, err)
	}
	if err := s.RememberAddress(ctx, "a@example.org", "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	clock.Add(2 * time.Hour)
	if err := s.PurgeExpired(ctx, time.Hour); err != nil {
		t.Fatal(err)
	}
	if known, err := s.KnownAddress(ctx, "a@example.org", "192.0.2.1"); !known || err != nil {
		t.Fatalf("known address after housekeeping: %v %v", known, err)
	}
	if known, _ := s.KnownAddress(ctx, "a@example.org", "192.0.2.2"); known {
		t.Fatal("another address is known")
	}
	clock.Add(store.KnownAddressFor)
	if err := s.PurgeExpired(ctx, time.Hour); err != nil {
		t.Fatal(err)
	}
	if known, _ := s.KnownAddress(ctx, "a@example.org", "192.0.2.1"); known {
		t.Fatal("known after 30 days")
	}
}
