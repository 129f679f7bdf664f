package task

import (
	"testing"

	"privacyregister/internal/i18n/i18ntest"
)

// TestCatalogComplete fails when a text this package can show (kind labels,
// validation messages) has no Dutch translation.
func TestCatalogComplete(t *testing.T) {
	msgs := i18ntest.MessageIDs(t, ".", i18ntest.Calls{FieldFirst: []string{"Invalidf", "add"}})
	if len(msgs) < 10 {
		t.Fatalf("found only %d messages", len(msgs))
	}
	i18ntest.CheckDutch(t, msgs)
}
