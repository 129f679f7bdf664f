// Package govrequest is the processor's record of a request or order of a
// supervisor, government body, investigation, prosecution or
// national-security body, Dutch or foreign, to provide (access to)
// personal data it processes for a controller. The clause it keeps is the
// "opsporingsverzoeken" article of Dutch processor agreements (seed 001,
// art. 9):
//
//   - 9.1: the processor tells the controller without delay ("onverwijld")
//     and follows its instructions;
//   - 9.2: when it is forbidden to tell (a gag), it has the legal position
//     checked (a), cooperates only when legally obliged and objects where it
//     can (b), provides no more data than strictly necessary (c), and tells
//     the controller as soon as it may (e);
//   - 9.3: a processor that discloses without the controller's substantive
//     involvement counts as controller itself.
//
// "Without delay" is judged against a target in hours, the same one the
// organisation uses for breaches (incident.DefaultWithoutDelayHours).
// No SQL and no HTTP here: the store keeps requests, the web and API show
// them.
package govrequest

import (
	"time"

	"privacyregister/internal/incident"
)

// DefaultTellHours is the target for telling the controller "onverwijld":
// the breach register's target for "without undue delay", so one
// organisation does not keep two meanings of the same word.
const DefaultTellHours = incident.DefaultWithoutDelayHours

// AuthorityKind is what kind of body asks (the list of art. 9.1).
type AuthorityKind string

const (
	Supervisor       AuthorityKind = "supervisor"        // toezichthouder
	Government       AuthorityKind = "government"        // overheidsinstantie
	Investigation    AuthorityKind = "investigation"     // opsporingsinstantie (police, FIOD)
	Prosecution      AuthorityKind = "prosecution"       // strafvorderingsinstantie (OM)
	NationalSecurity AuthorityKind = "national_security" // nationale veiligheid (AIVD, MIVD)
	Foreign          AuthorityKind = "foreign"           // a foreign body of any kind
)

// Kinds in the order the form lists them.
var Kinds = []AuthorityKind{Supervisor, Government, Investigation, Prosecution, NationalSecurity, Foreign}

// Decision is what the processor did with the request.
type Decision string

const (
	Pending  Decision = "pending"
	Complied Decision = "complied"
	Partly   Decision = "partly"   // part of what was asked was provided
	Refused  Decision = "refused"  // not legally obliged: nothing provided
	Objected Decision = "objected" // objection lodged (9.2b), nothing provided yet
)

// Decisions in the order the form lists them.
var Decisions = []Decision{Pending, Complied, Partly, Refused, Objected}

// Disclosed reports whether data left the processor on this decision.
func (d Decision) Disclosed() bool { return d == Complied || d == Partly }

// Request is one request or order, recorded by the processor for the data
// it holds for one controller: AgreementID is the processor's agreement
// with that controller.
type Request struct {
	ID            int64         `json:"id"`
	AgreementID   int64         `json:"agreement_id"`
	Authority     string        `json:"authority"`
	AuthorityKind AuthorityKind `json:"authority_kind"`
	LegalBasis    string        `json:"legal_basis"` // as the body gives it, e.g. "art. 126nd Sv"
	ReceivedAt    time.Time     `json:"received_at"`
	DataAsked     string        `json:"data_asked"`
	Decision      Decision      `json:"decision"`
	// ToldAt is when the controller was told (9.1).
	ToldAt *time.Time `json:"told_at"`
	// Gag: the processor is forbidden to tell (9.2); GagLiftedAt when
	// that ended, after which the controller must be told (9.2e).
	Gag         bool       `json:"gag"`
	GagReason   string     `json:"gag_reason"`
	GagLiftedAt *time.Time `json:"gag_lifted_at"`
	// LegalCheckAt is when the legal check of 9.2a was done, with its
	// outcome in LegalCheckNote.
	LegalCheckAt   *time.Time `json:"legal_check_at"`
	LegalCheckNote string     `json:"legal_check_note"`
	// Provided is what was handed over, AnsweredAt when; NecessityNote
	// why no more than that was strictly necessary (9.2c).
	Provided      string     `json:"provided"`
	AnsweredAt    *time.Time `json:"answered_at"`
	NecessityNote string     `json:"necessity_note"`
}

// Gagged reports whether the processor is, as of now, forbidden to tell.
func (r *Request) Gagged() bool { return r.Gag && r.GagLiftedAt == nil }

// TellBy is when the controller must have been told: the target after
// receipt, or after the gag was lifted (9.2e: as soon as it is allowed).
// Zero while the gag holds.
func (r *Request) TellBy(hours int) time.Time {
	if r.Gagged() {
		return time.Time{}
	}
	if hours <= 0 {
		hours = DefaultTellHours
	}
	from := r.ReceivedAt
	if r.Gag && r.GagLiftedAt != nil {
		from = *r.GagLiftedAt
	}
	return from.Add(time.Duration(hours) * time.Hour)
}

// Overdue reports whether the controller should have been told by now and
// was not. A request under a gag is never overdue.
func (r *Request) Overdue(now time.Time, hours int) bool {
	return r.ToldAt == nil && !r.Gagged() && now.After(r.TellBy(hours))
}

// NeedsLegalCheck reports a gag in force without the legal check of 9.2a.
func (r *Request) NeedsLegalCheck() bool { return r.Gagged() && r.LegalCheckAt == nil }

// ActsAsController reports 9.3: data was provided without the controller
// having been told before the answer, so without its substantive
// involvement; the processor then counts as controller for it.
func (r *Request) ActsAsController() bool {
	if !r.Decision.Disclosed() {
		return false
	}
	return r.ToldAt == nil || (r.AnsweredAt != nil && r.AnsweredAt.Before(*r.ToldAt))
}

// Status is the one word the lists show.
type Status string

const (
	StatusTold       Status = "told"        // the controller knows
	StatusToTell     Status = "to_tell"     // still within the target
	StatusOverdue    Status = "overdue"     // past the target, not told
	StatusGagCheck   Status = "gag_check"   // gag: legal check required (9.2a)
	StatusGagChecked Status = "gag_checked" // gag, legal check done
)

// StatusAt is the request's status at now against the target in hours.
func (r *Request) StatusAt(now time.Time, hours int) Status {
	switch {
	case r.ToldAt != nil:
		return StatusTold
	case r.NeedsLegalCheck():
		return StatusGagCheck
	case r.Gagged():
		return StatusGagChecked
	case r.Overdue(now, hours):
		return StatusOverdue
	}
	return StatusToTell
}
