package store

import (
	"context"
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

// PurgeExpired removes expired sessions and old sign-in failures.
func (s *Store) PurgeExpired(ctx context.Context, failureWindow time.Duration) error {
	now := s.now()
	if _, err := s.exec(ctx, "DELETE FROM sessions WHERE expires_at < ?", now); err != nil {
		return err
	}
	_, err := s.exec(ctx, "DELETE FROM login_failures WHERE at < ?", now.Add(-failureWindow))
	return err
}

// RecordLoginFailure remembers a failed sign-in for the account and the
// address, so both can be slowed down (in the database, so all processes
// agree).
func (s *Store) RecordLoginFailure(ctx context.Context, email, addr string) error {
	now := s.now()
	for _, k := range [][2]string{{"email", email}, {"addr", addr}} {
		if _, err := s.exec(ctx, "INSERT INTO login_failures (kind, key, at) VALUES (?, ?, ?)", k[0], k[1], now); err != nil {
			return err
		}
	}
	return nil
}

// LoginFailures counts recent failures for an account and an address, and
// returns the time of the latest.
func (s *Store) LoginFailures(ctx context.Context, email, addr string, window time.Duration) (byEmail, byAddr int, last time.Time, err error) {
	since := s.now().Add(-window)
	rows, err := s.query(ctx, `SELECT kind, at FROM login_failures WHERE at >= ? AND ((kind = 'email' AND key = ?) OR (kind = 'addr' AND key = ?))`, since, email, addr)
	if err != nil {
		return 0, 0, time.Time{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var at time.Time
		if err := rows.Scan(&kind, &at); err != nil {
			return 0, 0, time.Time{}, mapErr(err)
		}
		if kind == "email" {
			byEmail++
		} else {
			byAddr++
		}
		if at.After(last) {
			last = at.UTC()
		}
	}
	return byEmail, byAddr, last, mapErr(rows.Err())
}

// ClearLoginFailures forgets an account's failures after a good sign-in.
func (s *Store) ClearLoginFailures(ctx context.Context, email string) error {
	_, err := s.exec(ctx, "DELETE FROM login_failures WHERE kind = 'email' AND key = ?", email)
	return err
}
