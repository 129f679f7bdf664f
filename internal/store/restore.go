package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Backup formats a file can be in.
const (
	FormatSQLite = "sqlite"  // what Backup writes: a SQLite database file
	FormatPgDump = "pg_dump" // pg_dump --format=custom
	formatOther  = "unknown" // anything else
)

// BackupFormat tells from its first bytes what kind of backup path is.
func BackupFormat(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	switch {
	case bytes.Equal(head[:n], []byte("SQLite format 3\x00")):
		return FormatSQLite, nil
	case n >= 5 && string(head[:5]) == "PGDMP":
		return FormatPgDump, nil
	}
	return formatOther, nil
}

// CountOrgs is the number of organisations; a database without the table
// (never migrated) has none.
func (s *Store) CountOrgs(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM orgs").Scan(&n)
	if err != nil && !s.hasTable(ctx, "orgs") {
		return 0, nil
	}
	return n, err
}

func (s *Store) hasTable(ctx context.Context, name string) bool {
	q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	if s.dialect.Name() == "postgres" {
		q = "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?"
	}
	var n int
	return s.read.QueryRowContext(ctx, s.dialect.Rebind(q), name).Scan(&n) == nil && n > 0
}

// DropAllTables empties a PostgreSQL schema before a restore replaces it,
// so tables of newer migrations than the dump do not stay behind; one
// transaction, so a failure leaves the database as it was.
func (s *Store) DropAllTables(ctx context.Context) error {
	if s.dialect.Name() != "postgres" {
		return errors.New("drop tables: only for PostgreSQL")
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()")
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		names = append(names, n)
	}
	rows.Close()
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS "+n+" CASCADE"); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SQLiteBackupInfo opens a SQLite backup read-only and returns its schema
// version and number of organisations, refusing a file that is not a
// backup of this application.
func SQLiteBackupInfo(ctx context.Context, path string) (version int64, orgs int, err error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "SELECT MAX(version_id) FROM goose_db_version WHERE is_applied").Scan(&version); err != nil {
		return 0, 0, fmt.Errorf("%s is a SQLite file but not a privacyregister backup: %w", filepath.Base(path), err)
	}
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM orgs").Scan(&orgs); err != nil {
		return 0, 0, fmt.Errorf("%s is a SQLite file but not a privacyregister backup: %w", filepath.Base(path), err)
	}
	return version, orgs, nil
}

// LatestVersionOf is the newest migration this binary carries for the
// engine ("sqlite" or "postgres").
func LatestVersionOf(engine string) (int64, error) {
	return (&Store{dialect: dialectOf(engine)}).LatestVersion()
}

func dialectOf(engine string) Dialect {
	if engine == "postgres" {
		return postgres{}
	}
	return sqlite{}
}
