package request

import (
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
)

// New starts a request received at receivedAt, with its one-month due date.
func New(receivedAt time.Time, rights []Right, cal *deadline.Calendar) Request {
	return Request{ReceivedAt: receivedAt.UTC(), Rights: rights, State: Received, DueAt: Due(receivedAt, cal)}
}

// next lists the moves a request may make; Extended is reached only through
// Extend, which checks the art. 12(3) conditions.
var next = map[State][]State{
	Received:         {IdentityCheck, InProgress, Answered, Refused, PartiallyRefused},
	IdentityCheck:    {InProgress, Answered, Refused, PartiallyRefused},
	InProgress:       {Answered, Refused, PartiallyRefused},
	Extended:         {InProgress, Answered, Refused, PartiallyRefused},
	Answered:         {Closed},
	Refused:          {Closed},
	PartiallyRefused: {Closed},
}

// Transition moves req to state to at time at. A refusal needs its ground
// recorded first (art. 12(4): the person must be told why).
func Transition(req *Request, to State, at time.Time) error {
	allowed := false
	for _, s := range next[req.State] {
		allowed = allowed || s == to
	}
	if !allowed {
		return apperr.New(apperr.Conflict, "A request cannot go from %s to %s.", req.State, to)
	}
	if (to == Refused || to == PartiallyRefused) && req.Refusal == nil {
		return apperr.Invalidf("refusal.ground", "Give the ground for refusing.")
	}
	switch to {
	case Answered, Refused, PartiallyRefused:
		t := at.UTC()
		req.AnsweredAt = &t
	case Closed:
		t := at.UTC()
		req.ClosedAt = &t
	}
	req.State = to
	return nil
}

// Late reports whether the request was answered after its due date, or is
// still open past it at now. A refusal is late after the first month even
// when the period was extended: art. 12(4) wants the reasons for not acting
// within one month of receipt, whatever the extension.
func Late(req Request, now time.Time) bool {
	if req.AnsweredAt != nil {
		due := req.DueAt
		if req.Refusal != nil {
			due = RefusalDue(req)
		}
		return req.AnsweredAt.After(due)
	}
	return !closedStates[req.State] && now.After(req.DueAt)
}

// RefusalDue is the end of the period in which a refusal must be sent: the
// first month after receipt (art. 12(4)), not moved by an extension.
func RefusalDue(req Request) time.Time {
	if req.Extension == nil {
		return req.DueAt
	}
	if !req.Extension.FirstDue.IsZero() {
		return req.Extension.FirstDue
	}
	// Recorded before the first month's end was kept: counted without any
	// decree days, which can only make it earlier, the safe side.
	return deadline.AddMonths(req.ReceivedAt, 1, nil)
}
