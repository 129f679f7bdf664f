package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	moderncsqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"privacyregister/internal/apperr"
)

// violation is what a driver error means for the caller, read from the
// engine's typed code, never from its message.
type violation int

const (
	otherError violation = iota
	uniqueViolation
	foreignKeyViolation
	checkViolation
	busyError // a concurrent transaction was in the way: try again
)

// classify reads the typed code of a PostgreSQL (SQLSTATE) or SQLite
// (extended result code) error.
func classify(err error) violation {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505": // unique_violation
			return uniqueViolation
		case "23503": // foreign_key_violation
			return foreignKeyViolation
		case "23514": // check_violation
			return checkViolation
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return busyError
		}
		return otherError
	}
	var lite *moderncsqlite.Error
	if errors.As(err, &lite) {
		switch code := lite.Code(); {
		case code == sqlite3.SQLITE_CONSTRAINT_UNIQUE, code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return uniqueViolation
		case code == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return foreignKeyViolation
		case code == sqlite3.SQLITE_CONSTRAINT_CHECK:
			return checkViolation
		case code&0xff == sqlite3.SQLITE_BUSY, code&0xff == sqlite3.SQLITE_LOCKED:
			return busyError
		}
	}
	return otherError
}

// retryable reports whether PostgreSQL aborted a transaction to resolve a
// conflict with a concurrent one, so that running it again may succeed:
// serialization_failure (40001) or deadlock_detected (40P01).
func retryable(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && classify(pg) == busyError
}

// mapErr turns driver errors into application errors, so callers above the
// store never see SQLite or PostgreSQL specifics. The driver error stays
// the cause, for the log.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.Wrap(err, apperr.NotFound, "not found")
	}
	switch classify(err) {
	case uniqueViolation:
		return apperr.Wrap(err, apperr.Conflict, "this already exists")
	case foreignKeyViolation:
		return apperr.Wrap(err, apperr.Conflict, "this is still in use or refers to something that does not exist")
	case checkViolation:
		return apperr.Wrap(err, apperr.Invalid, "a value is outside what is allowed")
	case busyError:
		return apperr.Wrap(err, apperr.Conflict, "the database was busy with another change; try again")
	}
	return err
}

// opErr maps a driver error of statement q and names the operation that
// failed ("store: insert into dpias: this already exists"), for the log;
// the application error inside is still found by errors.As.
func opErr(q string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store: %s: %w", operation(q), mapErr(err))
}

// operation is the verb and table of a statement: "insert into dpias",
// "update activities", "delete from sessions".
func operation(q string) string {
	f := strings.Fields(q)
	n := 1
	if len(f) > 0 {
		switch strings.ToUpper(f[0]) {
		case "INSERT", "DELETE":
			n = 3
		case "UPDATE":
			n = 2
		}
	}
	return strings.ToLower(strings.Join(f[:min(n, len(f))], " "))
}
