package incident

import "privacyregister/internal/apperr"

// Phase is a phase of the breach procedure of seed 003. The order is a
// guide, not a sequence: phases 1 to 4 usually run at the same time.
type Phase string

const (
	Discover  Phase = "discover"  // ontdekken
	Inventory Phase = "inventory" // inventariseren
	Qualify   Phase = "qualify"   // kwalificeren
	Repair    Phase = "repair"    // repareren
	Notify    Phase = "notify"    // melden
	Archive   Phase = "archive"   // archiveren
)

// Phases in the procedure's order.
var Phases = []Phase{Discover, Inventory, Qualify, Repair, Notify, Archive}

// PhaseState is how far a phase has got.
type PhaseState string

const (
	NotStarted PhaseState = "not_started"
	InProgress PhaseState = "in_progress"
	Done       PhaseState = "done"
)

// PhaseOf returns the state of p; a missing phase has not started.
func (inc *Incident) PhaseOf(p Phase) PhaseState {
	if s, ok := inc.Phases[p]; ok && s != "" {
		return s
	}
	return NotStarted
}

// SetPhase moves phase p to state s. The first four phases are free to run
// in parallel. Two orderings do hold: notifying can only be finished once
// the melder has decided in phase 3 whether and to whom to notify, and a
// case is archived only when every other phase is done.
func (inc *Incident) SetPhase(p Phase, s PhaseState) error {
	if !validPhase(p) {
		return apperr.Invalidf("phases", "Unknown phase %q.", p)
	}
	if s != NotStarted && s != InProgress && s != Done {
		return apperr.Invalidf("phases."+string(p), "Unknown phase state %q.", s)
	}
	if err := phaseOrder(inc, p, s); err != nil {
		return err
	}
	if inc.Phases == nil {
		inc.Phases = map[Phase]PhaseState{}
	}
	inc.Phases[p] = s
	return nil
}

func phaseOrder(inc *Incident, p Phase, s PhaseState) *apperr.Error {
	switch {
	case p == Notify && s == Done && inc.PhaseOf(Qualify) != Done:
		e := apperr.New(apperr.Conflict, "Finish qualifying the breach before closing the notification phase.")
		e.Field = "phases.notify"
		return e
	case p == Archive && s != NotStarted:
		for _, q := range Phases[:5] {
			if inc.PhaseOf(q) != Done {
				e := apperr.New(apperr.Conflict, "Archive a case only when every other phase is done.")
				e.Field = "phases.archive"
				return e
			}
		}
	}
	return nil
}

func validPhase(p Phase) bool {
	for _, q := range Phases {
		if q == p {
			return true
		}
	}
	return false
}

// MovePhase is SetPhase as a user asks it on a case: the archive phase is
// reached only by closing the case, which checks the other phases and
// makes the case read-only.
func (inc *Incident) MovePhase(p Phase, s PhaseState) error {
	if p == Archive {
		return apperr.Invalidf("phases.archive", "Close the case to archive it.")
	}
	return inc.SetPhase(p, s)
}
