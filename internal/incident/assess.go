package incident

import "privacyregister/internal/apperr"

// Outcome is what the qualification phase decides.
type Outcome string

const (
	// SecurityIncident: no breach of personal data; handled as an
	// ordinary security incident.
	SecurityIncident Outcome = "security_incident"
	// DocumentOnly: a personal data breach unlikely to result in a risk;
	// recorded in the breach register (art. 33(5)) but not notified.
	DocumentOnly Outcome = "document_only"
	// NotifyAuthority: notify the AP within 72 hours (art. 33(1)).
	NotifyAuthority Outcome = "notify_authority"
	// NotifyAuthorityAndSubjects: high risk, so also inform the people
	// concerned (art. 34(1)), or publicly under 34(3)(c).
	NotifyAuthorityAndSubjects Outcome = "notify_authority_and_subjects"
	// NotifyController: the organisation is the processor; it tells the
	// controller of every breach without undue delay (art. 33(2)) and the
	// controller decides on the rest.
	NotifyController Outcome = "notify_controller"
)

// Outcomes lists every outcome, in the order of the procedure.
var Outcomes = []Outcome{SecurityIncident, DocumentOnly, NotifyAuthority, NotifyAuthorityAndSubjects, NotifyController}

// RunsAuthorityClock reports whether the 72 hours to the AP still run under
// this outcome: while undecided (""), and when the AP is to be notified.
// Every other outcome stops the clock: no breach, no likely risk (art.
// 33(1)), or a processor's case, whose clocks are the controllers' (art.
// 33(2)). The one place this is decided; StopsAuthorityClock serves queries.
func (o Outcome) RunsAuthorityClock() bool {
	return o == "" || o == NotifyAuthority || o == NotifyAuthorityAndSubjects
}

// StopsAuthorityClock lists the outcomes under which the AP clock does not
// run, for a query's NOT IN.
func StopsAuthorityClock() []Outcome {
	var out []Outcome
	for _, o := range Outcomes {
		if !o.RunsAuthorityClock() {
			out = append(out, o)
		}
	}
	return out
}

// Risk is the likely risk to the rights and freedoms of people.
type Risk string

const (
	RiskUnlikely Risk = "unlikely"
	RiskPresent  Risk = "risk"
	RiskHigh     Risk = "high"
)

// Severity is the assessor's estimate of how badly people could be hurt
// (EDPB 9/2022: severity of consequences).
type Severity string

const (
	SeverityLow    Severity = "low"    // inconvenience, quickly overcome
	SeverityMedium Severity = "medium" // significant but surmountable
	SeverityHigh   Severity = "high"   // serious or irreversible: fraud, discrimination, health, safety
)

// ManyPeople is the number of identifiable people from which volume alone
// makes a confidentiality breach a risk. It is a choice of this program,
// not a legal number: the EDPB names volume as a factor without a figure.
const ManyPeople = 100

// LargeScale is the number of identifiable people from which volume counts
// a second time (EDPB 01/2021 case 12: over 100,000 customers' names,
// addresses and dates of birth, the people to be informed). Like
// ManyPeople, a choice of this program.
const LargeScale = 10_000

// Assessment holds the answers of the decision aid (the "beslisschema" of
// seed 003), phrased after EDPB Guidelines 9/2022 on breach notification.
type Assessment struct {
	PersonalData bool `json:"personal_data"` // were personal data involved at all?
	AsProcessor  bool `json:"as_processor"`  // the organisation processes these data for a controller

	// Which security property was breached (art. 4(12)).
	Confidentiality bool `json:"confidentiality"`
	Integrity       bool `json:"integrity"`
	Availability    bool `json:"availability"`
	// Availability only: the data were restored from a backup in time,
	// with no lasting consequence.
	Restored bool `json:"restored"`

	// EDPB risk factors.
	SpecialOrCriminal  bool `json:"special_or_criminal"` // art. 9 or 10 data: damage is presumed likely
	Sensitive          bool `json:"sensitive"`           // financial, BSN, ID copies, passwords, location, ...
	EasilyIdentifiable bool `json:"easily_identifiable"` // the data identify people directly
	// IdentityFraud: the data suffice to impersonate people (name with
	// address and date of birth, BSN, copies of identity documents).
	IdentityFraud bool     `json:"identity_fraud"`
	Severity      Severity `json:"severity"`   // "" when not assessed
	Vulnerable    bool     `json:"vulnerable"` // children, patients, other vulnerable people
	People        int      `json:"people"`     // number of people affected (maximum)

	// The melder's own conclusion, which overrides the derived risk when
	// set: the rules aid, the melder decides.
	Judgement Risk `json:"judgement"`

	// Art. 34(3) exemptions from informing the people concerned.
	Unintelligible         bool `json:"unintelligible"`          // (a) e.g. state-of-the-art encryption, key not compromised
	MitigatedAfter         bool `json:"mitigated_after"`         // (b) later measures make the high risk no longer likely
	DisproportionateEffort bool `json:"disproportionate_effort"` // (c) then a public communication instead
}

// Decision is the outcome with its reasons (English message ids, see
// Reasons).
type Decision struct {
	Outcome             Outcome  `json:"outcome"`
	Risk                Risk     `json:"risk"`
	PublicCommunication bool     `json:"public_communication"` // art. 34(3)(c): inform by public communication
	Reasons             []string `json:"reasons"`
}

// Reason message ids, translated in the catalogue.
const (
	MsgNoPersonalData = "No personal data were involved: a security incident, not a personal data breach."
	MsgNoBreach       = "Confidentiality, integrity and availability of the personal data are intact: not a personal data breach."
	MsgProcessor      = "The organisation is the processor: tell the controller without undue delay, whatever the risk (art. 33(2))."
	MsgDocument       = "Every personal data breach is documented in the breach register (art. 33(5))."
	MsgUnintelligible = "The data were unintelligible to anyone not authorised (e.g. state-of-the-art encryption with an uncompromised key)."
	MsgRestored       = "Availability only, and the data were restored in time without consequences."
	MsgSpecial        = "Special categories or criminal data are involved: damage is presumed likely (EDPB 9/2022)."
	MsgSensitive      = "Sensitive data such as financial data, BSN, identity documents or passwords are involved."
	MsgVulnerable     = "Vulnerable people such as children or patients are affected."
	MsgSevere         = "The consequences for the people concerned can be severe."
	MsgSeverityMedium = "The consequences for the people concerned are significant."
	MsgVolume         = "Many identifiable people are affected."
	MsgLargeScale     = "The breach is large-scale: over 10,000 identifiable people."
	MsgIdentityFraud  = "The data suffice to impersonate people (identity fraud), e.g. name with address and date of birth."
	MsgRestoredButAt  = "The data were restored, but the data or the people concerned still make the unavailability a risk (EDPB 01/2021 case 3)."
	MsgLostForGood    = "Data were lost or made unavailable without a backup."
	MsgFewFactors     = "No risk factor applies: a risk is unlikely (art. 33(1))."
	MsgJudgement      = "The melder's judgement of the risk was followed."
	MsgNotifyAP       = "A risk is likely: notify the AP without undue delay and within 72 hours of becoming aware (art. 33(1))."
	MsgHighRisk       = "A high risk is likely: inform the people concerned without undue delay (art. 34(1))."
	MsgExemptA        = "No need to inform the people concerned: the data are unintelligible to others (art. 34(3)(a))."
	MsgExemptB        = "No need to inform the people concerned: later measures make the high risk no longer likely (art. 34(3)(b))."
	MsgExemptC        = "Informing each person would take disproportionate effort: use a public communication instead (art. 34(3)(c))."
)

// Assess applies the decision aid. It never returns more than the law
// asks, and it records why, so the register shows the reasoning (art.
// 33(5)).
func Assess(a Assessment) Decision {
	if !a.PersonalData {
		return Decision{Outcome: SecurityIncident, Risk: RiskUnlikely, Reasons: []string{MsgNoPersonalData}}
	}
	if !a.Confidentiality && !a.Integrity && !a.Availability {
		return Decision{Outcome: SecurityIncident, Risk: RiskUnlikely, Reasons: []string{MsgNoBreach}}
	}
	d := Decision{Reasons: []string{MsgDocument}}
	d.Risk = deriveRisk(a, &d.Reasons)
	if a.Judgement != "" && a.Judgement != d.Risk {
		d.Risk = a.Judgement
		d.Reasons = append(d.Reasons, MsgJudgement)
	}
	if a.AsProcessor {
		d.Outcome = NotifyController
		d.Reasons = append(d.Reasons, MsgProcessor)
		return d
	}
	switch d.Risk {
	case RiskUnlikely:
		d.Outcome = DocumentOnly
		return d
	case RiskPresent:
		d.Outcome = NotifyAuthority
		d.Reasons = append(d.Reasons, MsgNotifyAP)
		return d
	}
	d.Reasons = append(d.Reasons, MsgNotifyAP, MsgHighRisk)
	switch {
	case a.Unintelligible:
		d.Outcome = NotifyAuthority
		d.Reasons = append(d.Reasons, MsgExemptA)
	case a.MitigatedAfter:
		d.Outcome = NotifyAuthority
		d.Reasons = append(d.Reasons, MsgExemptB)
	case a.DisproportionateEffort:
		d.Outcome = NotifyAuthorityAndSubjects
		d.PublicCommunication = true
		d.Reasons = append(d.Reasons, MsgExemptC)
	default:
		d.Outcome = NotifyAuthorityAndSubjects
	}
	return d
}

// deriveRisk weighs the EDPB factors. A breach whose data stay
// unintelligible is unlikely to result in a risk, and so is an outage
// restored in time from a backup, unless art. 9/10 data or vulnerable
// people make even the interruption harmful (EDPB 01/2021 case 3: a
// hospital's records, restored after days). Otherwise any factor makes a
// risk likely; volume counts once from ManyPeople and again from
// LargeScale; the risk is high when the harm can be severe, when art. 9/10
// data meet another aggravating factor, or when three or more factors add
// up (EDPB 01/2021 case 12: identity-fraud data of over 100,000 people).
func deriveRisk(a Assessment, why *[]string) Risk {
	lostForGood := a.Availability && !a.Restored
	onlyConfidentiality := a.Confidentiality && !a.Integrity && !lostForGood
	if a.Unintelligible && onlyConfidentiality {
		*why = append(*why, MsgUnintelligible)
		return RiskUnlikely
	}
	restoredOnly := a.Availability && a.Restored && !a.Confidentiality && !a.Integrity
	if restoredOnly {
		if !a.SpecialOrCriminal && !a.Vulnerable && a.Severity != SeverityHigh && a.Severity != SeverityMedium {
			*why = append(*why, MsgRestored)
			return RiskUnlikely
		}
		*why = append(*why, MsgRestoredButAt)
	}
	factors := 0
	note := func(cond bool, msg string) {
		if cond {
			factors++
			*why = append(*why, msg)
		}
	}
	identifiable := a.EasilyIdentifiable && !restoredOnly // volume matters where data are exposed or lost
	note(a.SpecialOrCriminal, MsgSpecial)
	note(a.Sensitive, MsgSensitive)
	note(a.IdentityFraud && (a.Confidentiality || a.Integrity), MsgIdentityFraud)
	note(a.Vulnerable, MsgVulnerable)
	note(a.Severity == SeverityHigh, MsgSevere)
	note(a.Severity == SeverityMedium, MsgSeverityMedium)
	note(identifiable && a.People >= ManyPeople, MsgVolume)
	note(identifiable && a.People >= LargeScale, MsgLargeScale)
	note(lostForGood, MsgLostForGood)
	switch {
	case factors == 0:
		*why = append(*why, MsgFewFactors)
		return RiskUnlikely
	case a.Severity == SeverityHigh, a.SpecialOrCriminal && factors >= 2, factors >= 3:
		return RiskHigh
	}
	return RiskPresent
}

// Properties are the security properties the answers say were breached:
// when the melder confirms a decision, they become the case's own, so the
// notification texts say what the decision rested on.
func (a Assessment) Properties() []Property {
	var out []Property
	for _, p := range []struct {
		on bool
		p  Property
	}{{a.Confidentiality, Confidentiality}, {a.Integrity, Integrity}, {a.Availability, Availability}} {
		if p.on {
			out = append(out, p.p)
		}
	}
	return out
}

// Validate checks the answers before they are weighed, naming the field:
// unknown values, and answers that contradict each other.
func (a Assessment) Validate() error {
	var errs apperr.List
	switch a.Severity {
	case "", SeverityLow, SeverityMedium, SeverityHigh:
	default:
		errs = append(errs, apperr.Invalidf("severity", "Unknown value %q.", a.Severity))
	}
	switch a.Judgement {
	case "", RiskUnlikely, RiskPresent, RiskHigh:
	default:
		errs = append(errs, apperr.Invalidf("judgement", "Unknown value %q.", a.Judgement))
	}
	if a.People < 0 {
		errs = append(errs, apperr.Invalidf("people", "A number cannot be negative."))
	}
	if a.Restored && !a.Availability {
		errs = append(errs, apperr.Invalidf("restored", "Restoring from a backup answers a breach of availability: tick availability too, or untick restored."))
	}
	if a.Restored && (a.Severity == SeverityMedium || a.Severity == SeverityHigh) {
		errs = append(errs, apperr.Invalidf("restored", "Restored without consequences contradicts significant or severe consequences: correct one of the two."))
	}
	return errs.Err()
}
