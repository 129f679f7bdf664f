package store

import (
	"strconv"
	"strings"
)

// Dialect holds what SQLite and PostgreSQL really do differently.
type Dialect interface {
	Name() string
	// Rebind turns "?" placeholders into the engine's own.
	Rebind(q string) string
	// ForUpdate is appended to a SELECT that must lock its rows until the
	// transaction ends ("" on SQLite, whose single writer already serialises).
	ForUpdate() string
	// JSONField is the text of the member key of the JSON object in the
	// text column col (NULL when absent), so a query can read a part of a
	// record without sending the whole.
	JSONField(col, key string) string
}

type sqlite struct{}

func (sqlite) Name() string           { return "sqlite" }
func (sqlite) Rebind(q string) string { return q }
func (sqlite) ForUpdate() string      { return "" }
func (sqlite) JSONField(col, key string) string {
	return "json_extract(" + col + ", '$." + key + "')"
}

type postgres struct{}

func (postgres) Name() string { return "postgres" }

// Rebind replaces each ? outside string literals with $1, $2, ...
func (postgres) Rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	inQuote := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func (postgres) ForUpdate() string { return " FOR UPDATE" }

func (postgres) JSONField(col, key string) string {
	return "((" + col + ")::jsonb -> '" + key + "')::text"
}
