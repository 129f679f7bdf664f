package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

//go:embed migrations
var migrations embed.FS

func (s *Store) provider() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations/"+s.dialect.Name())
	if err != nil {
		return nil, err
	}
	if s.dialect.Name() == "postgres" {
		return goose.NewProvider(goose.DialectPostgres, s.write, sub)
	}
	return goose.NewProvider(goose.DialectSQLite3, s.write, sub, goose.WithGoMigrations(sqliteTimesMigration()))
}

// Migrate brings the schema to the newest version. Several processes may
// start at once on PostgreSQL; goose takes a lock there.
func (s *Store) Migrate(ctx context.Context) error {
	p, err := s.provider()
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// SchemaVersion returns the current migration version.
func (s *Store) SchemaVersion(ctx context.Context) (int64, error) {
	p, err := s.provider()
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}
