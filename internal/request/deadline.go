package request

import (
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
)

// Due is the end of the one-month period of art. 12(3) for a request
// received at receivedAt.
func Due(receivedAt time.Time, cal *deadline.Calendar) time.Time {
	return deadline.AddMonths(receivedAt, 1, cal)
}

// StrictDue is the end of the one-month period counted without Good Friday
// and the decree days (deadline.Strict): never later than Due, earlier when
// the month ends on one of those days. Later is the unsafe direction, so
// the pages show it beside Due when the two differ.
func StrictDue(receivedAt time.Time) time.Time {
	return deadline.AddMonths(receivedAt, 1, deadline.Strict())
}

// ExtendedDue is the end of the extended period: one month plus two
// further months is three months from receipt, counted the same way.
func ExtendedDue(receivedAt time.Time, cal *deadline.Calendar) time.Time {
	return deadline.AddMonths(receivedAt, 3, cal)
}

// Extend records an extension by two months (art. 12(3)): allowed for
// complex or numerous requests, only once, only with reasons, and only
// when the requester is told within the first month. It sets the new due
// date and the state Extended.
func Extend(req *Request, at time.Time, reason string, cal *deadline.Calendar) error {
	switch {
	case req.Extension != nil:
		return apperr.New(apperr.Conflict, "The request has already been extended.")
	case closedStates[req.State]:
		return apperr.New(apperr.Conflict, "A request that has been answered or closed cannot be extended.")
	case strings.TrimSpace(reason) == "":
		return apperr.Invalidf("extension.reason", "Give the reasons for the extension (art. 12(3)).")
	case at.Before(req.ReceivedAt):
		return apperr.Invalidf("extension.at", "The extension cannot precede the request.")
	case at.After(Due(req.ReceivedAt, cal)):
		return apperr.Invalidf("extension.at", "An extension must be announced within one month of receipt (art. 12(3)); that month ended on %s.",
			deadline.DueDate(Due(req.ReceivedAt, cal)).Format("02-01-2006"))
	}
	req.Extension = &Extension{At: at.UTC(), Reason: strings.TrimSpace(reason), FirstDue: Due(req.ReceivedAt, cal)}
	req.DueAt = ExtendedDue(req.ReceivedAt, cal)
	req.State = Extended
	return nil
}
