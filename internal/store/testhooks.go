package store

import "context"

// RawExec runs a statement directly. It exists for tests that must do what
// the application never does, such as tampering with the audit trail.
func (s *Store) RawExec(ctx context.Context, q string, args ...any) error {
	_, err := s.exec(ctx, q, args...)
	return err
}

// RawString reads one text value directly, for tests that check what is
// stored rather than what the application reads back.
func (s *Store) RawString(ctx context.Context, q string, args ...any) (string, error) {
	var v string
	err := s.queryRow(ctx, q, args...).Scan(&v)
	return v, err
}
