package agreement

import (
	"strings"
	"unicode"
)

// MatchParty returns the one party among parties whose name is the same
// company as one of names (the processor or controller an analysis read),
// trying names in order: "NOA BV", "NOA B.V." and "noa b.v" are one party;
// case, punctuation and the legal form do not count. Nil when no party, or
// more than one, matches.
func MatchParty(parties []Party, names ...string) *Party {
	for _, n := range names {
		key := companyKey(n)
		if key == "" {
			continue
		}
		var found *Party
		for i := range parties {
			if companyKey(parties[i].Name) != key {
				continue
			}
			if found != nil {
				return nil // ambiguous: let the user choose
			}
			found = &parties[i]
		}
		if found != nil {
			return found
		}
	}
	return nil
}

// legalForms are the endings of company names that do not tell companies
// apart, as words after punctuation is dropped ("b.v." is "bv").
var legalForms = map[string]bool{"bv": true, "nv": true, "vof": true, "cv": true, "bvba": true, "vzw": true,
	"ltd": true, "limited": true, "llc": true, "inc": true, "corp": true, "plc": true, "gmbh": true, "ag": true,
	"sa": true, "sarl": true, "srl": true, "ab": true, "as": true, "oy": true, "aps": true}

// companyKey is a name in lower case, letters and digits only, without a
// trailing legal form.
func companyKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '.' || r == '\'':
			// "B.V." is "bv": join the letters
		default:
			b.WriteRune(' ')
		}
	}
	words := strings.Fields(b.String())
	for len(words) > 1 && legalForms[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// SameCompany reports whether two names are one company by the rules of
// MatchParty.
func SameCompany(a, b string) bool {
	ka := companyKey(a)
	return ka != "" && ka == companyKey(b)
}
