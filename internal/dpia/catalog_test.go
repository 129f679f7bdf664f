package dpia

import (
	"testing"

	"privacyregister/internal/i18n/i18ntest"
)

// TestCatalogComplete fails when a text this package can show has no Dutch
// translation in internal/i18n/catalog/dpia.nl.json.
func TestCatalogComplete(t *testing.T) {
	msgs := map[string]bool{}
	for _, l := range apList[1:] {
		msgs[l] = true
	}
	for _, l := range criteria[1:] {
		msgs[l] = true
	}
	for _, l := range scaleNames[1:] {
		msgs[l] = true
	}
	for _, l := range levelNames {
		msgs[l] = true
	}
	for m := range i18ntest.MessageIDs(t, ".", i18ntest.Calls{Funcs: []string{"New", "T", "t", "Reason"}, FieldFirst: []string{"Invalidf", "add"}, AllArgs: nil, CompositeTypes: []string{"Reason"}}) {
		msgs[m] = true
	}
	i18ntest.CheckDutch(t, msgs)
}
