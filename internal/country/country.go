// Package country classifies countries for international transfers (AVG
// chapter V): inside the EEA, covered by an adequacy decision, or a third
// country that needs safeguards. The list is data (countries.json), so a new
// or withdrawn adequacy decision is an edit to that file, not to code.
package country

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Class is how the AVG treats transfers to a country.
type Class string

const (
	EEA      Class = "eea"      // EU-27 plus Iceland, Liechtenstein, Norway
	Adequate Class = "adequate" // adequacy decision (art. 45); see Country.Partial
	Third    Class = "third"    // needs art. 46 safeguards or an art. 49 derogation
)

// Country is one entry of countries.json.
type Country struct {
	Code    string   `json:"code"` // ISO 3166-1 alpha-2
	NameNL  string   `json:"name_nl"`
	NameEN  string   `json:"name_en"`
	Aliases []string `json:"aliases,omitempty"`
	Class   Class    `json:"class"`
	// Partial adequacy covers only some recipients (US: DPF-certified
	// organisations; Canada: commercial organisations under PIPEDA).
	Partial bool   `json:"partial,omitempty"`
	Note    string `json:"note,omitempty"`
}

// Name returns the name in lang ("nl" or anything else for English).
func (c Country) Name(lang string) string {
	if lang == "nl" {
		return c.NameNL
	}
	return c.NameEN
}

// NeedsSafeguard reports whether a transfer needs a documented safeguard:
// always for a third country, and for partial adequacy unless the recipient
// is covered (which only the user can tell, so we ask).
func (c Country) NeedsSafeguard() bool { return c.Class == Third || c.Partial }

//go:embed countries.json
var data []byte

// list is one version of the country list; Load swaps in a new one whole,
// so readers never see a half-built list.
type list struct {
	all    []Country
	byCode map[string]int
	byName map[string]int
	asOf   string
}

type document struct {
	AsOf      string    `json:"as_of"`
	Countries []Country `json:"countries"`
}

// current is the list Load made; nil: the embedded one.
var current atomic.Pointer[list]

// embedded reads countries.json on first use rather than at every start
// of the program.
var embedded = sync.OnceValue(func() *list {
	var doc document
	if err := json.Unmarshal(data, &doc); err != nil {
		panic("country: countries.json: " + err.Error())
	}
	return build(doc.Countries, doc.AsOf)
})

// inUse is the list in use.
func inUse() *list {
	if l := current.Load(); l != nil {
		return l
	}
	return embedded()
}

func build(cs []Country, asOf string) *list {
	l := &list{all: cs, byCode: map[string]int{}, byName: map[string]int{}, asOf: asOf}
	for i, c := range cs {
		l.byCode[c.Code] = i
		for _, n := range append([]string{c.NameNL, c.NameEN}, c.Aliases...) {
			l.byName[fold(n)] = i
		}
	}
	return l
}

// AsOf is the date (YYYY-MM-DD) on which the list in use was last checked
// against the Commission's adequacy decisions; pages show it beside a
// classification.
func AsOf() string { return inUse().asOf }

// Load adds the countries of a file in the form of countries.json to the
// list in use, replacing those with the same code, so an installation can
// apply a new or withdrawn adequacy decision without waiting for a
// release. The list's date becomes the file's as_of. It returns how many
// entries the file held.
func Load(path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	var doc document
	if err := json.Unmarshal(b, &doc); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	if _, err := time.Parse(time.DateOnly, doc.AsOf); err != nil {
		return 0, fmt.Errorf("%s: as_of must be the date the list was checked, as YYYY-MM-DD, not %q", path, doc.AsOf)
	}
	old := inUse()
	merged := append([]Country(nil), old.all...)
	for i, c := range doc.Countries {
		c.Code = strings.ToUpper(strings.TrimSpace(c.Code))
		switch {
		case c.Code == "" || c.NameNL == "" || c.NameEN == "":
			return 0, fmt.Errorf("%s: country %d: code, name_nl and name_en are required", path, i+1)
		case c.Class != EEA && c.Class != Adequate && c.Class != Third:
			return 0, fmt.Errorf("%s: %s: class must be eea, adequate or third, not %q", path, c.Code, c.Class)
		}
		if j, ok := old.byCode[c.Code]; ok {
			merged[j] = c
		} else {
			merged = append(merged, c)
		}
	}
	current.Store(build(merged, doc.AsOf))
	return len(doc.Countries), nil
}

// All returns every known country, in file order.
func All() []Country { return append([]Country(nil), inUse().all...) }

// Lookup finds a country by ISO code, Dutch or English name or a common
// alias ("VS", "UK", "Engeland"), ignoring case, diacritics and punctuation.
func Lookup(nameOrCode string) (Country, bool) {
	l := inUse()
	s := strings.TrimSpace(nameOrCode)
	if len(s) == 2 || len(s) == 3 {
		if i, ok := l.byCode[strings.ToUpper(s)]; ok {
			return l.all[i], true
		}
	}
	if i, ok := l.byName[fold(s)]; ok {
		return l.all[i], true
	}
	return Country{}, false
}

// Classify returns the class of an ISO code. Unknown codes are Third: a
// country nobody has checked must not be assumed safe.
func Classify(code string) Class {
	l := inUse()
	if i, ok := l.byCode[strings.ToUpper(strings.TrimSpace(code))]; ok {
		return l.all[i].Class
	}
	return Third
}

// Standing is how a transfer to a country stands under chapter V: the one
// classification every page, export and warning shows, from the list in
// use (so a newer list reclassifies what was stored under an older one).
type Standing struct {
	Code    string
	Class   Class
	Partial bool   // the adequacy decision covers only some recipients
	Note    string // which ones, or the decision
	Known   bool   // false: not on the list, treated as a third country
}

// StandingOf classifies a country by code or name.
func StandingOf(codeOrName string) Standing {
	c, ok := Lookup(codeOrName)
	if !ok {
		return Standing{Code: strings.TrimSpace(codeOrName), Class: Third}
	}
	return Standing{Code: c.Code, Class: c.Class, Partial: c.Partial, Note: c.Note, Known: true}
}

// NeedsSafeguard reports whether a transfer needs a recorded safeguard: to
// a third country always; under partial adequacy unless the record shows
// the recipient is covered (a DPF certification, say), which only the user
// can tell, so the safeguard field holds it.
func (s Standing) NeedsSafeguard() bool { return s.Class == Third || s.Partial }

// Label is the English message id naming the standing, the same on every
// page: the EEA, an adequacy decision, an adequacy decision for some
// recipients only, or a third country without one.
func (s Standing) Label() string {
	switch {
	case s.Class == EEA:
		return "inside the EEA"
	case s.Class == Adequate && s.Partial:
		return "adequacy decision for some recipients only"
	case s.Class == Adequate:
		return "adequacy decision"
	}
	return "third country without an adequacy decision"
}

// stripMarks removes accents. A transform.Chain keeps state, so each call
// builds its own (fold runs concurrently in the web server); ASCII, the
// common case, skips it.
func stripMarks(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	t, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return t
}

// fold reduces a name to lower-case letters and digits without accents, so
// "Curaçao", "curacao" and "CURAÇAO " meet.
func fold(s string) string {
	t := stripMarks(s)
	var b strings.Builder
	for _, r := range strings.ToLower(t) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
