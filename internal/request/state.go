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
// still open past it at now.
func Late(req Request, now time.Time) bool {
	if req.AnsweredAt != nil {
		return req.AnsweredAt.After(req.DueAt)
	}
	return !closedStates[req.State] && now.After(req.DueAt)
}
