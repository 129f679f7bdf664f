package incident

import (
	"time"

	"privacyregister/internal/deadline"
)

// AuthorityHours is the art. 33(1) period: notify the AP where feasible
// within 72 hours of becoming aware.
const AuthorityHours = 72

// DefaultWithoutDelayHours is used for "onverwijld" (without undue delay)
// when neither the contract nor the organisation names a number of hours.
// The GDPR sets none for processors (art. 33(2)); 24 h is what the seeds'
// processors demand of their own sub-processors (seed 001, 6.4), and it
// leaves the controller two of its three days.
const DefaultWithoutDelayHours = 24

// AuthorityDeadline is the end of the 72 hours, counted in real hours.
func AuthorityDeadline(awareAt time.Time) time.Time {
	return deadline.AddHours(awareAt, AuthorityHours)
}

// LateReasonRequired reports whether a notification made at notifiedAt
// came after the 72 hours, so it must give the reasons for the delay (art.
// 33(1), second sentence).
func LateReasonRequired(notifiedAt, awareAt time.Time) bool {
	return notifiedAt.After(AuthorityDeadline(awareAt))
}

// ControllerDeadline is when the organisation, as processor, must have told
// the controller: the hours of the processor agreement when it names them
// (seeds: 24, 48, 72), else the organisation's own target for "without
// undue delay" (DefaultWithoutDelayHours when that is not set). The clock
// starts at from, which the contract defines: often the first discovery
// ("na de eerste ontdekking", seed 001), not awareness.
func ControllerDeadline(from time.Time, hours *int, withoutDelayTargetHours int) time.Time {
	h := withoutDelayTargetHours
	if hours != nil {
		h = *hours
	}
	if h <= 0 {
		h = DefaultWithoutDelayHours
	}
	return deadline.AddHours(from, h)
}

// ProcessorKeptDeadline reports whether a processor that became aware (or,
// as its contract says, discovered) at processorAwareAt and told us at
// toldUsAt kept its contract's hours. contractHours <= 0 means the contract
// says only "onverwijld"; that is judged against DefaultWithoutDelayHours.
// Our own 72 hours start when the processor tells us (EDPB 9/2022: the
// controller is aware once informed), so a late processor does not shift
// them, but its lateness belongs in the register.
func ProcessorKeptDeadline(processorAwareAt, toldUsAt time.Time, contractHours int) bool {
	var h *int
	if contractHours > 0 {
		h = &contractHours
	}
	return !toldUsAt.After(ControllerDeadline(processorAwareAt, h, 0))
}

// AuthorityDue is the end of the AuthorityHours to notify the AP, or nil
// before awareness. A processor has no AP deadline: it tells the
// controller (art. 33(2)), whose hours to the AP are its own.
func (inc *Incident) AuthorityDue() *time.Time {
	if inc.AwareAt == nil || inc.Role == Processor {
		return nil
	}
	t := AuthorityDeadline(*inc.AwareAt)
	return &t
}
