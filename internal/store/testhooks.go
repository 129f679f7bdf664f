package store

import "context"

// RawExec runs a statement directly. It exists for tests that must do what
// the application never does, such as tampering with the audit trail.
func (s *Store) RawExec(ctx context.Context, q string, args ...any) error {
	_, err := s.exec(ctx, q, args...)
	return err
}
