package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// Pools are the connection pools by name, for the pool metrics.
func (s *Store) Pools() map[string]*sql.DB {
	if s.read == s.write {
		return map[string]*sql.DB{s.dialect.Name(): s.write}
	}
	return map[string]*sql.DB{"sqlite_read": s.read, "sqlite_write": s.write}
}

// LatestVersion is the newest migration this binary carries.
func (s *Store) LatestVersion() (int64, error) {
	names, err := fs.Glob(migrations, "migrations/"+s.dialect.Name()+"/*.sql")
	if err != nil {
		return 0, err
	}
	var latest int64
	for _, n := range names {
		base := n[strings.LastIndex(n, "/")+1:]
		v, err := strconv.ParseInt(strings.SplitN(base, "_", 2)[0], 10, 64)
		if err == nil && v > latest {
			latest = v
		}
	}
	return latest, nil
}

// Ready says whether the database answers and its schema is at least at
// this binary's newest migration (for /readyz). A newer schema is ready:
// during a rolling upgrade the first new process migrates, and the old
// ones keep serving until they are replaced.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.read.PingContext(ctx); err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	want, err := s.LatestVersion()
	if err != nil {
		return err
	}
	var have sql.NullInt64
	// goose's table; read on the reader pool so a probe never waits for
	// SQLite's single writer.
	if err := s.read.QueryRowContext(ctx, "SELECT MAX(version_id) FROM goose_db_version WHERE is_applied").Scan(&have); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if have.Int64 < want {
		return fmt.Errorf("schema at version %d, this release needs %d", have.Int64, want)
	}
	return nil
}
