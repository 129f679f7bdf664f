// Package register holds the register of processing activities (AVG art. 30):
// plain types, validation, the art. 30(5) exemption check, review dates, and
// import/export of the spreadsheets organisations keep it in. No SQL, no HTTP:
// the store and the web layer build on these types.
package register

import (
	"time"

	"privacyregister/internal/country"
)

// Status is where an activity is in its life cycle.
type Status string

const (
	StatusConcept     Status = "concept"
	StatusInReview    Status = "in_review"
	StatusEstablished Status = "established" // vastgesteld
	StatusRetired     Status = "retired"     // vervallen
)

// LawfulBasis is a letter of art. 6(1): a consent, b contract, c legal
// obligation, d vital interests, e public task, f legitimate interests.
type LawfulBasis string

// SpecialException is a letter a-j of art. 9(2), needed to process special
// categories of data at all.
type SpecialException string

// DataKind marks data the AVG or UAVG treats differently.
type DataKind string

const (
	KindOrdinary    DataKind = "ordinary"
	KindSpecial     DataKind = "special"  // art. 9(1)
	KindCriminal    DataKind = "criminal" // art. 10
	KindBSN         DataKind = "bsn"      // UAVG art. 46
	KindFinancial   DataKind = "financial"
	KindCredentials DataKind = "credentials"
)

// Unit of a retention period.
type Unit string

const (
	Days   Unit = "days"
	Weeks  Unit = "weeks"
	Months Unit = "months"
	Years  Unit = "years"
)

// AgreementStatus is how far the processor agreement (art. 28) has come.
type AgreementStatus string

const (
	AgreementNone        AgreementStatus = "none"
	AgreementDraftSent   AgreementStatus = "draft_sent" // concept verstuurd
	AgreementNegotiating AgreementStatus = "negotiating"
	AgreementSigned      AgreementStatus = "signed"
	AgreementNotNeeded   AgreementStatus = "not_needed"
)

// DPIA says whether a DPIA (art. 35) is needed.
type DPIA string

const (
	DPIAYes      DPIA = "yes"
	DPIANo       DPIA = "no"
	DPIAToAssess DPIA = "to_assess"
)

// MeasureKind splits art. 32 measures.
type MeasureKind string

const (
	Technical      MeasureKind = "technical"
	Organisational MeasureKind = "organisational"
)

// Activity is one processing activity of a controller (art. 30(1)).
type Activity struct {
	ID         int64  `json:"id"`
	OrgID      int64  `json:"org_id"`
	Code       string `json:"code"` // the organisation's number, e.g. "12" or "2.2.1"
	Name       string `json:"name"`
	Department string `json:"department"`
	Domain     string `json:"domain"` // e.g. "Intern" / "Extern"
	Owner      string `json:"owner"`  // who answers for it ("Wie")
	Contact    string `json:"contact"`
	Status     Status `json:"status"`

	Description       string         `json:"description"`
	Purposes          []Purpose      `json:"purposes"`
	SubjectCategories []string       `json:"subject_categories"`
	DataCategories    []DataCategory `json:"data_categories"`
	// Retention is the period for the activity as a whole, when the register
	// gives one rather than one per data category (as most spreadsheets do).
	Retention     Retention `json:"retention"`
	CleanupMoment string    `json:"cleanup_moment"` // e.g. "jaarlijks januari-februari"

	Systems          []string          `json:"systems"`
	Processors       []ProcessorRef    `json:"processors"`
	Recipients       []string          `json:"recipients"`
	Transfers        []Transfer        `json:"transfers"`
	MeasureIDs       []int64           `json:"measure_ids"`
	RiskAnalysisDone *bool             `json:"risk_analysis_done"`
	DPIANeeded       DPIA              `json:"dpia_needed"`
	DPIARef          string            `json:"dpia_ref"`
	ConsentRecords   string            `json:"consent_records"`
	JointControllers []JointController `json:"joint_controllers"`
	OptInMail        string            `json:"opt_in_mail"`
	InEU             string            `json:"in_eu"`
	// Occasional is true only when the user states the processing is
	// occasional; registers rarely hold such processing (art. 30(5)).
	Occasional bool `json:"occasional"`
	// Extra keeps every imported column the model has no field for, under
	// its original header, so an import loses nothing.
	Extra map[string]string `json:"extra"`

	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	LastReviewedAt *time.Time `json:"last_reviewed_at"`
	LastReviewedBy string     `json:"last_reviewed_by"`
	NextReviewAt   *time.Time `json:"next_review_at"`
}

// Purpose is one purpose with its lawful basis.
type Purpose struct {
	Description      string           `json:"description"`
	LawfulBasis      LawfulBasis      `json:"lawful_basis"`
	SpecialException SpecialException `json:"special_exception"`
}

// DataCategory is a category of personal data with its retention.
type DataCategory struct {
	Name      string    `json:"name"`
	Kind      DataKind  `json:"kind"`
	Retention Retention `json:"retention"`
}

// Retention is an erasure time limit (art. 30(1)(f)). Amount and Unit hold
// it when it is a clear period; Text holds what could not be read as one.
type Retention struct {
	Amount     int    `json:"amount"`
	Unit       Unit   `json:"unit"`
	StartEvent string `json:"start_event"` // "einde lidmaatschap"
	Text       string `json:"text"`
}

// IsZero reports whether no retention was given.
func (r Retention) IsZero() bool { return r == Retention{} }

// ProcessorRef names a processor the activity uses and its agreement.
type ProcessorRef struct {
	Name            string          `json:"name"`
	AgreementStatus AgreementStatus `json:"agreement_status"`
	// AgreementWith is the party the agreement is with when that is not the
	// processor itself (e.g. a service centre signing for its members).
	AgreementWith string `json:"agreement_with"`
	Note          string `json:"note"` // the status as the user wrote it, when it said more
	AgreementID   *int64 `json:"agreement_id"`
}

// Transfer is a transfer outside the EEA or to an adequate country.
type Transfer struct {
	Country   string        `json:"country"` // ISO 3166-1 alpha-2
	Class     country.Class `json:"class"`
	Safeguard string        `json:"safeguard"` // SCCs, BCRs, DPF certification, ...
}

// JointController is a party that decides with us (art. 26).
type JointController struct {
	Name        string `json:"name"`
	Arrangement string `json:"arrangement"`
}

// Measure is an entry of the organisation's catalogue of security measures
// (art. 32), linked from activities by ID.
type Measure struct {
	ID          int64       `json:"id"`
	OrgID       int64       `json:"org_id"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Kind        MeasureKind `json:"kind"`
}

// ProcessorRecord is the record a processor keeps per controller it works
// for (art. 30(2)).
type ProcessorRecord struct {
	ID                   int64      `json:"id"`
	OrgID                int64      `json:"org_id"`
	ControllerName       string     `json:"controller_name"`
	ControllerContact    string     `json:"controller_contact"`
	ControllerDPO        string     `json:"controller_dpo"`
	Representative       string     `json:"representative"`
	ProcessingCategories []string   `json:"processing_categories"`
	Transfers            []Transfer `json:"transfers"`
	MeasureIDs           []int64    `json:"measure_ids"`
	MeasuresDescription  string     `json:"measures_description"`
	AgreementID          *int64     `json:"agreement_id"`
	CreatedAt            time.Time  `json:"created_at"`
	UpdatedAt            time.Time  `json:"updated_at"`
}

// OrgInfo is the controller's identity printed on an export (art. 30(1)(a)).
type OrgInfo struct {
	Name     string `json:"name"`
	Address  string `json:"address"`
	KvK      string `json:"kvk"`
	DPOName  string `json:"dpo_name"`
	DPOEmail string `json:"dpo_email"`
	DPOPhone string `json:"dpo_phone"`
	Role     string `json:"role"` // controller / processor
}

// HasKind reports whether any data category is of kind k.
func (a Activity) HasKind(k DataKind) bool {
	for _, d := range a.DataCategories {
		if d.Kind == k {
			return true
		}
	}
	return false
}
