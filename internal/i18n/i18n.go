// Package i18n translates user-facing text. Messages are written in English
// in the code (the English text is the message id, as with gettext); the
// Dutch catalogue maps them to Dutch. Each area keeps its own catalogue
// file in catalog/ (catalog/web.nl.json, catalog/contract.nl.json, ...), so
// they can be edited without stepping on each other.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"sync"
)

// Languages the UI speaks; the first is the default.
var Languages = []string{"nl", "en"}

//go:embed catalog/*.json
var catalogFS embed.FS

// catalogs maps language -> message id -> translation; conflicts lists ids
// that two catalogue files translate differently (the first file, in name
// order, wins; TestNoConflicts keeps the list empty).
// They are read on first use rather than at package init, so commands
// and a server start that translate nothing do not pay for them.
var load = sync.OnceValues(mustLoad)

func catalogs() map[string]map[string]string {
	c, _ := load()
	return c
}

func mustLoad() (map[string]map[string]string, []string) {
	var conflicts []string
	out := map[string]map[string]string{}
	entries, err := catalogFS.ReadDir("catalog")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		// name.LANG.json
		parts := strings.Split(e.Name(), ".")
		if len(parts) != 3 || parts[2] != "json" {
			panic("i18n: catalogue file must be named AREA.LANG.json: " + e.Name())
		}
		lang := parts[1]
		data, err := catalogFS.ReadFile(path.Join("catalog", e.Name()))
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", e.Name(), err))
		}
		if out[lang] == nil {
			out[lang] = map[string]string{}
		}
		for k, v := range m {
			if prev, dup := out[lang][k]; dup {
				if prev != v {
					conflicts = append(conflicts, fmt.Sprintf("%s: %q is %q and, in %s, %q", lang, k, prev, e.Name(), v))
				}
				continue
			}
			out[lang][k] = v
		}
	}
	return out, conflicts
}

// Conflicts lists message ids translated differently in two files.
func Conflicts() []string { _, c := load(); return c }

// T translates msg into lang and fills its verbs with args. Unknown
// messages and English fall back to msg itself.
func T(lang, msg string, args ...any) string {
	if tr, ok := catalogs()[lang][msg]; ok && tr != "" {
		msg = tr
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Has reports whether lang has a translation of msg (for tests that check
// the catalogue is complete).
func Has(lang, msg string) bool {
	_, ok := catalogs()[lang][msg]
	return ok
}

// Supported returns lang when the UI speaks it, else the default.
func Supported(lang string) string {
	for _, l := range Languages {
		if l == lang {
			return l
		}
	}
	return Languages[0]
}

// Accepted returns the language of an Accept-Language header the UI
// speaks, taking the tags in the order of their weights ("en-GB,en;q=0.9,
// nl;q=0.8" gives en), or "" when it names none.
func Accepted(header string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if _, err := fmt.Sscan(v, &q); err != nil {
				continue
			}
		}
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		for _, l := range Languages {
			if l == base && q > bestQ {
				best, bestQ = l, q
			}
		}
	}
	return best
}
