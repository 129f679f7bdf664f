package dpia

import (
	"privacyregister/internal/i18n"
	"privacyregister/internal/register"
)

// Need is where a current activity stands on its DPIA (art. 35), from the
// one answer the register keeps (Activity.DPIANeeded, which a screening
// sets: Outcome.ActivityDPIA) and the DPIAs recorded for it.
type Need string

const (
	NeedNone     Need = "none"      // the register says no DPIA is needed
	NeedToAssess Need = "to_assess" // not answered yet, or to be assessed: screen it
	NeedMissing  Need = "missing"   // needed, and no DPIA in draft or decided
	NeedDraft    Need = "draft"     // needed, a DPIA is being drawn up
	NeedDone     Need = "done"      // needed, and a DPIA is decided
)

// Needs in the order the dashboard shows them.
var Needs = []Need{NeedMissing, NeedDraft, NeedDone, NeedToAssess, NeedNone}

var needLabels = map[Need]string{
	NeedMissing:  "Needed, no DPIA yet",
	NeedDraft:    "Needed, DPIA in draft",
	NeedDone:     "Needed, DPIA decided",
	NeedToAssess: "To be assessed",
	NeedNone:     "Not needed",
}

// Label is the need's name in lang.
func (n Need) Label(lang string) string { return i18n.T(lang, needLabels[n]) }

// ValidNeed reports whether n is a known Need.
func ValidNeed(n Need) bool {
	for _, k := range Needs {
		if k == n {
			return true
		}
	}
	return false
}

// NeedOf is the need of an activity whose register answer is needed and
// whose DPIAs are in states. An archived DPIA no longer counts: the
// processing it assessed has changed or ended, so a needed DPIA is
// missing again (art. 35(11)).
func NeedOf(needed register.DPIA, states []State) Need {
	switch needed {
	case register.DPIANo:
		return NeedNone
	case register.DPIAYes:
	default:
		return NeedToAssess
	}
	best := NeedMissing
	for _, s := range states {
		switch s {
		case Decided:
			return NeedDone
		case Draft:
			best = NeedDraft
		}
	}
	return best
}

// Coverage counts the current activities of acts by Need; states holds
// the states of the DPIAs per activity id.
func Coverage(acts []register.Activity, states map[int64][]State) map[Need]int {
	out := map[Need]int{}
	for _, a := range acts {
		if a.Status == register.StatusRetired {
			continue
		}
		out[NeedOf(a.DPIANeeded, states[a.ID])]++
	}
	return out
}
