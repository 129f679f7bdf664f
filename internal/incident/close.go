package incident

import (
	"strings"
	"time"

	"privacyregister/internal/apperr"
)

// Closing is what a case records beside its own fields that closing it
// depends on.
type Closing struct {
	// Reasons of the recorded decision: the decision aid's, and the
	// melder's reason when deviating. Empty when no decision was recorded.
	Reasons []string
	// Controllers the organisation, as processor, must tell, with when
	// each was told (nil: not yet).
	Controllers []ControllerTold
}

// ControllerTold is a controller of a processor's case.
type ControllerTold struct {
	Name string
	At   *time.Time
}

// CheckClose refuses to archive a case whose record lacks a decision the
// law asks for, naming the field where it is recorded.
//
// A controller's breach (art. 33(1)) is either notified to the AP or
// recorded as unlikely to result in a risk, with the reasons; either way
// it is documented with its facts, effects and remedial action (art.
// 33(5)). When the decision is to inform the people concerned (high risk,
// art. 34(1)) they must have been informed; otherwise the decision's
// reasons give the art. 34(3) ground or why the risk is not high. A
// processor's case (art. 33(2)) instead needs every controller told.
// A security incident without a personal data breach needs only its
// decision.
func (inc *Incident) CheckClose(c Closing) error {
	var errs apperr.List
	add := func(field, msg string, args ...any) { errs = append(errs, apperr.Invalidf(field, msg, args...)) }
	if inc.Outcome == "" {
		add("outcome", "Record the decision on notifying the AP and informing the people concerned (arts. 33 and 34) before closing the case.")
		return errs.Err()
	}
	if len(c.Reasons) == 0 {
		add("outcome", "The decision was recorded without its reasons: record it again with the decision aid before closing the case (art. 33(5)).")
	}
	if inc.Outcome == SecurityIncident {
		return errs.Err()
	}
	if inc.Role == Processor || inc.Outcome == NotifyController {
		if len(c.Controllers) == 0 {
			add("controller_name", "As processor, record the controllers to tell before closing the case (art. 33(2)).")
		}
		for _, ct := range c.Controllers {
			if ct.At == nil {
				add("controllers", "Record when %s was told of the breach before closing the case (art. 33(2)).", ct.Name)
			}
		}
		return errs.Err()
	}
	if strings.TrimSpace(inc.Description) == "" {
		add("description", "Describe the facts of the breach before closing the case (art. 33(5)).")
	}
	if len(inc.Consequences) == 0 && strings.TrimSpace(inc.ConsequenceOther) == "" {
		add("consequences", "Record the effects of the breach before closing the case (art. 33(5)): tick the likely consequences, or describe them under other consequences, also when none are likely.")
	}
	if len(inc.Measures) == 0 {
		add("measures", "Record the remedial action taken before closing the case (art. 33(5)).")
	}
	if (inc.Outcome == NotifyAuthority || inc.Outcome == NotifyAuthorityAndSubjects) && inc.NotifiedAuthorityAt == nil {
		add("notified_authority_at", "The decision is to notify the AP: record the notification before closing the case (art. 33(1)).")
	}
	if inc.Outcome == NotifyAuthorityAndSubjects && inc.SubjectsInformed != InformedYes {
		add("subjects_informed", "The decision is to inform the people concerned (art. 34(1)): record when and how they were told, or record a new decision with the ground of art. 34(3), before closing the case.")
	}
	return errs.Err()
}
