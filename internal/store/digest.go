package store

import "context"

// ClaimDigest records that the weekly digest of week (an ISO week such as
// "2026-W48") goes to the user for the organisation. It reports false when
// another run already claimed it; call it in the transaction that sends,
// so a failed send is retried on the next run.
func (tx *Tx) ClaimDigest(ctx context.Context, orgID, userID int64, week string) (bool, error) {
	res, err := tx.exec(ctx, "INSERT INTO digests_sent (org_id, user_id, week, sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
		orgID, userID, week, tx.s.now())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// DigestSent reports whether the digest of week went to the user for the
// organisation.
func (s *Store) DigestSent(ctx context.Context, orgID, userID int64, week string) (bool, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM digests_sent WHERE org_id = ? AND user_id = ? AND week = ?", orgID, userID, week).Scan(&n)
	return n > 0, mapErr(err)
}
