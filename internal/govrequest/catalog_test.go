package govrequest

import (
	"testing"

	"privacyregister/internal/i18n/i18ntest"
)

// TestCatalogComplete fails when a text this package can show has no Dutch
// translation in internal/i18n/catalog/govrequests.nl.json.
func TestCatalogComplete(t *testing.T) {
	msgs := map[string]bool{}
	for _, l := range Labels {
		msgs[l] = true
	}
	for m := range i18ntest.MessageIDs(t, ".", i18ntest.Calls{Funcs: []string{"New", "T", "t"}, FieldFirst: []string{"Invalidf", "add"}}) {
		msgs[m] = true
	}
	i18ntest.CheckDutch(t, msgs)
}
