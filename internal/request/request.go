// Package request handles requests of data subjects (arts. 12-22 AVG):
// what was asked, by whom, whether their identity was checked, and the
// one-month period of art. 12(3), counted per Regulation 1182/71.
package request

import "time"

// Right is the right a data subject invokes.
type Right string

const (
	Access             Right = "access"        // art. 15, inzage
	Rectification      Right = "rectification" // art. 16
	Erasure            Right = "erasure"       // art. 17
	Restriction        Right = "restriction"   // art. 18
	Portability        Right = "portability"   // art. 20
	Objection          Right = "objection"     // art. 21
	AutomatedDecisions Right = "automated"     // art. 22
)

// Rights in article order.
var Rights = []Right{Access, Rectification, Erasure, Restriction, Portability, Objection, AutomatedDecisions}

// Article returns the AVG article of a right, 0 when unknown.
func (r Right) Article() int {
	return map[Right]int{Access: 15, Rectification: 16, Erasure: 17, Restriction: 18, Portability: 20, Objection: 21, AutomatedDecisions: 22}[r]
}

// Channel is how the request came in. Any channel is valid: the AVG
// prescribes no form.
type Channel string

const (
	ByEmail    Channel = "email"
	ByLetter   Channel = "letter"
	ByWebForm  Channel = "web_form"
	InPerson   Channel = "in_person"
	ByPhone    Channel = "phone"
	OtherRoute Channel = "other"
)

// State is where the request stands.
type State string

const (
	Received         State = "received"
	IdentityCheck    State = "identity_check"
	InProgress       State = "in_progress"
	Extended         State = "extended"
	Answered         State = "answered"
	Refused          State = "refused"
	PartiallyRefused State = "partially_refused"
	Closed           State = "closed"
)

// OpenStates are the states in which the deadline still runs; ClosedStates
// those in which the request has been dealt with. Together they are every
// state; the store builds its queries from OpenStates.
var (
	OpenStates   = []State{Received, IdentityCheck, InProgress, Extended}
	ClosedStates = []State{Answered, Refused, PartiallyRefused, Closed}
	States       = append(append([]State{}, OpenStates...), ClosedStates...)
)

// Open reports whether the deadline of a request in state s still runs.
func (s State) Open() bool { return states[s] && !closedStates[s] }

// Requester is the person asking, or whoever acts for them.
type Requester struct {
	Name, Email, Phone, Address string
	OnBehalfOf                  string // a parent, guardian or lawyer acting for the data subject
}

// IdentityMethod is how identity was verified (art. 12(6)). Keep no copy
// of an identity document: seeing it is enough.
type IdentityMethod string

const (
	IDShown      IdentityMethod = "id_shown"      // document shown at the desk or in a video call
	KnownContact IdentityMethod = "known_contact" // request from an address or account already on file
	LoggedIn     IdentityMethod = "logged_in"     // made while logged in to the organisation's service
	OtherMethod  IdentityMethod = "other"
)

// Identity records the identity check.
type Identity struct {
	Method IdentityMethod
	By     string // who checked
	At     *time.Time
	Note   string
}

// Request is one request of a data subject.
type Request struct {
	ID          int64
	Reference   string
	Rights      []Right
	Channel     Channel
	ReceivedAt  time.Time
	Requester   Requester
	Identity    Identity
	ActivityIDs []int64 // processing activities concerned
	Description string
	State       State
	DueAt       time.Time // end of the period, see Due and Extend
	Extension   *Extension
	Refusal     *Refusal
	AnsweredAt  *time.Time
	ClosedAt    *time.Time
}

// Extension records the art. 12(3) extension by two months.
type Extension struct {
	At     time.Time // when it was recorded and the requester told
	Reason string
	// FirstDue is the end of the first month, which still binds a refusal
	// (art. 12(4)); zero in extensions recorded before it was kept.
	FirstDue time.Time
}
