package web

import (
	"testing"

	"privacyregister/internal/i18n"
)

// Every label a form page gives its fields has its Dutch text: a message
// about a field names it as the page shows it.
func TestFormFieldLabelsAreTranslated(t *testing.T) {
	for page, fields := range formFields {
		for field, f := range fields {
			if f.Label != "" && !i18n.Has("nl", f.Label) {
				t.Errorf("%s: the label %q of %s has no Dutch text", page, f.Label, field)
			}
		}
	}
}
