// Package store keeps the administration in SQLite (embedded, the default)
// or PostgreSQL. Every method that reads or writes organisation data takes
// the organisation id and uses it in its WHERE clause, so one tenant can
// never see another's rows. Queries are written once with "?" placeholders;
// the Dialect rewrites them where the engines differ.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"

	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
)

// Store is the database. For SQLite it keeps one connection for writes
// (SQLite allows one writer; queuing in Go avoids SQLITE_BUSY) and a pool for
// reads; for PostgreSQL both are the same pool.
type Store struct {
	read    *sql.DB
	write   *sql.DB
	dialect Dialect
	Now     func() time.Time // injectable clock; UTC
	sealer  *auth.Sealer     // nil: secrets are stored in the clear
	// auditKey seals the audit chain (nil: plain hashes, as before keys).
	auditKey audit.Key
	// OnWebhookQueued is called after the commit of a transaction that
	// queued a webhook delivery (serve wakes its sender); it must not block.
	OnWebhookQueued func()
	// OnWebhookAttempt is called after an attempt to deliver a webhook is
	// recorded, with "delivered", "retry" or "failed" (the metrics count it).
	OnWebhookAttempt func(result string)
}

// Options say where the database is.
type Options struct {
	// URL is a postgres:// URL; empty means SQLite in DataDir.
	URL     string
	DataDir string
	// SecretKey (32 bytes) encrypts the TOTP secrets at rest; without it
	// they are stored in the clear.
	SecretKey []byte
}

// Open connects and migrates the schema to the newest version.
func Open(ctx context.Context, o Options) (*Store, error) {
	s, err := Connect(ctx, o)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.sealAuditChains(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Connect opens the database without migrating.
func Connect(ctx context.Context, o Options) (*Store, error) {
	s := &Store{Now: func() time.Time { return time.Now().UTC() }}
	if o.SecretKey != nil {
		var err error
		if s.sealer, err = auth.NewSealer(o.SecretKey); err != nil {
			return nil, err
		}
		if s.auditKey, err = audit.DeriveKey(o.SecretKey); err != nil {
			return nil, err
		}
	}
	if strings.HasPrefix(o.URL, "postgres://") || strings.HasPrefix(o.URL, "postgresql://") {
		db, err := sql.Open("pgx", o.URL)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		db.SetConnMaxIdleTime(5 * time.Minute)
		s.read, s.write, s.dialect = db, db, postgres{}
	} else if o.URL != "" {
		return nil, fmt.Errorf("database URL must start with postgres:// (or leave it empty for SQLite), got %q", redactURL(o.URL))
	} else {
		if o.DataDir == "" {
			o.DataDir = "data"
		}
		if err := os.MkdirAll(o.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
		path := filepath.Join(o.DataDir, "privacyregister.db")
		base := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)" + sqliteTimeDSN
		w, err := sql.Open("sqlite", base+"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
		w.SetMaxOpenConns(1)
		r, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
		r.SetMaxOpenConns(4)
		s.read, s.write, s.dialect = r, w, sqlite{}
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.write.PingContext(pctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return s, nil
}

// redactURL hides a password in a database URL for messages and logs.
func redactURL(u string) string {
	if i := strings.Index(u, "@"); i > 0 {
		if j := strings.Index(u, "://"); j > 0 && j < i {
			return u[:j+3] + "***" + u[i:]
		}
	}
	return u
}

// Close closes the connections.
func (s *Store) Close() error {
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Engine is "sqlite" or "postgres".
func (s *Store) Engine() string { return s.dialect.Name() }

// Ping checks the database answers (for /healthz).
func (s *Store) Ping(ctx context.Context) error { return s.read.PingContext(ctx) }

// now returns the clock's time in UTC, truncated to microseconds so it
// survives a round trip through PostgreSQL unchanged.
func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is a write transaction. Everything an action changes, and its audit
// row, goes through one Tx, so nothing is half-written.
type Tx struct {
	tx     *sql.Tx
	s      *Store
	d      Dialect
	audits []audit.Entry // written at commit, see flushAudit
	// webhooksQueued: the transaction queued a webhook delivery, to be
	// sent right after the commit (OnWebhookQueued).
	webhooksQueued bool
}

// txAttempts is how often InTx runs a transaction that PostgreSQL aborted
// as a serialisation failure or deadlock victim.
const txAttempts = 5

// InTx runs fn in a write transaction and commits when it returns nil,
// with the audit rows fn recorded. When PostgreSQL aborts the transaction
// to resolve a conflict with a concurrent one (serialisation failure,
// deadlock victim), nothing of it was written, and InTx runs fn again in a
// new transaction, a few times, after a short random pause; a write is
// never dropped silently: the last failure is returned. fn must therefore
// not depend on state it changed in an earlier attempt (mail it sends may
// go out again, which is better than not at all).
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	var err error
	for attempt := 1; ; attempt++ {
		err = s.inTx(ctx, fn)
		if attempt == txAttempts || !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt) * time.Duration(1+rand.IntN(10)) * time.Millisecond):
		}
	}
}

func (s *Store) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	tx := &Tx{tx: sqlTx, s: s, d: s.dialect}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := tx.flushAudit(ctx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return opErr("commit", err)
	}
	if tx.webhooksQueued && s.OnWebhookQueued != nil {
		s.OnWebhookQueued()
	}
	return nil
}

func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	r, err := tx.tx.ExecContext(ctx, tx.d.Rebind(q), args...)
	return r, opErr(q, err)
}

func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	r, err := tx.tx.QueryContext(ctx, tx.d.Rebind(q), args...)
	return r, mapErr(err)
}

func (tx *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.d.Rebind(q), args...)
}

// insert runs an INSERT ... RETURNING id and returns the id.
func (tx *Tx) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, opErr(q, err)
}

func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	r, err := s.read.QueryContext(ctx, s.dialect.Rebind(q), args...)
	return r, mapErr(err)
}

func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return s.read.QueryRowContext(ctx, s.dialect.Rebind(q), args...)
}

// exec runs a single statement outside a caller's transaction (for
// bookkeeping that is not administration data, such as session renewals).
func (s *Store) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	r, err := s.write.ExecContext(ctx, s.dialect.Rebind(q), args...)
	return r, opErr(q, err)
}
