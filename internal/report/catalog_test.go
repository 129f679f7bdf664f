package report

import (
	"testing"

	"privacyregister/internal/i18n/i18ntest"
)

// TestEveryTextHasDutch: every text the documents print goes through t
// and must have a Dutch translation.
func TestEveryTextHasDutch(t *testing.T) {
	msgs := i18ntest.MessageIDs(t, ".", i18ntest.Calls{Funcs: []string{"t"}})
	if len(msgs) < 30 {
		t.Fatalf("found only %d texts", len(msgs))
	}
	i18ntest.CheckDutch(t, msgs)
	for _, l := range conclusionLabels {
		i18ntest.CheckDutch(t, map[string]bool{l: true})
	}
}
