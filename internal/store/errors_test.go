package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"privacyregister/internal/apperr"
	"privacyregister/internal/testutil"
)

// TestDriverErrorsMappedByCode: on the engine under test (SQLite, or
// PostgreSQL with PRIVACYREGISTER_TEST_DB), a duplicate, a reference to a
// missing row and a failed CHECK each arrive as the application error of
// their kind, read from the driver's typed code, and name the statement
// that failed.
func TestDriverErrorsMappedByCode(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	for _, q := range []string{
		"CREATE TABLE errtest_parent (id INTEGER PRIMARY KEY)",
		"CREATE TABLE errtest_child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES errtest_parent (id), name TEXT UNIQUE, n INTEGER CHECK (n >= 0))",
		"INSERT INTO errtest_parent (id) VALUES (1)",
		"INSERT INTO errtest_child (id, parent_id, name, n) VALUES (1, 1, 'a', 1)",
	} {
		if err := s.RawExec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, c := range []struct {
		name, q string
		code    apperr.Code
	}{
		{"duplicate", "INSERT INTO errtest_child (id, parent_id, name, n) VALUES (2, 1, 'a', 1)", apperr.Conflict},
		{"foreign key", "INSERT INTO errtest_child (id, parent_id, name, n) VALUES (3, 99, 'b', 1)", apperr.Conflict},
		{"check", "INSERT INTO errtest_child (id, parent_id, name, n) VALUES (4, 1, 'c', -1)", apperr.Invalid},
	} {
		err := s.RawExec(ctx, c.q)
		if !apperr.Is(err, c.code) {
			t.Errorf("%s on %s: %v, want %s", c.name, s.Engine(), err, c.code)
		}
		if err == nil || !strings.HasPrefix(err.Error(), "store: insert into errtest_child: ") {
			t.Errorf("%s: %v does not name the operation", c.name, err)
		}
	}
	msgs := map[string]string{}
	for _, q := range []string{
		"INSERT INTO errtest_child (id, parent_id, name, n) VALUES (5, 1, 'a', 1)",
		"INSERT INTO errtest_child (id, parent_id, name, n) VALUES (6, 99, 'd', 1)",
		"INSERT INTO errtest_child (id, parent_id, name, n) VALUES (7, 1, 'e', -1)",
	} {
		var ae *apperr.Error
		if err := s.RawExec(ctx, q); errors.As(err, &ae) {
			msgs[ae.Msg] = q
		}
	}
	if len(msgs) != 3 {
		t.Errorf("a duplicate, a missing reference and a failed check share a message: %v", msgs)
	}

}
