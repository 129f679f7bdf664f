package request

import (
	"fmt"

	"privacyregister/internal/i18n"
)

// Labels are the English display texts of the enum values, keyed by
// "kind.value"; the catalogue has them in Dutch.
var Labels = map[string]string{
	"right.access":        "access (art. 15)",
	"right.rectification": "rectification (art. 16)",
	"right.erasure":       "erasure (art. 17)",
	"right.restriction":   "restriction of processing (art. 18)",
	"right.portability":   "data portability (art. 20)",
	"right.objection":     "objection (art. 21)",
	"right.automated":     "not to be subject to automated decisions (art. 22)",

	"channel.email":     "e-mail",
	"channel.letter":    "letter",
	"channel.web_form":  "web form",
	"channel.in_person": "in person",
	"channel.phone":     "phone",
	"channel.other":     "other route",

	"state.received":          "received",
	"state.identity_check":    "checking identity",
	"state.in_progress":       "in progress",
	"state.extended":          "extended",
	"state.answered":          "answered",
	"state.refused":           "refused",
	"state.partially_refused": "partially refused",
	"state.closed":            "closed",

	"method.id_shown":      "identity document shown",
	"method.known_contact": "known contact details",
	"method.logged_in":     "logged in to our service",
	"method.other":         "other check",

	"ground.manifestly_unfounded":     "manifestly unfounded (art. 12(5))",
	"ground.excessive":                "excessive, in particular repetitive (art. 12(5))",
	"ground.identity_not_established": "identity could not be established (art. 12(2))",
	"ground.uavg41":                   "exception of art. 41 UAVG",

	"interest.a": "national security",
	"interest.b": "defence",
	"interest.c": "public security",
	"interest.d": "prevention, investigation, detection or prosecution of criminal offences",
	"interest.e": "other important objectives of general public interest, such as economic, financial, public health or social security interests",
	"interest.f": "protection of judicial independence and judicial proceedings",
	"interest.g": "prevention, investigation, detection and prosecution of breaches of ethics for regulated professions",
	"interest.h": "a monitoring, inspection or regulatory function connected with official authority",
	"interest.i": "protection of the data subject or the rights and freedoms of others",
	"interest.j": "enforcement of civil-law claims",
}

// Label returns the display text of an enum value of this package in lang.
func Label(lang string, v any) string {
	var k string
	switch x := v.(type) {
	case Right:
		k = "right." + string(x)
	case Channel:
		k = "channel." + string(x)
	case State:
		k = "state." + string(x)
	case IdentityMethod:
		k = "method." + string(x)
	case Ground:
		k = "ground." + string(x)
	case Interest:
		k = "interest." + string(x)
	}
	if s, ok := Labels[k]; ok {
		return i18n.T(lang, s)
	}
	return fmt.Sprint(v)
}
