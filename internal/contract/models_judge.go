package contract

import (
	"strconv"
	"strings"
)

// judges read one point of an analysis for a model item. They never claim
// more than the analysis does: a value the analyser marked unclear gives
// StatusUnclear, a point it did not find gives StatusMissing.
var judges = map[string]func(a *Analysis) verdict{
	"art28a":        art28Judge("a"),
	"art28b":        art28Judge("b"),
	"art28c":        art28Judge("c"),
	"art28e":        art28Judge("e"),
	"art28f":        art28Judge("f"),
	"own_purposes":  judgeOwnPurposes,
	"unilateral":    judgeUnilateral,
	"audit":         judgeAudit,
	"subprocessors": judgeSubprocessors,
	"transfers":     judgeTransfers,
	"breach":        judgeBreach,
	"end_choice":    judgeEndChoice,
	"end_delete":    judgeEndDelete,
}

func isUnclear(a *Analysis, field string) bool {
	for _, f := range a.Unclear {
		if f == field {
			return true
		}
	}
	return false
}

func hasFlag(a *Analysis, flag string) bool {
	for _, f := range a.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// art28Judge: the element is in the agreement or not; the model asks no more.
func art28Judge(letter string) func(a *Analysis) verdict {
	return func(a *Analysis) verdict {
		el := a.Art28[letter]
		if !el.Present {
			return verdict{status: StatusMissing}
		}
		return verdict{status: StatusMeets, ev: el.Evidence}
	}
}

// judgeOwnPurposes: the models allow processing only for the controller's
// purposes; a clause letting the processor use the data for its own is weaker.
func judgeOwnPurposes(a *Analysis) verdict {
	if hasFlag(a, FlagOwnPurposes) {
		return verdict{status: StatusWeaker, value: FlagOwnPurposes, ev: a.Evidence[FlagOwnPurposes]}
	}
	if el := a.Art28["a"]; el.Present {
		return verdict{status: StatusMeets, ev: el.Evidence}
	}
	return verdict{status: StatusMissing}
}

// judgeUnilateral: the models are changed only by both parties.
func judgeUnilateral(a *Analysis) verdict {
	if hasFlag(a, FlagUnilateral) {
		return verdict{status: StatusWeaker, value: FlagUnilateral, ev: a.Evidence[FlagUnilateral]}
	}
	return verdict{status: StatusMeets}
}

// judgeAudit: the controller may audit (itself or through an independent
// auditor). Information alone, or audits expressly excluded, is weaker.
func judgeAudit(a *Analysis) verdict {
	au := a.Audit
	value := ""
	if au.FrequencyMonths != nil {
		value = "every " + strconv.Itoa(*au.FrequencyMonths) + " months"
	}
	switch {
	case au.Right:
		return verdict{status: StatusMeets, value: value, ev: au.Evidence}
	case au.Excluded:
		return verdict{status: StatusWeaker, value: "excluded", ev: au.Evidence}
	case isUnclear(a, "audit_right"):
		return verdict{status: StatusUnclear, ev: au.Evidence}
	case a.Art28["h"].Present:
		// information to demonstrate compliance, but no audit
		return verdict{status: StatusWeaker, value: "information only", ev: a.Art28["h"].Evidence}
	}
	return verdict{status: StatusMissing}
}

// judgeSubprocessors: prior specific consent, or a general permission with
// notice of changes and a right to object (art. 28(2)). The SCC leave the
// notice period to the parties, so a stated period is reported, not judged.
func judgeSubprocessors(a *Analysis) verdict {
	s := a.Subprocessors
	value, ev := s.Regime, s.Evidence
	if s.ObjectionDays != nil {
		days := strconv.Itoa(*s.ObjectionDays)
		value += ", " + days + " days"
		ev = preferQuote(ev, days)
	}
	switch s.Regime {
	case RegimeSpecific, RegimeGeneralObjection:
		return verdict{status: StatusMeets, value: value, ev: ev}
	case RegimeGeneralNoObjection:
		return verdict{status: StatusWeaker, value: value, ev: ev}
	}
	return verdict{status: StatusMissing}
}

// preferQuote puts first the evidence whose quote holds part (the number a
// judgement rests on), so the quote shown is the one that states it.
func preferQuote(ev []Evidence, part string) []Evidence {
	for i, e := range ev {
		if strings.Contains(e.Quote, part) {
			return append([]Evidence{e}, append(ev[:i:i], ev[i+1:]...)...)
		}
	}
	return ev
}

// judgeTransfers: data leave the EEA only on the controller's instruction or
// consent. A rule that lets data go to adequate countries, or anywhere with
// safeguards, without the controller's say is weaker.
func judgeTransfers(a *Analysis) verdict {
	ev := a.Evidence["data_location"]
	switch a.DataLocation {
	case LocEEAOnly, LocEUOnly, LocOutsideConsent:
		return verdict{status: StatusMeets, value: a.DataLocation, ev: ev}
	case LocEEAOrAdequate, LocOutsideAllowed:
		return verdict{status: StatusWeaker, value: a.DataLocation, ev: ev}
	}
	if isUnclear(a, "data_location") {
		return verdict{status: StatusUnclear, ev: ev}
	}
	return verdict{status: StatusMissing}
}

// judgeBreach: the processor tells the controller of a breach without undue
// delay. A number of hours on top of that is stronger; a number of hours
// alone meets it when it is at most 24 (short enough to leave the controller
// its own 72 hours), else it is weaker.
func judgeBreach(a *Analysis) verdict {
	b := a.BreachNotification
	value := ""
	if b.Hours != nil {
		value = strconv.Itoa(*b.Hours) + " hours"
		b.Evidence = preferQuote(b.Evidence, strconv.Itoa(*b.Hours))
	}
	switch {
	case b.Hours != nil && b.WithoutDelay:
		return verdict{status: StatusStronger, value: value, ev: b.Evidence}
	case b.WithoutDelay:
		return verdict{status: StatusMeets, value: "without undue delay", ev: b.Evidence}
	case b.Hours != nil && *b.Hours <= 24:
		return verdict{status: StatusMeets, value: value, ev: b.Evidence}
	case b.Hours != nil:
		return verdict{status: StatusWeaker, value: value, ev: b.Evidence}
	case b.DeadlineText != nil || isUnclear(a, "breach_hours"):
		v := verdict{status: StatusUnclear, ev: b.Evidence}
		if b.DeadlineText != nil {
			v.value = *b.DeadlineText
		}
		return v
	}
	return verdict{status: StatusMissing}
}

// judgeEndChoice: at the end the controller chooses deletion or return.
func judgeEndChoice(a *Analysis) verdict {
	ev := a.Evidence["end_of_contract"]
	switch a.EndOfContract {
	case EndControllerChoice:
		return verdict{status: StatusMeets, value: a.EndOfContract, ev: ev}
	case EndDelete, EndReturn:
		return verdict{status: StatusWeaker, value: a.EndOfContract, ev: ev}
	}
	return endNotRead(a)
}

// judgeEndDelete: at the end the data are deleted (return first, at the
// controller's wish, is as good); return alone leaves copies.
func judgeEndDelete(a *Analysis) verdict {
	ev := a.Evidence["end_of_contract"]
	switch a.EndOfContract {
	case EndControllerChoice, EndDelete:
		return verdict{status: StatusMeets, value: a.EndOfContract, ev: ev}
	case EndReturn:
		return verdict{status: StatusWeaker, value: a.EndOfContract, ev: ev}
	}
	return endNotRead(a)
}

func endNotRead(a *Analysis) verdict {
	if el := a.Art28["g"]; el.Present {
		// the text speaks of deletion or return but no rule could be read
		return verdict{status: StatusUnclear, ev: el.Evidence}
	}
	return verdict{status: StatusMissing}
}
