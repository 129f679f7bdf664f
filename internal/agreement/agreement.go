// Package agreement holds processor agreements (AVG art. 28), the parties
// they are made with and their sub-processors, as data: the terms use the
// vocabulary of reference/contract-analysis.md (the same JSON names the
// analyser in internal/contract produces), so one agreement can be
// analysed, stored, compared, exported and warned about with one set of
// field names. No SQL, no HTTP.
package agreement

import (
	"time"

	"privacyregister/internal/contract"
	"privacyregister/internal/country"
)

// OurRole is which side of the agreement this organisation is on.
type OurRole string

const (
	RoleController      OurRole = "controller"       // we engage the processor
	RoleProcessor       OurRole = "processor"        // we process for a customer
	RoleJointController OurRole = "joint_controller" // art. 26 arrangement
)

// Type is the kind of document.
type Type string

const (
	TypeDPA      Type = "verwerkersovereenkomst"
	TypeWbp      Type = "bewerkersovereenkomst" // Wbp era, outdated
	TypeCovenant Type = "covenant_model"        // model of the education covenant, with privacy bijsluiter
	TypeSCC      Type = "scc"                   // standard contractual clauses
	TypeJoint    Type = "joint_arrangement"     // art. 26
	TypeOther    Type = "other"
)

// Types in the order forms show them.
var Types = []Type{TypeDPA, TypeWbp, TypeCovenant, TypeSCC, TypeJoint, TypeOther}

// Status is how far the agreement has come.
type Status string

const (
	StatusNone        Status = "none"
	StatusDraftSent   Status = "draft_sent" // concept verstuurd
	StatusNegotiating Status = "negotiating"
	StatusSigned      Status = "signed"
	StatusEnded       Status = "ended"
	StatusNotNeeded   Status = "not_needed"
)

// Statuses in their usual order.
var Statuses = []Status{StatusNone, StatusDraftSent, StatusNegotiating, StatusSigned, StatusEnded, StatusNotNeeded}

// Roles in form order.
var Roles = []OurRole{RoleController, RoleProcessor, RoleJointController}

// Agreement is one processor agreement (or art. 26 arrangement) and its terms.
type Agreement struct {
	ID            int64         `json:"id"`
	OrgID         int64         `json:"org_id"`
	Title         string        `json:"title"`
	PartyID       *int64        `json:"party_id"`
	PartyName     string        `json:"party_name"` // read only, from the party
	OurRole       OurRole       `json:"our_role"`
	Type          Type          `json:"type"`
	Version       string        `json:"version"`
	SignedOn      *time.Time    `json:"signed_on"`
	MainAgreement string        `json:"main_agreement"`
	StartsOn      *time.Time    `json:"starts_on"`
	EndsOn        *time.Time    `json:"ends_on"` // nil: as long as the main agreement
	Status        Status        `json:"status"`
	StatusHistory []StatusEvent `json:"status_history"`
	Signatories   []Signatory   `json:"signatories"`
	// Annex 1: what is processed, per service or operation.
	Annex1      []AnnexRow   `json:"annex1"`
	StaffGroups []StaffGroup `json:"staff_groups"`
	// Annex 2: security measures (ids of the organisation's catalogue) and
	// the reporting agreed on them.
	MeasureIDs        []int64 `json:"measure_ids"`
	SecurityMeasures  string  `json:"security_measures"`
	SecurityReporting string  `json:"security_reporting"`
	Terms             Terms   `json:"terms"`
	Notes             string  `json:"notes"`
	// ProcessorUsesOwnSCC etc. are terms; see Terms.
	LastReviewedAt *time.Time `json:"last_reviewed_at"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// StatusEvent records when the status changed.
type StatusEvent struct {
	Status Status    `json:"status"`
	At     time.Time `json:"at"`
}

// StatusAt is the agreement's status at t, from its history, and false
// when it did not exist yet (made later). An agreement without history
// (recorded before it was kept) has its present status since it was made.
func (a *Agreement) StatusAt(t time.Time) (Status, bool) {
	if a.CreatedAt.After(t) {
		return "", false
	}
	st, ok := a.Status, len(a.StatusHistory) == 0
	for _, e := range a.StatusHistory {
		if e.At.After(t) {
			break
		}
		st, ok = e.Status, true
	}
	return st, ok
}

// Signatory is one person who signed (seed 002: name, function, date, place).
type Signatory struct {
	Party    string     `json:"party"`
	Name     string     `json:"name"`
	Function string     `json:"function"`
	Date     *time.Time `json:"date"`
	Place    string     `json:"place"`
}

// AnnexRow is one service or processing operation of annex 1.
type AnnexRow struct {
	Service           string   `json:"service"`
	Description       string   `json:"description"`
	Nature            string   `json:"nature"`
	DataCategories    []string `json:"data_categories"`
	SubjectCategories []string `json:"subject_categories"`
	Purposes          []string `json:"purposes"`
	Countries         []string `json:"countries"`
	Retention         string   `json:"retention"`
	Optional          bool     `json:"optional"` // optional rather than core service (seed 004)
}

// StaffGroup is a group of the processor's staff and what it may do.
type StaffGroup struct {
	Group      string `json:"group"`
	Operations string `json:"operations"`
}

// Terms are the agreement's terms under the field names of
// reference/contract-analysis.md, with a few extra fields of the record.
type Terms struct {
	Language                      string                      `json:"language"`
	Law                           string                      `json:"law"` // avg | wbp
	Parties                       contract.Parties            `json:"parties"`
	BreachNotification            contract.BreachNotification `json:"breach_notification"`
	SubprocessorNotificationHours *int                        `json:"subprocessor_notification_hours"`
	Subprocessors                 Subprocessors               `json:"subprocessors"`
	DataLocation                  string                      `json:"data_location"`
	Audit                         contract.Audit              `json:"audit"`
	EndOfContract                 string                      `json:"end_of_contract"`
	LiabilityCapEUR               *float64                    `json:"liability_cap_eur"`
	PenaltyEUR                    *float64                    `json:"penalty_eur"`
	GoverningLaw                  *string                     `json:"governing_law"`
	Art28                         map[string]contract.Element `json:"art28"`
	Flags                         []string                    `json:"flags"`

	// Extra fields of the record.
	Forum                       string `json:"forum"`
	EndFormat                   string `json:"end_format"`
	EndDeadlineDays             *int   `json:"end_deadline_days"`
	DestructionConfirmation     bool   `json:"destruction_confirmation"`
	UnilateralChangeNoticeDays  *int   `json:"unilateral_change_notice_days"`
	BreachRecordRetentionMonths *int   `json:"breach_record_retention_months"`
}

// Subprocessors is the sub-processor regime and the authorised list.
type Subprocessors struct {
	Regime        string              `json:"regime"`
	ObjectionDays *int                `json:"objection_days"`
	Named         []Subprocessor      `json:"named"`
	Evidence      []contract.Evidence `json:"evidence"`
}

// Subprocessor is one authorised sub-processor. Name, location and country
// are the analysis' fields; the rest belongs to the record.
type Subprocessor struct {
	Name      string        `json:"name"`
	Location  *string       `json:"location"`
	Country   *string       `json:"country"` // ISO 3166-1 alpha-2
	Class     country.Class `json:"class"`   // computed from Country
	Service   string        `json:"service"`
	Data      string        `json:"data"`
	Since     *time.Time    `json:"since"`
	Safeguard string        `json:"safeguard"` // SCC, BCR, DPF certification ... for third countries
}

// Party is a counterparty: a processor, a sub-processor or a controller.
type Party struct {
	ID             int64           `json:"id"`
	OrgID          int64           `json:"org_id"`
	Name           string          `json:"name"`
	Kind           PartyKind       `json:"kind"`
	KvK            string          `json:"kvk"`
	Address        string          `json:"address"`
	Country        string          `json:"country"` // ISO code
	Contacts       []Contact       `json:"contacts"`
	Certifications []Certification `json:"certifications"`
	Notes          string          `json:"notes"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
}

// PartyKind is what a party is to the organisation.
type PartyKind string

const (
	KindProcessor    PartyKind = "processor"
	KindSubprocessor PartyKind = "subprocessor"
	KindController   PartyKind = "controller"
)

// PartyKinds in form order.
var PartyKinds = []PartyKind{KindProcessor, KindSubprocessor, KindController}

// Contact is a person at a party: account manager, DPO, breach contact.
type Contact struct {
	Role  string `json:"role"` // account_manager | dpo | breach | other
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// ContactRoles in form order.
var ContactRoles = []string{"account_manager", "dpo", "breach", "other"}

// Certification is a certificate or assurance report (ISO 27001, NEN 7510,
// TPM, ISAE 3402, SOC 2) with its validity.
type Certification struct {
	Name     string     `json:"name"`
	Issuer   string     `json:"issuer"`
	IssuedOn *time.Time `json:"issued_on"`
	Expires  *time.Time `json:"expires"`
}

// NewTerms returns terms that say nothing yet: every enum "not addressed".
func NewTerms() Terms {
	t := Terms{Language: "nl", Law: "avg", DataLocation: contract.NotAddressed, EndOfContract: contract.NotAddressed,
		Art28: map[string]contract.Element{}}
	t.Subprocessors.Regime = contract.NotAddressed
	t.Audit.Cost = contract.CostNotStated
	for _, l := range contract.Art28Letters {
		t.Art28[l] = contract.Element{}
	}
	return t
}

// TermsFromAnalysis takes the terms of an analysed text.
func TermsFromAnalysis(a *contract.Analysis) Terms {
	t := NewTerms()
	t.Language, t.Law, t.Parties = a.Language, a.Law, a.Parties
	t.BreachNotification = a.BreachNotification
	t.SubprocessorNotificationHours = a.SubprocessorNotificationHours
	t.Subprocessors.Regime, t.Subprocessors.ObjectionDays, t.Subprocessors.Evidence = a.Subprocessors.Regime, a.Subprocessors.ObjectionDays, a.Subprocessors.Evidence
	for _, n := range a.Subprocessors.Named {
		t.Subprocessors.Named = append(t.Subprocessors.Named, Subprocessor{Name: n.Name, Location: n.Location, Country: n.Country})
	}
	t.DataLocation, t.Audit, t.EndOfContract = a.DataLocation, a.Audit, a.EndOfContract
	t.LiabilityCapEUR, t.PenaltyEUR, t.GoverningLaw = a.LiabilityCapEUR, a.PenaltyEUR, a.GoverningLaw
	for k, v := range a.Art28 {
		t.Art28[k] = v
	}
	t.Flags = append([]string(nil), a.Flags...)
	return t
}

// HasFlag reports whether the terms carry a flag of the reference.
func (t Terms) HasFlag(f string) bool {
	for _, x := range t.Flags {
		if x == f {
			return true
		}
	}
	return false
}

// SetFlag adds or removes a flag.
func (t *Terms) SetFlag(f string, on bool) {
	out := t.Flags[:0:0]
	for _, x := range t.Flags {
		if x != f {
			out = append(out, x)
		}
	}
	if on {
		out = append(out, f)
	}
	t.Flags = out
}

// Classify fills each sub-processor's country class from the country data.
func (t *Terms) Classify() {
	for i := range t.Subprocessors.Named {
		s := &t.Subprocessors.Named[i]
		s.Class = ""
		if s.Country != nil && *s.Country != "" {
			s.Class = country.Classify(*s.Country)
		}
	}
}
