package subscription

import (
	"testing"

	"privacyregister/internal/i18n/i18ntest"
)

// TestCatalogComplete fails when a message this package can show has no
// Dutch translation in internal/i18n/catalog/remote.nl.json.
func TestCatalogComplete(t *testing.T) {
	msgs := i18ntest.MessageIDs(t, ".", i18ntest.Calls{Funcs: []string{"New"}, FieldFirst: []string{"Invalidf"}})
	msgs["This link follows a profile on this installation; it has no key to trust."] = true // store.TrustHeldKey
	msgs["Choose the agreement that is to follow the profile."] = true                       // the web form
	if len(msgs) < 8 {
		t.Fatalf("found only %d messages; is the pattern still right?", len(msgs))
	}
	i18ntest.CheckDutch(t, msgs)
}
