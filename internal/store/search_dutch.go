package store

import (
	"slices"
	"strings"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
)

// searchVariants are the forms a search word is also looked up by, each
// as the start of a word: its Dutch (Snowball) stem, so "uitleningen" and
// "abonnementen" find "uitlening" and "abonnement", and the stem with the
// final v or z of a Dutch plural turned back into f or s, so "nieuwsbrieven"
// finds "nieuwsbrief" and "huizen" "huis". Stems shorter than three
// letters would match too much and are left out.
func searchVariants(word string) []string {
	env := snowballstem.NewEnv(word)
	dutch.Stem(env)
	stem := env.Current()
	var out []string
	add := func(v string) {
		if v != word && len([]rune(v)) >= 3 && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	add(stem)
	switch {
	case strings.HasSuffix(stem, "v"):
		add(strings.TrimSuffix(stem, "v") + "f")
	case strings.HasSuffix(stem, "z"):
		add(strings.TrimSuffix(stem, "z") + "s")
	}
	return out
}
