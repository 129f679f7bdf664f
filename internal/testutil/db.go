package testutil

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/auth"
	"privacyregister/internal/store"
)

// TestDBEnv names a PostgreSQL URL; when set, store tests run there instead
// of on SQLite. Each test gets a throw-away database of its own.
const TestDBEnv = "PRIVACYREGISTER_TEST_DB"

// Clock is a settable clock for tests.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Add moves the clock.
func (c *Clock) Add(d time.Duration) { c.T = c.T.Add(d) }

// NewStore opens a fresh, migrated store: SQLite in a temporary directory,
// or a new PostgreSQL database when PRIVACYREGISTER_TEST_DB is set. It is
// closed (and the PostgreSQL database dropped) when the test ends.
func NewStore(t testing.TB) *store.Store {
	t.Helper()
	ctx := context.Background()
	// Every test store seals secrets, as the installed program does.
	opts := store.Options{DataDir: t.TempDir(), SecretKey: bytes.Repeat([]byte{0x5e}, auth.KeySize)}
	if base := os.Getenv(TestDBEnv); base != "" {
		opts.URL = freshPostgres(t, base)
	}
	s, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresURL returns a URL of a new empty PostgreSQL database, for tests
// that start the real binary; "" when PRIVACYREGISTER_TEST_DB is not set.
func PostgresURL(t testing.TB) string {
	if base := os.Getenv(TestDBEnv); base != "" {
		return freshPostgres(t, base)
	}
	return ""
}

func freshPostgres(t testing.TB, base string) string {
	t.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "prtest_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database (is %s right?): %v", TestDBEnv, err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", TestDBEnv, err)
	}
	u.Path = "/" + name
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	return u.String()
}

// Engine names the database the tests run on, for messages.
func Engine() string {
	if strings.TrimSpace(os.Getenv(TestDBEnv)) != "" {
		return "postgres"
	}
	return "sqlite"
}

// TamperAudit changes one audit row behind the application's back, as an
// attacker with database access would.
func TamperAudit(s *store.Store, orgID, seq int64) error {
	return s.RawExec(context.Background(), "UPDATE audit_log SET actor = 'someone else' WHERE org_id = ? AND seq = ?", orgID, seq)
}
