package store

import (
	"slices"
	"testing"
)

// TestSearchVariants: a plural in the search finds the singular in the
// register (nieuwsbrieven -> nieuwsbrief, uitleningen -> uitlen...), and
// a word that is its own stem adds nothing.
func TestSearchVariants(t *testing.T) {
	for word, want := range map[string]string{
		"nieuwsbrieven": "nieuwsbrief",
		"uitleningen":   "uitlen",
		"abonnementen":  "abonnement",
		"medewerkers":   "medewerker",
		"huizen":        "huis",
	} {
		if got := searchVariants(word); !slices.Contains(got, want) {
			t.Errorf("searchVariants(%q) = %q, want it to hold %q", word, got, want)
		}
	}
	for _, word := range []string{"afas", "lid", "ab"} {
		if got := searchVariants(word); len(got) != 0 {
			t.Errorf("searchVariants(%q) = %q, want none", word, got)
		}
	}
}
