package store

import (
	"context"
	"sort"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/auth"
)

// Session is a signed-in browser. Only the token's hash is stored, in the
// database, so every serve process behind a load balancer sees it.
type Session struct {
	UserID     int64
	MFADone    bool // second factor given (or not needed)
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute time-out
}

// CreateSession stores a new session and returns its token.
func (s *Store) CreateSession(ctx context.Context, userID int64, mfaDone bool, absolute time.Duration) (string, error) {
	token := auth.NewToken("")
	now := s.now()
	_, err := s.exec(ctx, "INSERT INTO sessions (token_hash, user_id, mfa_done, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
		auth.HashToken(token), userID, mfaDone, now, now, now.Add(absolute))
	return token, err
}

// TouchSession returns the session of token when it has not timed out
// (idle or absolute) and records the activity. Expired sessions are removed.
func (s *Store) TouchSession(ctx context.Context, token string, idle time.Duration) (*Session, error) {
	h := auth.HashToken(token)
	var ss Session
	err := s.queryRow(ctx, "SELECT user_id, mfa_done, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = ?", h).
		Scan(&ss.UserID, &ss.MFADone, &ss.CreatedAt, &ss.LastSeenAt, &ss.ExpiresAt)
	if err != nil {
		return nil, apperr.New(apperr.Unauthorized, "your session has ended; please sign in again")
	}
	now := s.now()
	if now.After(ss.ExpiresAt) || now.Sub(ss.LastSeenAt) > idle {
		_, _ = s.exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", h)
		return nil, apperr.New(apperr.Unauthorized, "your session has ended; please sign in again")
	}
	// Write at most once a minute: a page with many requests costs one write.
	if now.Sub(ss.LastSeenAt) > time.Minute {
		if _, err := s.exec(ctx, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", now, h); err != nil {
			return nil, err
		}
	}
	return &ss, nil
}

// CompleteMFA marks a session's second factor as given.
func (s *Store) CompleteMFA(ctx context.Context, token string) error {
	_, err := s.exec(ctx, "UPDATE sessions SET mfa_done = ? WHERE token_hash = ?", true, auth.HashToken(token))
	return err
}

// DeleteSession signs a browser out.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	_, err := s.exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", auth.HashToken(token))
	return err
}

// DeleteUserSessions signs a user out everywhere except, when keep is not
// empty, the session of keep (after a password change).
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64, keep string) error {
	_, err := s.exec(ctx, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", userID, auth.HashToken(keep))
	return err
}

// DeleteUserSessions is Store.DeleteUserSessions inside a transaction, for
// a password reset that must end everything at once.
func (tx *Tx) DeleteUserSessions(ctx context.Context, userID int64, keep string) error {
	_, err := tx.exec(ctx, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", userID, auth.HashToken(keep))
	return err
}

// PurgeExpired removes expired sessions and old sign-in failures.
func (s *Store) PurgeExpired(ctx context.Context, failureWindow time.Duration) error {
	now := s.now()
	if _, err := s.exec(ctx, "DELETE FROM sessions WHERE expires_at < ?", now); err != nil {
		return err
	}
	if _, err := s.exec(ctx, "DELETE FROM login_failures WHERE kind <> 'known' AND at < ?", now.Add(-failureWindow)); err != nil {
		return err
	}
	_, err := s.exec(ctx, "DELETE FROM login_failures WHERE kind = 'known' AND at < ?", now.Add(-KnownAddressFor))
	return err
}

// KnownAddressFor is how long an address an account signed in from stays
// known to it.
const KnownAddressFor = 30 * 24 * time.Hour

// RememberAddress notes that the account gave its right password from
// addr (kept in login_failures under kind "known", though it is no
// failure: the table is the sign-in bookkeeping).
func (s *Store) RememberAddress(ctx context.Context, email, addr string) error {
	key := email + " " + addr
	if _, err := s.exec(ctx, "DELETE FROM login_failures WHERE kind = 'known' AND key = ?", key); err != nil {
		return err
	}
	_, err := s.exec(ctx, "INSERT INTO login_failures (kind, key, at) VALUES ('known', ?, ?)", key, s.now())
	return err
}

// KnownAddress reports whether the account gave its right password from
// addr within KnownAddressFor. Guessing spread over many addresses slows
// an account down, but not from where its owner usually signs in (in the
// spirit of OWASP's device cookies).
func (s *Store) KnownAddress(ctx context.Context, email, addr string) (bool, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM login_failures WHERE kind = 'known' AND key = ? AND at >= ?", email+" "+addr, s.now().Add(-KnownAddressFor)).Scan(&n)
	return n > 0, mapErr(err)
}

// A Limit is one counter of failed sign-ins, such as the failures of one
// account from one address. Free failures within Window pass without delay;
// after that each further check must wait a second after the latest
// failure, doubling per failure, up to LoginMaxWait.
type Limit struct {
	Kind   string // "pair", "account", "addr", "mfa", ...
	Key    string
	Free   int
	Window time.Duration
}

// LoginMaxWait is the longest a throttled sign-in must wait.
const LoginMaxWait = 15 * time.Minute

// wait returns how long after the latest of n failures the next check
// may run.
func (l Limit) wait(n int) time.Duration {
	over := n - l.Free
	if over < 0 {
		return 0
	}
	if over >= 10 { // 2^10 s > 15 min
		return LoginMaxWait
	}
	return min(LoginMaxWait, time.Second<<over)
}

// Attempt is a password or code check that BeginAttempt let through. It
// is counted as a failure before the check runs; Succeeded takes that back.
type Attempt struct{ ids []int64 }

// BeginAttempt decides whether a sign-in check may run now under every
// limit, and if so counts it as failed before it runs, in one transaction
// that is serialised with every other attempt on the same counters. That
// is what holds under parallel requests: the old code counted the failures,
// checked the password and only then wrote the failure, so 40 parallel
// guesses all saw a clean count. SQLite serialises writing transactions
// (BEGIN IMMEDIATE on the one writer connection, across processes too);
// on PostgreSQL each counter takes a transaction-scoped advisory lock, in
// sorted order so two attempts cannot deadlock.
//
// When a limit says wait, BeginAttempt returns no attempt and the time left.
func (s *Store) BeginAttempt(ctx context.Context, limits []Limit) (*Attempt, time.Duration, error) {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, mapErr(err)
	}
	defer func() { _ = sqlTx.Rollback() }()
	tx := &Tx{tx: sqlTx, s: s, d: s.dialect}
	if s.dialect.Name() == "postgres" {
		names := make([]string, len(limits))
		for i, l := range limits {
			names[i] = l.Kind + "|" + l.Key
		}
		sort.Strings(names)
		for _, n := range names {
			if _, err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended(?, 7411))", n); err != nil {
				return nil, 0, err
			}
		}
	}
	now := s.now()
	var left time.Duration
	for _, l := range limits {
		n, last, err := tx.failures(ctx, l, now)
		if err != nil {
			return nil, 0, err
		}
		if n < l.Free {
			continue
		}
		if w := last.Add(l.wait(n)).Sub(now); w > left {
			left = w
		}
	}
	if left > 0 {
		return nil, left, nil
	}
	a := &Attempt{}
	for _, l := range limits {
		id, err := tx.insert(ctx, "INSERT INTO login_failures (kind, key, at) VALUES (?, ?, ?)", l.Kind, l.Key, now)
		if err != nil {
			return nil, 0, err
		}
		a.ids = append(a.ids, id)
	}
	return a, 0, mapErr(sqlTx.Commit())
}

// failures counts a limit's failures within its window and returns the
// time of the latest.
func (tx *Tx) failures(ctx context.Context, l Limit, now time.Time) (n int, last time.Time, err error) {
	rows, err := tx.query(ctx, "SELECT at FROM login_failures WHERE kind = ? AND key = ? AND at >= ?", l.Kind, l.Key, now.Add(-l.Window))
	if err != nil {
		return 0, time.Time{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var at time.Time
		if err := rows.Scan(&at); err != nil {
			return 0, time.Time{}, mapErr(err)
		}
		n++
		if at.After(last) {
			last = at.UTC()
		}
	}
	return n, last, mapErr(rows.Err())
}

// Succeeded takes back the failure the attempt counted and forgets the
// failures of the limits in clear (the ones a success resets).
func (s *Store) Succeeded(ctx context.Context, a *Attempt, clear ...Limit) error {
	if err := s.Cancel(ctx, a); err != nil {
		return err
	}
	for _, l := range clear {
		if _, err := s.exec(ctx, "DELETE FROM login_failures WHERE kind = ? AND key = ?", l.Kind, l.Key); err != nil {
			return err
		}
	}
	return nil
}

// Cancel takes back the failure the attempt counted, for a check that did
// not run (no hashing slot came free).
func (s *Store) Cancel(ctx context.Context, a *Attempt) error {
	for _, id := range a.ids {
		if _, err := s.exec(ctx, "DELETE FROM login_failures WHERE id = ?", id); err != nil {
			return err
		}
	}
	return nil
}
