// Package incident holds the rules of the breach procedure (arts. 33 and
// 34 AVG) as a library keeps it (seed 003): a security incident is found by
// its ontdekker, fixed by a technicus, and qualified and, where needed,
// notified by the melder, in six phases. Every incident is documented
// (art. 33(5)), whether or not it was a notifiable breach.
package incident

import "time"

// Incident is one case in the breach register. Its fields follow the AP's
// notification form (sections 0-9) and the form of seed 001 Bijlage B1, so
// a notification can be written from it without asking again.
type Incident struct {
	ID          int64
	Dossier     string // "2026-007", see FormatDossier
	Title       string
	Description string // summary of what happened
	Cause       string

	// Section 0: about the notification.
	Regime     Regime // AVG or Telecommunicatiewet
	FollowUpOf string // AP reference of the notification this supplements

	// Section 1: the organisation's role and any other organisation involved.
	Role              Role
	OtherOrganisation string // the processor or controller involved
	Reporter          Contact

	// Section 2: timeline. All times are stored in UTC.
	Timing       Timing
	StartedAt    *time.Time // Timing on_date: the date; period: its start
	EndedAt      *time.Time // Timing period: its end
	DiscoveredAt time.Time  // someone in the organisation noticed the incident
	AwareAt      *time.Time // reasonable certainty that personal data were hit (EDPB 9/2022); starts the 72 hours
	Ongoing      bool

	SystemIDs   []int64 // systems involved
	ActivityIDs []int64 // processing activities of the register

	// Section 3: nature.
	Properties []Property // confidentiality, integrity, availability
	Natures    []Nature   // reading, copying, ...

	// Section 4: personal data.
	DataTypes         []DataType
	DataOther         string
	SpecialCategories []Special
	Records           Range // approximate number of records

	// Section 5: data subjects.
	People        Range
	SubjectGroups []string // customers, members, staff, pupils, ...

	// Section 6: protection before the breach.
	Protection    Protection
	ProtectionHow string // how the data were made unintelligible
	Encrypted     bool
	Hashed        bool

	// Section 7: consequences.
	Consequences     []Consequence
	ConsequenceOther string

	// Section 8: follow-up.
	Measures            []Measure
	SubjectsInformed    Informed
	SubjectsWhyNot      string
	SubjectsInformedAt  *time.Time
	PublicCommunication bool
	AdviceToSubjects    string // what people can do themselves (change password, watch for phishing)
	International       TriState
	OtherCountries      []string // other EU/EEA member states whose residents are affected
	OtherAuthorities    string

	// Section 9: other.
	Remarks string

	// Qualification and notification (phases kwalificeren and melden).
	Outcome             Outcome // the decision recorded in phase 3
	NotifiedAuthorityAt *time.Time
	AuthorityReference  string // the AP's meldingsnummer
	LateReason          string // required when notified after the 72 hours

	Phases map[Phase]PhaseState
}

// Contact is a person to call back: the form asks name, job title, e-mail
// and phone.
type Contact struct {
	Name, JobTitle, Email, Phone string
}

// Range is a minimum and a maximum, as the form asks for numbers of people
// and records. Zero values mean "not yet known".
type Range struct{ Min, Max int }

// Measure is a step taken or planned to end the breach (immediate) or to
// keep it from happening again (structural).
type Measure struct {
	Kind        MeasureKind
	Description string
	DoneAt      *time.Time // nil while planned
}

// Regime is the law a notification is made under (form section 0).
type Regime string

const (
	RegimeAVG     Regime = "avg"
	RegimeTelecom Regime = "telecom" // Telecommunicatiewet, same AP form
	DefaultRegime        = RegimeAVG
)

// Role is the organisation's role in the processing hit by the breach.
type Role string

const (
	Controller Role = "controller"
	Processor  Role = "processor"
)

// Timing says when the breach took place: on a date, between two dates, or
// not yet known.
type Timing string

const (
	OnDate        Timing = "on_date"
	Period        Timing = "period"
	TimingUnknown Timing = "unknown"
)

// Property is the security property the breach compromised.
type Property string

const (
	Confidentiality Property = "confidentiality"
	Integrity       Property = "integrity"
	Availability    Property = "availability"
)

// Nature is the form's "aard van de inbreuk".
type Nature string

const (
	Reading       Nature = "reading"  // confidentiality
	Copying       Nature = "copying"  // confidentiality
	Altering      Nature = "altering" // integrity
	Deleting      Nature = "deleting" // availability (deleting or destroying)
	Theft         Nature = "theft"
	NatureUnknown Nature = "unknown"
)

// DataType is the form's "type persoonsgegevens".
type DataType string

const (
	NameAddress   DataType = "name_address"
	PhoneNumbers  DataType = "phone"
	EmailAddress  DataType = "email"
	AccessData    DataType = "access" // login, password, customer number
	FinancialData DataType = "financial"
	BSN           DataType = "bsn"
	IDCopies      DataType = "id_copies"
	SexBirthAge   DataType = "sex_birth_age"
	SpecialData   DataType = "special"
	OtherData     DataType = "other"
)

// Special is a category of art. 9 data, or art. 10 criminal data.
type Special string

const (
	RacialEthnic Special = "racial_ethnic"
	Political    Special = "political"
	Religious    Special = "religious"
	TradeUnion   Special = "trade_union"
	Genetic      Special = "genetic"
	Biometric    Special = "biometric"
	Health       Special = "health"
	SexLife      Special = "sex_life"
	Criminal     Special = "criminal" // art. 10
)

// Consequence is a likely consequence for the people concerned.
type Consequence string

const (
	Stigmatisation   Consequence = "stigmatisation"
	HealthDamage     Consequence = "health_damage"
	Fraud            Consequence = "fraud" // (identity) fraud
	SpamPhishing     Consequence = "spam_phishing"
	OtherConsequence Consequence = "other"
)

// Protection answers "were the data encrypted, hashed or otherwise made
// unintelligible?".
type Protection string

const (
	Protected     Protection = "yes"
	Unprotected   Protection = "no"
	PartProtected Protection = "partly"
)

// TriState is yes, no or not yet known.
type TriState string

const (
	Yes     TriState = "yes"
	No      TriState = "no"
	Unknown TriState = "unknown"
)

// Informed answers "have the people concerned been told?".
type Informed string

const (
	InformedYes     Informed = "yes"
	InformedPlanned Informed = "planned"
	InformedNo      Informed = "no"
)

// MeasureKind separates the first response from the lasting fix.
type MeasureKind string

const (
	Immediate  MeasureKind = "immediate"
	Structural MeasureKind = "structural"
)
