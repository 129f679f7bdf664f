package register

import (
	"testing"

	"privacyregister/internal/i18n/i18ntest"
)

// TestCatalogComplete fails when a message the package can show has no
// Dutch translation in internal/i18n/catalog/register.nl.json.
func TestCatalogComplete(t *testing.T) {
	msgs := i18ntest.MessageIDs(t, ".", i18ntest.Calls{
		Funcs:      []string{"New", "Wrap", "errMsg", "fail", "warn", "T", "t", "l", "add"},
		FieldFirst: []string{"Invalidf"},
		AllArgs:    []string{"h"},
	})
	for _, f := range Fields {
		msgs[f.Label] = true
	}
	for _, l := range basisName {
		msgs[l] = true
	}
	for _, s := range []string{"eea", "adequate", "third", "controller", "processor", "days", "weeks", "months", "years"} {
		msgs[s] = true
	}
	i18ntest.CheckDutch(t, msgs)
}
