package profile

import (
	"testing"

	"privacyregister/internal/i18n/i18ntest"
)

// TestCatalogComplete fails when a text this package can show (its
// checks, the changes, the mails) has no Dutch translation in
// internal/i18n/catalog/network.nl.json.
func TestCatalogComplete(t *testing.T) {
	msgs := i18ntest.MessageIDs(t, ".", i18ntest.Calls{Funcs: []string{"T"}, FieldFirst: []string{"Invalidf"}})
	for _, l := range decisionLabels {
		msgs[l] = true
	}
	if len(msgs) < 25 {
		t.Fatalf("found only %d messages; is the pattern still right?", len(msgs))
	}
	i18ntest.CheckDutch(t, msgs)
}
