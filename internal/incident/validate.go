package incident

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
	regimes      = set(RegimeAVG, RegimeTelecom)
	roles        = set(Controller, Processor)
	timings      = set(OnDate, Period, TimingUnknown)
	properties   = set(Confidentiality, Integrity, Availability)
	natures      = set(Reading, Copying, Altering, Deleting, Theft, NatureUnknown)
	dataTypes    = set(NameAddress, PhoneNumbers, EmailAddress, AccessData, FinancialData, BSN, IDCopies, SexBirthAge, SpecialData, OtherData)
	specials     = set(RacialEthnic, Political, Religious, TradeUnion, Genetic, Biometric, Health, SexLife, Criminal)
	consequences = set(Stigmatisation, HealthDamage, Fraud, SpamPhishing, OtherConsequence)
	protections  = set(Protected, Unprotected, PartProtected)
	tristates    = set(Yes, No, Unknown)
	informeds    = set(InformedYes, InformedPlanned, InformedNo)
	measureKinds = set(Immediate, Structural)
	outcomes     = set(SecurityIncident, DocumentOnly, NotifyAuthority, NotifyAuthorityAndSubjects, NotifyController)
)

// enum checks every value of a list against its set.
func enum[T ~string](errs *apperr.List, field string, vs []T, ok map[T]bool) {
	for i, v := range vs {
		if !ok[v] {
			*errs = append(*errs, apperr.Invalidf(fmt.Sprintf("%s[%d]", field, i), "Unknown value %q.", v))
		}
	}
}

func one[T ~string](errs *apperr.List, field string, v T, ok map[T]bool) {
	if v != "" && !ok[v] {
		*errs = append(*errs, apperr.Invalidf(field, "Unknown value %q.", v))
	}
}

// Validate checks an incident against the facts it can know at now and
// returns an apperr.List naming every bad field, or nil.
//
// Awareness cannot precede discovery: being aware (EDPB 9/2022) means
// reasonable certainty that an incident which has been discovered hit
// personal data, so AwareAt >= DiscoveredAt. A breach reported to us by a
// processor is discovered by us when the processor tells us; the
// processor's own discovery is kept with ProcessorKeptDeadline.
func Validate(inc *Incident, now time.Time) error {
	errs := textcheck.Struct(inc, Limits)
	add := func(field, msg string, args ...any) { errs = append(errs, apperr.Invalidf(field, msg, args...)) }

	if strings.TrimSpace(inc.Title) == "" {
		add("title", "Give the incident a short title.")
	}
	if inc.Dossier != "" {
		if _, _, err := ParseDossier(inc.Dossier); err != nil {
			errs = append(errs, err.(*apperr.Error))
		}
	}
	one(&errs, "regime", inc.Regime, regimes)
	one(&errs, "role", inc.Role, roles)
	one(&errs, "timing", inc.Timing, timings)
	one(&errs, "protection", inc.Protection, protections)
	one(&errs, "international", inc.International, tristates)
	one(&errs, "subjects_informed", inc.SubjectsInformed, informeds)
	one(&errs, "outcome", inc.Outcome, outcomes)
	enum(&errs, "properties", inc.Properties, properties)
	enum(&errs, "natures", inc.Natures, natures)
	enum(&errs, "data_types", inc.DataTypes, dataTypes)
	enum(&errs, "special_categories", inc.SpecialCategories, specials)
	enum(&errs, "consequences", inc.Consequences, consequences)
	for i, m := range inc.Measures {
		f := fmt.Sprintf("measures[%d]", i)
		one(&errs, f+".kind", m.Kind, measureKinds)
		if strings.TrimSpace(m.Description) == "" {
			add(f+".description", "Describe the measure.")
		}
	}
	for p, s := range inc.Phases {
		if !validPhase(p) {
			add("phases", "Unknown phase %q.", p)
		} else if s != NotStarted && s != InProgress && s != Done {
			add("phases."+string(p), "Unknown phase state %q.", s)
		}
	}
	if inc.Phases != nil {
		for _, p := range []Phase{Notify, Archive} {
			if err := phaseOrder(inc, p, inc.PhaseOf(p)); err != nil {
				errs = append(errs, err)
			}
		}
	}

	if has(inc.DataTypes, OtherData) && strings.TrimSpace(inc.DataOther) == "" {
		add("data_other", "Say which other personal data are involved.")
	}
	if has(inc.Consequences, OtherConsequence) && strings.TrimSpace(inc.ConsequenceOther) == "" {
		add("consequence_other", "Say which other consequence is likely.")
	}
	if inc.Protection == PartProtected && strings.TrimSpace(inc.ProtectionHow) == "" {
		add("protection_how", "Say which part of the data was protected, and how.")
	}
	if len(inc.SpecialCategories) > 0 && !has(inc.DataTypes, SpecialData) {
		add("data_types", "Special categories are listed, so tick special personal data too.")
	}
	checkRange(&errs, "people", inc.People)
	checkRange(&errs, "records", inc.Records)

	validateTimes(inc, now, add)
	return errs.Err()
}

func checkRange(errs *apperr.List, field string, r Range) {
	switch {
	case r.Min < 0:
		*errs = append(*errs, apperr.Invalidf(field+".min", "A number cannot be negative."))
	case r.Max < 0:
		*errs = append(*errs, apperr.Invalidf(field+".max", "A number cannot be negative."))
	case r.Max > 0 && r.Min > r.Max:
		*errs = append(*errs, apperr.Invalidf(field+".min", "The minimum %d is larger than the maximum %d.", r.Min, r.Max))
	}
}

func validateTimes(inc *Incident, now time.Time, add func(field, msg string, args ...any)) {
	if inc.DiscoveredAt.IsZero() {
		add("discovered_at", "Say when the incident was discovered.")
	} else if inc.DiscoveredAt.After(now) {
		add("discovered_at", "The discovery cannot lie in the future.")
	}
	switch inc.Timing {
	case OnDate:
		if inc.StartedAt == nil {
			add("started_at", "Give the date of the breach.")
		}
	case Period:
		if inc.StartedAt == nil {
			add("started_at", "Give the start of the period.")
		}
		if inc.EndedAt == nil && !inc.Ongoing {
			add("ended_at", "Give the end of the period, or mark the breach as ongoing.")
		}
	}
	if inc.StartedAt != nil && inc.EndedAt != nil && inc.EndedAt.Before(*inc.StartedAt) {
		add("ended_at", "The end lies before the start.")
	}
	if inc.Ongoing && inc.EndedAt != nil {
		add("ended_at", "An ongoing breach has no end yet.")
	}
	if inc.StartedAt != nil && !inc.DiscoveredAt.IsZero() && inc.StartedAt.After(inc.DiscoveredAt) {
		add("started_at", "A breach cannot start after it was discovered.")
	}
	if inc.AwareAt != nil {
		switch {
		case inc.AwareAt.After(now):
			add("aware_at", "The moment of awareness cannot lie in the future.")
		case !inc.DiscoveredAt.IsZero() && inc.AwareAt.Before(inc.DiscoveredAt):
			add("aware_at", "Awareness cannot precede the discovery of the incident.")
		}
	}
	if n := inc.NotifiedAuthorityAt; n != nil {
		switch {
		case n.After(now):
			add("notified_authority_at", "The notification cannot lie in the future.")
		case inc.AwareAt == nil:
			add("aware_at", "Say when the organisation became aware of the breach it notified.")
		case n.Before(*inc.AwareAt):
			add("notified_authority_at", "The notification cannot precede awareness of the breach.")
		case LateReasonRequired(*n, *inc.AwareAt) && strings.TrimSpace(inc.LateReason) == "":
			add("late_reason", "Notified more than %d hours after becoming aware: give the reasons for the delay (art. 33(1)).", AuthorityHours)
		}
	}
	if inc.SubjectsInformed == InformedNo && strings.TrimSpace(inc.SubjectsWhyNot) == "" && inc.Outcome == NotifyAuthorityAndSubjects {
		add("subjects_why_not", "Say why the people concerned are not informed.")
	}
}

func has[T comparable](vs []T, v T) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}
