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
	// JSONFields is a JSON array (as text) of the members keys of the JSON
	// object in the text column col, null for those absent: a query reads
	// the parts of a record it needs, parsing the record once.
	JSONFields(col string, keys ...string) string
}

type sqlite struct{}

func (sqlite) Name() string           { return "sqlite" }
func (sqlite) Rebind(q string) string { return q }
func (sqlite) ForUpdate() string      { return "" }
func (sqlite) JSONFields(col string, keys ...string) string {
	// With more than one path json_extract answers with an array.
	paths := make([]string, len(keys))
	for i, k := range keys {
		paths[i] = "'$." + k + "'"
	}
	if len(keys) == 1 {
		return "json_array(json_extract(" + col + ", " + paths[0] + "))"
	}
	return "json_extract(" + col + ", " + strings.Join(paths, ", ") + ")"
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

func (postgres) JSONFields(col string, keys ...string) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = "j -> '" + k + "'"
	}
	return "(SELECT jsonb_build_array(" + strings.Join(parts, ", ") + ")::text FROM (SELECT (" + col + ")::jsonb AS j) AS x)"
}
