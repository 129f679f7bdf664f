// Package statement holds the rules of the public privacy statement
// (arts. 13 and 14 AVG): which processing activities the public is shown
// by default, what the statement must say, and which of that is missing
// before it may be published. No SQL, no HTTP.
package statement

import (
	"strings"

	"privacyregister/internal/register"
)

// externalDomains and internalDomains are the values registers write in
// their "domain" column (Intern/Extern, as in the library's register).
var (
	externalDomains = words("extern", "externe", "external", "public", "publiek")
	internalDomains = words("intern", "interne", "internal")
)

// publicSubjects are words of subject categories that are people outside
// the organisation: those the statement is written for.
var publicSubjects = []string{
	"lid", "leden", "member", "bezoeker", "visitor", "klant", "customer", "client", "cliënt",
	"leerling", "pupil", "student", "ouder", "parent", "deelnemer", "participant",
	"inwoner", "burger", "resident", "citizen", "abonnee", "subscriber", "patiënt", "patient",
	"cursist", "publiek", "vriend", "donateur", "donor",
}

// Proposed reports whether the public statement shows activity a unless
// the privacy officer decides otherwise. The rule:
//   - a retired activity is never proposed;
//   - the register's domain decides when it says Extern (shown) or
//     Intern (left out): staff processing such as HR and payroll is
//     explained to staff in the staff privacy notice, not to the public;
//   - without a domain, an activity is proposed when one of its subject
//     categories is people outside the organisation (members, visitors,
//     customers, pupils, ...), and left out when they are only staff.
func Proposed(a register.Activity) bool {
	if a.Status == register.StatusRetired {
		return false
	}
	d := strings.ToLower(strings.TrimSpace(a.Domain))
	switch {
	case externalDomains[d]:
		return true
	case internalDomains[d]:
		return false
	}
	for _, s := range a.SubjectCategories {
		if publicSubject(s) {
			return true
		}
	}
	return false
}

func publicSubject(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '/' || r == '-' || r == '(' || r == ')' || r == ';'
	}) {
		for _, p := range publicSubjects {
			// "leden" and "members" as well as "lid" and "member".
			if w == p || w == p+"s" || w == p+"en" || w == p+"n" {
				return true
			}
		}
	}
	return false
}

// placeholders are what registers write where they have no answer; in a
// statement they say nothing and count as missing.
var placeholders = words("", "proc.", "proc", "nvt", "nvt.", "n.v.t.", "n.v.t", "n.b.", "n.b", "nb",
	"?", "??", "-", "--", "n/a", "na", "tbd", "onbekend", "unknown", "nog invullen", "todo")

// IsPlaceholder reports whether s gives no information: empty, or one of
// the placeholders registers use ("proc.", "nvt", "n.b.", "n.v.t.", "?").
func IsPlaceholder(s string) bool {
	return placeholders[strings.ToLower(strings.TrimSpace(s))]
}

// Filled returns the values of ss that are not placeholders.
func Filled(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !IsPlaceholder(s) {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// ProposedPurpose is the purpose text proposed for an activity: the
// register's purposes, joined, without placeholders. The privacy officer
// rewrites it in plain language.
func ProposedPurpose(a register.Activity) string {
	var ps []string
	for _, p := range a.Purposes {
		if !IsPlaceholder(p.Description) {
			ps = append(ps, strings.TrimSpace(p.Description))
		}
	}
	return strings.Join(ps, "; ")
}

// Bases are the lawful bases (art. 6(1)) of the activity's purposes, each
// once, in the register's order.
func Bases(a register.Activity) []register.LawfulBasis {
	var out []register.LawfulBasis
	seen := map[register.LawfulBasis]bool{}
	for _, p := range a.Purposes {
		b := register.LawfulBasis(strings.ToLower(strings.TrimSpace(string(p.LawfulBasis))))
		if b >= "a" && b <= "f" && len(b) == 1 && !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	return out
}

// Retention is the activity's retention as the statement can state it:
// the activity's own period, else those of its data categories; "" when
// there is none or only placeholders.
func Retention(a register.Activity, lang string) string {
	if r := a.Retention.Format(lang); !IsPlaceholder(r) {
		return r
	}
	var rs []string
	for _, d := range a.DataCategories {
		if r := d.Retention.Format(lang); !IsPlaceholder(r) {
			rs = append(rs, d.Name+": "+r)
		}
	}
	return strings.Join(rs, "; ")
}

func words(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[w] = true
	}
	return m
}
