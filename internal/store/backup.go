package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
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
	// The copy holds every organisation's personal data: it is made
	// readable by its owner only, before SQLite writes into it.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		f.Close()
	case errors.Is(err, fs.ErrExist):
		if err := os.Chmod(path, 0o600); err != nil {
			return err
		}
	default:
		return err
	}
	if _, err := s.write.ExecContext(ctx, "VACUUM INTO '"+path+"'"); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}
