package govrequest

import (
	"fmt"

	"privacyregister/internal/i18n"
)

// Labels are the English display texts of the enum values, keyed by
// "kind.value"; the catalogue (govrequests.nl.json) has them in Dutch.
var Labels = map[string]string{
	"kind.supervisor":        "supervisory authority",
	"kind.government":        "government body",
	"kind.investigation":     "investigation service (police, FIOD)",
	"kind.prosecution":       "public prosecution",
	"kind.national_security": "national security service",
	"kind.foreign":           "foreign authority",

	"decision.pending":  "not yet decided",
	"decision.complied": "complied",
	"decision.partly":   "partly complied",
	"decision.refused":  "refused",
	"decision.objected": "objected",

	"status.told":        "controller told",
	"status.to_tell":     "to tell the controller",
	"status.overdue":     "overdue: controller not told",
	"status.gag_check":   "gag: legal check required",
	"status.gag_checked": "gag: legal check done",
}

// Label returns the display text of an enum value of this package in lang.
func Label(lang string, v any) string {
	var k string
	switch x := v.(type) {
	case AuthorityKind:
		k = "kind." + string(x)
	case Decision:
		k = "decision." + string(x)
	case Status:
		k = "status." + string(x)
	}
	if s, ok := Labels[k]; ok {
		return i18n.T(lang, s)
	}
	return fmt.Sprint(v)
}
