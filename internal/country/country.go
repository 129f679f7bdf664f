// Package country classifies countries for international transfers (AVG
// chapter V): inside the EEA, covered by an adequacy decision, or a third
// country that needs safeguards. The list is data (countries.json), so a new
// or withdrawn adequacy decision is an edit to that file, not to code.
package country

import (
	_ "embed"
	"encoding/json"
	"strings"
	"sync"
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

var (
	all    []Country
	byCode = map[string]int{}
	byName = map[string]int{}
)

// load reads countries.json on first use rather than at every start of
// the program.
var load = sync.OnceFunc(func() {
	var doc struct {
		Countries []Country `json:"countries"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		panic("country: countries.json: " + err.Error())
	}
	all = doc.Countries
	for i, c := range all {
		byCode[c.Code] = i
		for _, n := range append([]string{c.NameNL, c.NameEN}, c.Aliases...) {
			byName[fold(n)] = i
		}
	}
})

// All returns every known country, in file order.
func All() []Country { load(); return append([]Country(nil), all...) }

// Lookup finds a country by ISO code, Dutch or English name or a common
// alias ("VS", "UK", "Engeland"), ignoring case, diacritics and punctuation.
func Lookup(nameOrCode string) (Country, bool) {
	load()
	s := strings.TrimSpace(nameOrCode)
	if len(s) == 2 {
		if i, ok := byCode[strings.ToUpper(s)]; ok {
			return all[i], true
		}
	}
	if i, ok := byName[fold(s)]; ok {
		return all[i], true
	}
	return Country{}, false
}

// Classify returns the class of an ISO code. Unknown codes are Third: a
// country nobody has checked must not be assumed safe.
func Classify(code string) Class {
	load()
	if i, ok := byCode[strings.ToUpper(strings.TrimSpace(code))]; ok {
		return all[i].Class
	}
	return Third
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
