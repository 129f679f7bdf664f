package store

import (
	"context"

	"privacyregister/internal/apperr"
	"privacyregister/internal/auth"
)

// A calendar feed is a secret address per user that calendar programs
// poll without signing in. Only its hash is kept; making a new one revokes
// the old, so a leaked address is ended by making another.

// CreateCalendarFeed makes a new feed token for the user, revoking any
// earlier one, and returns it in clear once.
func (tx *Tx) CreateCalendarFeed(ctx context.Context, userID int64) (string, error) {
	if err := tx.RevokeCalendarFeeds(ctx, userID); err != nil {
		return "", err
	}
	token := auth.NewToken("cal_")
	_, err := tx.insert(ctx, "INSERT INTO ical_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)", userID, auth.HashToken(token), tx.s.now())
	return token, err
}

// RevokeCalendarFeeds ends every feed address of the user.
func (tx *Tx) RevokeCalendarFeeds(ctx context.Context, userID int64) error {
	_, err := tx.exec(ctx, "UPDATE ical_feeds SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", tx.s.now(), userID)
	return err
}

// HasCalendarFeed reports whether the user has a live feed address.
func (s *Store) HasCalendarFeed(ctx context.Context, userID int64) (bool, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM ical_feeds WHERE user_id = ? AND revoked_at IS NULL", userID).Scan(&n)
	return n > 0, mapErr(err)
}

// CalendarFeedUser returns the user of a live feed token; revoked or
// unknown tokens, and disabled users, are not found.
func (s *Store) CalendarFeedUser(ctx context.Context, token string) (*auth.User, error) {
	var userID int64
	if err := s.queryRow(ctx, "SELECT user_id FROM ical_feeds WHERE token_hash = ? AND revoked_at IS NULL", auth.HashToken(token)).Scan(&userID); err != nil {
		return nil, apperr.NotFoundf("not found")
	}
	u, err := s.User(ctx, userID)
	if err != nil || u.Disabled {
		return nil, apperr.NotFoundf("not found")
	}
	return u, nil
}
