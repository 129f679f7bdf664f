package i18n

import (
	"regexp"
	"strings"
	"testing"
)

// keyID is a message id that is a key ("event.reported", "audit action
// create") rather than English text: without an English entry an English
// page shows the key itself (the incident timeline read "event.reported:
// demo" and the audit trail "audit action create").
var keyID = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)

func TestKeyIDsHaveEnglish(t *testing.T) {
	for id := range catalogs()["nl"] {
		if (keyID.MatchString(id) || strings.HasPrefix(id, "audit action ")) && !Has("en", id) {
			t.Errorf("%q has no English text (catalog/keys.en.json)", id)
		}
	}
}
