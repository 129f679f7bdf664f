package incident

import (
	"errors"

	"privacyregister/internal/apperr"
)

// Decide checks the decision aid's answers a, lets Assess propose, and
// returns the proposal and the outcome recorded: the proposed one when
// chosen is empty, else chosen, which needs the melder's reason when it
// differs from the proposal (the rules aid, the melder decides).
func Decide(a Assessment, chosen Outcome, reason string) (Decision, Outcome, error) {
	var errs apperr.List
	if err := a.Validate(); err != nil {
		if !errors.As(err, &errs) {
			return Decision{}, "", err
		}
	}
	one(&errs, "outcome", chosen, outcomes)
	if err := errs.Err(); err != nil {
		return Decision{}, "", err
	}
	d := Assess(a)
	if chosen == "" {
		chosen = d.Outcome
	}
	if chosen != d.Outcome && reason == "" {
		return d, "", apperr.Invalidf("override_reason", "You chose another outcome than the decision aid proposes: give your reason.")
	}
	return d, chosen, nil
}

// ApplyDecision records outcome, decided on the answers a with proposal
// d, on the case: the answers the decision rests on become the case's
// facts, a proposed public communication is taken over when the proposal
// is followed, and the qualification phase is done.
func (inc *Incident) ApplyDecision(a Assessment, d Decision, outcome Outcome) error {
	inc.Outcome = outcome
	inc.Properties = a.Properties()
	if d.PublicCommunication && outcome == d.Outcome {
		inc.PublicCommunication = true
	}
	if inc.PhaseOf(Qualify) != Done {
		return inc.SetPhase(Qualify, Done)
	}
	return nil
}

// ProposeAssessment pre-fills the decision aid from what the case already
// records, so the melder starts from the facts and corrects them.
func (inc *Incident) ProposeAssessment() Assessment {
	a := Assessment{
		PersonalData: len(inc.DataTypes) > 0,
		AsProcessor:  inc.Role == Processor,
		People:       inc.People.Max,
	}
	for _, p := range inc.Properties {
		switch p {
		case Confidentiality:
			a.Confidentiality = true
		case Integrity:
			a.Integrity = true
		case Availability:
			a.Availability = true
		}
	}
	a.SpecialOrCriminal = len(inc.SpecialCategories) > 0
	var address, birth bool
	for _, d := range inc.DataTypes {
		switch d {
		case FinancialData, BSN, IDCopies, AccessData:
			a.Sensitive = true
		case NameAddress, EmailAddress, PhoneNumbers:
			a.EasilyIdentifiable = true
		}
		address = address || d == NameAddress
		birth = birth || d == SexBirthAge
		a.IdentityFraud = a.IdentityFraud || d == BSN || d == IDCopies
	}
	a.IdentityFraud = a.IdentityFraud || address && birth
	a.Unintelligible = inc.Protection == Protected
	return a
}
