package request

import (
	"fmt"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/textcheck"
)

func set[T comparable](vs ...T) map[T]bool {
	m := make(map[T]bool, len(vs))
	for _, v := range vs {
		m[v] = true
	}
	return m
}

var (
	rights       = set(Rights...)
	channels     = set(ByEmail, ByLetter, ByWebForm, InPerson, ByPhone, OtherRoute)
	states       = set(States...)
	methods      = set(IDShown, KnownContact, LoggedIn, OtherMethod)
	grounds      = set(ManifestlyUnfounded, Excessive, IdentityNotEstablished, UAVG41)
	interests    = set(Interests...)
	closedStates = set(ClosedStates...)
)

// Validate checks a request as of now and returns an apperr.List naming
// every bad field, or nil.
func Validate(req *Request, now time.Time) error {
	errs := textcheck.Struct(req, textcheck.Common)
	add := func(field, msg string, args ...any) { errs = append(errs, apperr.Invalidf(field, msg, args...)) }
	if len(req.Rights) == 0 {
		add("rights", "Say which right the request invokes.")
	}
	for i, r := range req.Rights {
		if !rights[r] {
			add(fmt.Sprintf("rights[%d]", i), "Unknown right %q.", r)
		}
	}
	if req.Channel != "" && !channels[req.Channel] {
		add("channel", "Unknown channel %q.", req.Channel)
	}
	if req.State != "" && !states[req.State] {
		add("state", "Unknown state %q.", req.State)
	}
	switch {
	case req.ReceivedAt.IsZero():
		add("received_at", "Say when the request was received.")
	case req.ReceivedAt.After(now):
		add("received_at", "The date of receipt cannot lie in the future.")
	}
	r := req.Requester
	if strings.TrimSpace(r.Name) == "" && strings.TrimSpace(r.Email) == "" && strings.TrimSpace(r.Address) == "" && strings.TrimSpace(r.Phone) == "" {
		add("requester", "Record who made the request and how to reach them.")
	}
	id := req.Identity
	if id.Method != "" {
		if !methods[id.Method] {
			add("identity.method", "Unknown identity check %q.", id.Method)
		}
		if strings.TrimSpace(id.By) == "" {
			add("identity.by", "Record who checked the identity.")
		}
	}
	if id.At != nil && !req.ReceivedAt.IsZero() && id.At.Before(req.ReceivedAt) {
		add("identity.at", "The identity check cannot precede the request.")
	}
	if (req.State == Answered || req.State == PartiallyRefused) && req.AnsweredAt == nil {
		add("answered_at", "Record when the request was answered.")
	}
	if req.AnsweredAt != nil && !req.ReceivedAt.IsZero() && req.AnsweredAt.Before(req.ReceivedAt) {
		add("answered_at", "The answer cannot precede the request.")
	}
	if req.State == Extended && req.Extension == nil {
		add("extension", "An extended request needs the extension's date and reasons.")
	}
	if req.State == Refused || req.State == PartiallyRefused {
		if req.Refusal == nil {
			add("refusal.ground", "Give the ground for refusing.")
		}
	}
	if f := req.Refusal; f != nil {
		switch {
		case !grounds[f.Ground]:
			add("refusal.ground", "Unknown ground %q.", f.Ground)
		case f.Ground == UAVG41 && !interests[f.Interest]:
			add("refusal.interest", "Name the interest of art. 41(1) UAVG (a to j) that the refusal protects.")
		}
		if strings.TrimSpace(f.Explanation) == "" {
			add("refusal.explanation", "Explain the refusal to the requester (art. 12(4)).")
		}
	}
	return errs.Err()
}
