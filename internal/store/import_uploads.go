package store

import (
	"bytes"
	"context"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/auth"
	"privacyregister/internal/register"
)

// An upload waits between the steps of a register import (mapping, dry
// run, apply). It is a working copy, not administration: it is not
// audited, and it expires.
const (
	uploadTTL     = 30 * time.Minute
	uploadPerUser = 3 // a user's older waiting uploads go when a new one comes
)

// PendingUpload is a register file waiting for its import, as it was sent
// (not its parsed table, which can be hundreds of times larger); each step
// parses it again, under the same limits.
type PendingUpload struct {
	Filename string
	Data     []byte
}

// Table parses the upload.
func (u *PendingUpload) Table(maxBytes int64) (*register.Table, error) {
	return register.ParseFile(u.Filename, bytes.NewReader(u.Data), maxBytes)
}

// KeepUpload parks a file for the user and returns the key that names it
// in the import's addresses. Expired uploads of anyone, and the user's
// oldest beyond uploadPerUser, are removed.
func (tx *Tx) KeepUpload(ctx context.Context, orgID, userID int64, u *PendingUpload) (string, error) {
	now := tx.s.now()
	if _, err := tx.exec(ctx, "DELETE FROM import_uploads WHERE expires_at < ?", now); err != nil {
		return "", err
	}
	if _, err := tx.exec(ctx, `DELETE FROM import_uploads WHERE user_id = ? AND key_hash NOT IN
		(SELECT key_hash FROM import_uploads WHERE user_id = ? ORDER BY expires_at DESC LIMIT ?)`, userID, userID, uploadPerUser-1); err != nil {
		return "", err
	}
	key := auth.NewToken("")
	_, err := tx.exec(ctx, "INSERT INTO import_uploads (key_hash, org_id, user_id, filename, data, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
		auth.HashToken(key), orgID, userID, u.Filename, u.Data, now.Add(uploadTTL))
	return key, err
}

// Upload returns the user's waiting upload in the organisation; another
// user's, another organisation's or an expired one is not found.
func (s *Store) Upload(ctx context.Context, orgID, userID int64, key string) (*PendingUpload, error) {
	var u PendingUpload
	err := s.queryRow(ctx, "SELECT filename, data FROM import_uploads WHERE key_hash = ? AND org_id = ? AND user_id = ? AND expires_at >= ?",
		auth.HashToken(key), orgID, userID, s.now()).Scan(&u.Filename, &u.Data)
	if err != nil {
		if apperr.Is(mapErr(err), apperr.NotFound) {
			return nil, apperr.New(apperr.NotFound, "This upload has expired; upload the file again.")
		}
		return nil, mapErr(err)
	}
	return &u, nil
}

// DropUpload removes an upload once it has been imported.
func (tx *Tx) DropUpload(ctx context.Context, orgID int64, key string) error {
	_, err := tx.exec(ctx, "DELETE FROM import_uploads WHERE key_hash = ? AND org_id = ?", auth.HashToken(key), orgID)
	return err
}
