package store

import (
	"context"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
)

// APIToken is a personal token for scripts, scoped to one organisation and
// acting with its creator's role there.
type APIToken struct {
	ID         int64      `json:"id"`
	OrgID      int64      `json:"org_id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// CreateToken makes a token and returns it in clear once.
func (tx *Tx) CreateToken(ctx context.Context, orgID, userID int64, name string) (string, *APIToken, error) {
	if name == "" {
		return "", nil, apperr.Invalidf("name", "is required")
	}
	if len(name) > 100 {
		return "", nil, apperr.Invalidf("name", "is too long")
	}
	var n int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND user_id = ? AND deactivated_at IS NULL", orgID, userID).Scan(&n); err != nil || n == 0 {
		return "", nil, apperr.NotFoundf("user not found")
	}
	token := auth.NewToken("pr_")
	t := &APIToken{OrgID: orgID, UserID: userID, Name: name, Prefix: token[:9], CreatedAt: tx.s.now()}
	id, err := tx.insert(ctx, "INSERT INTO api_tokens (org_id, user_id, name, token_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		orgID, userID, name, auth.HashToken(token), t.Prefix, t.CreatedAt)
	if err != nil {
		return "", nil, err
	}
	t.ID = id
	return token, t, tx.Audit(ctx, orgID, audit.Create, "api_token", id, nil, t)
}

// Tokens lists a user's tokens in an organisation.
func (s *Store) Tokens(ctx context.Context, orgID, userID int64) ([]APIToken, error) {
	rows, err := s.query(ctx, "SELECT id, org_id, user_id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens WHERE org_id = ? AND user_id = ? ORDER BY id DESC", orgID, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		if err := rows.Scan(&t.ID, &t.OrgID, &t.UserID, &t.Name, &t.Prefix, &t.CreatedAt, &t.LastUsedAt, &t.RevokedAt); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, t)
	}
	return out, mapErr(rows.Err())
}

// RevokeToken ends a token of the user in the organisation.
func (tx *Tx) RevokeToken(ctx context.Context, orgID, userID, tokenID int64) error {
	now := tx.s.now()
	res, err := tx.exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND org_id = ? AND user_id = ? AND revoked_at IS NULL", now, tokenID, orgID, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.NotFoundf("token not found")
	}
	return tx.Audit(ctx, orgID, audit.Update, "api_token", tokenID, map[string]any{"revoked_at": nil}, map[string]any{"revoked_at": now})
}

// TokenAuth is who an API token speaks for.
type TokenAuth struct {
	TokenID int64
	User    *auth.User
	OrgID   int64
	Role    org.Role
}

// AuthenticateToken resolves a token to its user, organisation and the
// user's current role there; revoked tokens, removed members and disabled
// users fail.
func (s *Store) AuthenticateToken(ctx context.Context, token string) (*TokenAuth, error) {
	var ta TokenAuth
	var userID int64
	err := s.queryRow(ctx, `SELECT t.id, t.user_id, t.org_id, m.role FROM api_tokens t
		JOIN memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id
		WHERE t.token_hash = ? AND t.revoked_at IS NULL AND m.deactivated_at IS NULL`, auth.HashToken(token)).Scan(&ta.TokenID, &userID, &ta.OrgID, &ta.Role)
	if err != nil {
		return nil, apperr.New(apperr.Unauthorized, "invalid or revoked API token")
	}
	u, err := s.User(ctx, userID)
	if err != nil || u.Disabled {
		return nil, apperr.New(apperr.Unauthorized, "invalid or revoked API token")
	}
	ta.User = u
	_, _ = s.exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", s.now(), ta.TokenID)
	return &ta, nil
}
