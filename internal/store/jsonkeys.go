package store

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode"
)

// legacyKey finds a key written from a Go field name: a capital after an
// unescaped quote and before '":' (a string value is followed by ',', '}'
// or ']', never by a colon).
var legacyKey = regexp.MustCompile(`(^|[^\\])"[A-Z][A-Za-z0-9]*":`)

// snakeKeys rewrites the keys of a stored JSON document from the Go field
// names it was written with before the domain types had JSON tags
// ("ActivityIDs", "APList") to the snake_case names of the tags
// ("activity_ids", "ap_list"), so rows written before and after read
// alike. Keys without a capital letter (the tags, map keys such as phase
// names) are left as they are.
func snakeKeys(b []byte) []byte {
	if !legacyKey.Match(b) {
		return b
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return b // the caller reports it
	}
	out, err := json.Marshal(snakeValue(v))
	if err != nil {
		return b
	}
	return out
}

func snakeValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[snakeName(k)] = snakeValue(e)
		}
		return m
	case []any:
		for i := range x {
			x[i] = snakeValue(x[i])
		}
	}
	return v
}

// snakeName turns a Go field name into the snake_case of its JSON tag:
// ActivityIDs activity_ids, APList ap_list, FollowUpOf follow_up_of,
// Art35 art35.
func snakeName(n string) string {
	if !strings.ContainsFunc(n, unicode.IsUpper) {
		return n
	}
	r := []rune(strings.ReplaceAll(n, "IDs", "Ids"))
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 && (unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1]) ||
			(unicode.IsUpper(r[i-1]) && i+1 < len(r) && unicode.IsLower(r[i+1]))) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// SnakeName is snakeName for the audit trail's presenter, whose older rows
// (and those of types without JSON tags) name fields as Go does.
func SnakeName(n string) string { return snakeName(n) }
