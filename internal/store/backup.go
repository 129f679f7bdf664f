package store

import (
	"context"
	"errors"
	"strings"
)

// Backup writes a consistent copy of the SQLite database to path while the
// application keeps running (VACUUM INTO reads one snapshot).
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect.Name() != "sqlite" {
		return errors.New("backup: use pg_dump for PostgreSQL")
	}
	if strings.ContainsAny(path, "'\x00") {
		return errors.New("backup: the file name may not contain quotes")
	}
	_, err := s.write.ExecContext(ctx, "VACUUM INTO '"+path+"'")
	return err
}
