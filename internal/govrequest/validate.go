package govrequest

import (
	"slices"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/textcheck"
)

// limits let the descriptive fields hold running text.
var limits = textcheck.Common.With(textcheck.Limits{"data_asked": textcheck.Long, "gag_reason": textcheck.Long,
	"legal_check_note": textcheck.Long, "provided": textcheck.Long, "necessity_note": textcheck.Long, "legal_basis": textcheck.Short,
	"authority": textcheck.Short})

// Validate checks a request as of now and returns an apperr.List naming
// every bad field, or nil. An empty decision becomes Pending.
func Validate(r *Request, now time.Time) error {
	errs := textcheck.Struct(r, limits)
	add := func(field, msg string, args ...any) { errs = append(errs, apperr.Invalidf(field, msg, args...)) }
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	if r.Decision == "" {
		r.Decision = Pending
	}
	if r.AgreementID <= 0 {
		add("agreement_id", "Choose the agreement with the customer whose data is asked for.")
	}
	if blank(r.Authority) {
		add("authority", "Name the authority that made the request.")
	}
	if !slices.Contains(Kinds, r.AuthorityKind) {
		add("authority_kind", "Choose the kind of authority.")
	}
	if blank(r.DataAsked) {
		add("data_asked", "Describe the personal data asked for.")
	}
	if !slices.Contains(Decisions, r.Decision) {
		add("decision", "Unknown decision %q.", r.Decision)
	}
	received := !r.ReceivedAt.IsZero()
	switch {
	case !received:
		add("received_at", "Say when the request was received.")
	case r.ReceivedAt.After(now):
		add("received_at", "The date of receipt cannot lie in the future.")
	}
	// Every later moment lies between receipt and now.
	for _, m := range []struct {
		field string
		at    *time.Time
	}{{"told_at", r.ToldAt}, {"gag_lifted_at", r.GagLiftedAt}, {"legal_check_at", r.LegalCheckAt}, {"answered_at", r.AnsweredAt}} {
		switch {
		case m.at == nil:
		case received && m.at.Before(r.ReceivedAt):
			add(m.field, "This cannot precede the request.")
		case m.at.After(now):
			add(m.field, "This cannot lie in the future.")
		}
	}
	if r.Gag {
		if blank(r.GagReason) {
			add("gag_reason", "Say what forbids telling the controller (art. 9.2).")
		}
		if r.Gagged() && r.ToldAt != nil {
			add("told_at", "Under a gag the controller cannot have been told; record when the gag was lifted.")
		}
	} else if r.GagLiftedAt != nil {
		add("gag_lifted_at", "Only a gag can be lifted.")
	}
	if r.Decision.Disclosed() {
		if r.AnsweredAt == nil {
			add("answered_at", "Record when the data was provided.")
		}
		if blank(r.Provided) {
			add("provided", "Describe what was provided.")
		}
		// 9.2b and c: under a gag, only a legal obligation established
		// by the check allows cooperation, and only what is strictly
		// necessary.
		if r.Gag && r.LegalCheckAt == nil {
			add("legal_check_at", "Under a gag, provide data only after the legal check established the obligation (art. 9.2a and b).")
		}
		if r.Gag && blank(r.NecessityNote) {
			add("necessity_note", "Explain why what was provided was strictly necessary (art. 9.2c).")
		}
	}
	return errs.Err()
}
