package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"privacyregister/internal/apperr"
)

// retryable reports whether PostgreSQL aborted a transaction to resolve a
// conflict with a concurrent one, so that running it again may succeed:
// serialization_failure (40001) or deadlock_detected (40P01).
func retryable(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "40001" || pg.Code == "40P01")
}

// mapErr turns driver errors into application errors, so callers above the
// store never see SQLite or PostgreSQL specifics.
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
	msg := err.Error()
	switch {
	// SQLite: "UNIQUE constraint failed"; PostgreSQL: SQLSTATE 23505.
	case strings.Contains(msg, "UNIQUE constraint failed"), strings.Contains(msg, "SQLSTATE 23505"):
		return apperr.Wrap(err, apperr.Conflict, "this already exists")
	case strings.Contains(msg, "FOREIGN KEY constraint failed"), strings.Contains(msg, "SQLSTATE 23503"):
		return apperr.Wrap(err, apperr.Conflict, "this is still in use or refers to something that does not exist")
	}
	return err
}
