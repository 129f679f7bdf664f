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
	ID          int64  `json:"id"`
	Dossier     string `json:"dossier"` // "2026-007", see FormatDossier
	Title       string `json:"title"`
	Description string `json:"description"` // summary of what happened
	Cause       string `json:"cause"`

	// Section 0: about the notification.
	Regime     Regime `json:"regime"`       // AVG or Telecommunicatiewet
	FollowUpOf string `json:"follow_up_of"` // AP reference of the notification this supplements

	// Section 1: the organisation's role and any other organisation involved.
	Role              Role    `json:"role"`
	OtherOrganisation string  `json:"other_organisation"` // the processor or controller involved
	Reporter          Contact `json:"reporter"`

	// Section 2: timeline. All times are stored in UTC.
	Timing       Timing     `json:"timing"`
	StartedAt    *time.Time `json:"started_at"`    // Timing on_date: the date; period: its start
	EndedAt      *time.Time `json:"ended_at"`      // Timing period: its end
	DiscoveredAt time.Time  `json:"discovered_at"` // someone in the organisation noticed the incident
	AwareAt      *time.Time `json:"aware_at"`      // reasonable certainty that personal data were hit (EDPB 9/2022); starts the 72 hours
	Ongoing      bool       `json:"ongoing"`

	SystemIDs   []int64 `json:"system_ids"`   // systems involved
	ActivityIDs []int64 `json:"activity_ids"` // processing activities of the register

	// Section 3: nature.
	Properties []Property `json:"properties"` // confidentiality, integrity, availability
	Natures    []Nature   `json:"natures"`    // reading, copying, ...

	// Section 4: personal data.
	DataTypes         []DataType `json:"data_types"`
	DataOther         string     `json:"data_other"`
	SpecialCategories []Special  `json:"special_categories"`
	Records           Range      `json:"records"` // approximate number of records

	// Section 5: data subjects.
	People        Range    `json:"people"`
	SubjectGroups []string `json:"subject_groups"` // customers, members, staff, pupils, ...

	// Section 6: protection before the breach.
	Protection    Protection `json:"protection"`
	ProtectionHow string     `json:"protection_how"` // how the data were made unintelligible
	Encrypted     bool       `json:"encrypted"`
	Hashed        bool       `json:"hashed"`

	// Section 7: consequences.
	Consequences     []Consequence `json:"consequences"`
	ConsequenceOther string        `json:"consequence_other"`

	// Section 8: follow-up.
	Measures            []Measure  `json:"measures"`
	SubjectsInformed    Informed   `json:"subjects_informed"`
	SubjectsWhyNot      string     `json:"subjects_why_not"`
	SubjectsInformedAt  *time.Time `json:"subjects_informed_at"`
	PublicCommunication bool       `json:"public_communication"`
	AdviceToSubjects    string     `json:"advice_to_subjects"` // what people can do themselves (change password, watch for phishing)
	International       TriState   `json:"international"`
	OtherCountries      []string   `json:"other_countries"` // other EU/EEA member states whose residents are affected
	OtherAuthorities    string     `json:"other_authorities"`

	// Section 9: other.
	Remarks string `json:"remarks"`

	// Qualification and notification (phases kwalificeren and melden).
	Outcome             Outcome    `json:"outcome"` // the decision recorded in phase 3
	NotifiedAuthorityAt *time.Time `json:"notified_authority_at"`
	AuthorityReference  string     `json:"authority_reference"` // the AP's meldingsnummer
	LateReason          string     `json:"late_reason"`         // required when notified after the 72 hours

	Phases map[Phase]PhaseState `json:"phases"`
}

// Contact is a person to call back: the form asks name, job title, e-mail
// and phone.
type Contact struct {
	Name     string `json:"name"`
	JobTitle string `json:"job_title"`
	Email    string `json:"email"`
	Phone    string `json:"phone"`
}

// Range is a minimum and a maximum, as the form asks for numbers of people
// and records. Zero values mean "not yet known".
type Range struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// Measure is a step taken or planned to end the breach (immediate) or to
// keep it from happening again (structural).
type Measure struct {
	Kind        MeasureKind `json:"kind"`
	Description string      `json:"description"`
	DoneAt      *time.Time  `json:"done_at"` // nil while planned
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

// SetDetails copies onto inc what the case form edits (the AP form's
// sections 0-9 and the reasons for a late notification) from src, for
// the web form and the API alike. What the procedure records (id,
// dossier, phases, outcome, measures, the notification and the people
// informed) is left as it is: src may be a case as read, sent back whole.
// An empty discovery time keeps the recorded one.
func (inc *Incident) SetDetails(src Incident) {
	inc.Title, inc.Description, inc.Cause = src.Title, src.Description, src.Cause
	inc.Regime, inc.FollowUpOf, inc.Role, inc.OtherOrganisation, inc.Reporter = src.Regime, src.FollowUpOf, src.Role, src.OtherOrganisation, src.Reporter
	inc.Timing, inc.StartedAt, inc.EndedAt, inc.AwareAt, inc.Ongoing = src.Timing, src.StartedAt, src.EndedAt, src.AwareAt, src.Ongoing
	if !src.DiscoveredAt.IsZero() {
		inc.DiscoveredAt = src.DiscoveredAt
	}
	inc.ActivityIDs, inc.Properties, inc.Natures = src.ActivityIDs, src.Properties, src.Natures
	inc.DataTypes, inc.DataOther, inc.SpecialCategories, inc.Records = src.DataTypes, src.DataOther, src.SpecialCategories, src.Records
	inc.People, inc.SubjectGroups = src.People, src.SubjectGroups
	inc.Protection, inc.ProtectionHow, inc.Encrypted, inc.Hashed = src.Protection, src.ProtectionHow, src.Encrypted, src.Hashed
	inc.Consequences, inc.ConsequenceOther, inc.AdviceToSubjects = src.Consequences, src.ConsequenceOther, src.AdviceToSubjects
	inc.International, inc.OtherCountries, inc.OtherAuthorities, inc.Remarks, inc.LateReason = src.International, src.OtherCountries, src.OtherAuthorities, src.Remarks, src.LateReason
}
