package register

import (
	"fmt"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/country"
	"privacyregister/internal/textcheck"
)

// textLimits are the length limits of the register's text fields (see
// textcheck); what is not named has textcheck.Default.
var textLimits = textcheck.Common.With(textcheck.Limits{
	"contact": textcheck.Short, "last_reviewed_by": textcheck.Short, "dpia_ref": textcheck.Short,
	"agreement_with": textcheck.Short, "safeguard": textcheck.Long, "start_event": textcheck.Short,
	"controller_name": textcheck.Short, "controller_contact": textcheck.Long, "controller_dpo": textcheck.Long,
	"representative": textcheck.Long, "measures_description": textcheck.Long,
})

var (
	statuses   = set(StatusConcept, StatusInReview, StatusEstablished, StatusRetired)
	kinds      = set(KindOrdinary, KindSpecial, KindCriminal, KindBSN, KindFinancial, KindCredentials)
	units      = set(Days, Weeks, Months, Years)
	agreements = set(AgreementNone, AgreementDraftSent, AgreementNegotiating, AgreementSigned, AgreementNotNeeded)
	dpias      = set(DPIAYes, DPIANo, DPIAToAssess)
)

func set[T comparable](vs ...T) map[T]bool {
	m := make(map[T]bool, len(vs))
	for _, v := range vs {
		m[v] = true
	}
	return m
}

// ValidBasis reports whether b is a letter of art. 6(1).
func ValidBasis(b LawfulBasis) bool { return len(b) == 1 && b[0] >= 'a' && b[0] <= 'f' }

// ValidException reports whether e is a letter of art. 9(2).
func ValidException(e SpecialException) bool { return len(e) == 1 && e[0] >= 'a' && e[0] <= 'j' }

// Validate checks an activity and returns an apperr.List naming every bad
// field (JSON paths such as "purposes[1].lawful_basis"), or nil. It also
// fills in each transfer's Class from internal/country, so the stored class
// can never disagree with the country list.
func Validate(a *Activity) error {
	shape, legal := check(a)
	return append(shape, legal...).Err()
}

// check splits the findings: shape errors make the record unusable (an
// unknown enum value, a missing name); legal findings are gaps in what the
// AVG requires, which a concept may still have but an established activity
// may not. An import reports the latter as warnings.
func check(a *Activity) (shape, legal apperr.List) {
	shape = textcheck.Struct(a, textLimits)
	if strings.TrimSpace(a.Name) == "" {
		shape = append(shape, apperr.Invalidf("name", "Name is required."))
	}
	if a.Status != "" && !statuses[a.Status] {
		shape = append(shape, apperr.Invalidf("status", "Unknown status %q.", a.Status))
	}
	if a.DPIANeeded != "" && !dpias[a.DPIANeeded] {
		shape = append(shape, apperr.Invalidf("dpia_needed", "Unknown DPIA answer %q.", a.DPIANeeded))
	}
	special, hasBasis := false, false
	for i, p := range a.Purposes {
		f := fmt.Sprintf("purposes[%d]", i)
		if strings.TrimSpace(p.Description) == "" {
			shape = append(shape, apperr.Invalidf(f+".description", "Describe the purpose."))
		}
		if p.LawfulBasis != "" && !ValidBasis(p.LawfulBasis) {
			shape = append(shape, apperr.Invalidf(f+".lawful_basis", "Unknown lawful basis %q: use a letter a-f of art. 6(1).", p.LawfulBasis))
		}
		if p.LawfulBasis != "" {
			hasBasis = true
		}
		if p.SpecialException != "" {
			if !ValidException(p.SpecialException) {
				shape = append(shape, apperr.Invalidf(f+".special_exception", "Unknown exception %q: use a letter a-j of art. 9(2).", p.SpecialException))
			} else {
				special = true
			}
		}
	}
	for i, d := range a.DataCategories {
		f := fmt.Sprintf("data_categories[%d]", i)
		if strings.TrimSpace(d.Name) == "" {
			shape = append(shape, apperr.Invalidf(f+".name", "Name the data category."))
		}
		if d.Kind != "" && !kinds[d.Kind] {
			shape = append(shape, apperr.Invalidf(f+".kind", "Unknown kind of data %q.", d.Kind))
		}
		shape = append(shape, checkRetention(f+".retention", d.Retention)...)
	}
	shape = append(shape, checkRetention("retention", a.Retention)...)
	if (a.HasKind(KindSpecial) || a.HasKind(KindCriminal)) && !special {
		// Art. 10 data have no 9(2) letter, but the same question applies:
		// on what exception is the prohibition lifted? We ask for one.
		legal = append(legal, apperr.Invalidf("purposes", "Special or criminal data need an exception of art. 9(2) (or art. 10) on a purpose."))
	}
	for i, p := range a.Processors {
		f := fmt.Sprintf("processors[%d]", i)
		if strings.TrimSpace(p.Name) == "" {
			shape = append(shape, apperr.Invalidf(f+".name", "Name the processor."))
		}
		if p.AgreementStatus != "" && !agreements[p.AgreementStatus] {
			shape = append(shape, apperr.Invalidf(f+".agreement_status", "Unknown agreement status %q.", p.AgreementStatus))
		}
	}
	for i := range a.Transfers {
		t := &a.Transfers[i]
		f := fmt.Sprintf("transfers[%d]", i)
		c, ok := country.Lookup(t.Country)
		if !ok {
			shape = append(shape, apperr.Invalidf(f+".country", "Unknown country %q.", t.Country))
			continue
		}
		t.Country, t.Class = c.Code, c.Class
		if c.NeedsSafeguard() && strings.TrimSpace(t.Safeguard) == "" {
			legal = append(legal, apperr.Invalidf(f+".safeguard", "A transfer to %s needs a safeguard (art. 46 or 49, or the recipient's certification).", c.NameEN))
		}
	}
	if yes, ok := yesNo(a.InEU); ok && !yes && len(a.Transfers) == 0 {
		legal = append(legal, apperr.Invalidf("transfers", "Data leave the EU but no transfer is recorded."))
	}
	if a.LastReviewedAt != nil && a.NextReviewAt != nil && a.NextReviewAt.Before(*a.LastReviewedAt) {
		shape = append(shape, apperr.Invalidf("next_review_at", "The next review lies before the last one."))
	}
	if a.Status == StatusEstablished && !hasBasis {
		legal = append(legal, apperr.Invalidf("purposes", "An established activity needs a purpose with a lawful basis."))
	}
	return shape, legal
}

func checkRetention(field string, r Retention) apperr.List {
	var l apperr.List
	if r.Amount < 0 {
		l = append(l, apperr.Invalidf(field+".amount", "A retention period cannot be negative."))
	}
	if r.Unit != "" && !units[r.Unit] {
		l = append(l, apperr.Invalidf(field+".unit", "Unknown unit %q.", r.Unit))
	}
	if r.Amount > 0 && r.Unit == "" {
		l = append(l, apperr.Invalidf(field+".unit", "Give the unit of the retention period."))
	}
	return l
}

// ValidateProcessorRecord checks an art. 30(2) record.
func ValidateProcessorRecord(p *ProcessorRecord) error {
	l := textcheck.Struct(p, textLimits)
	if strings.TrimSpace(p.ControllerName) == "" {
		l = append(l, apperr.Invalidf("controller_name", "Name the controller."))
	}
	if strings.TrimSpace(p.ControllerContact) == "" {
		l = append(l, apperr.Invalidf("controller_contact", "Give the controller's contact details."))
	}
	if len(p.ProcessingCategories) == 0 {
		l = append(l, apperr.Invalidf("processing_categories", "List the categories of processing carried out for the controller."))
	}
	a := Activity{Name: p.ControllerName, Transfers: p.Transfers}
	shape, legal := check(&a)
	for _, e := range append(shape, legal...) {
		if strings.HasPrefix(e.Field, "transfers") && !has(l, e) {
			l = append(l, e)
		}
	}
	p.Transfers = a.Transfers
	return l.Err()
}

// ValidateMeasure checks a catalogue entry.
func ValidateMeasure(m *Measure) error {
	l := textcheck.Struct(m, textLimits)
	if strings.TrimSpace(m.Name) == "" {
		l = append(l, apperr.Invalidf("name", "Name is required."))
	}
	if m.Kind != Technical && m.Kind != Organisational {
		l = append(l, apperr.Invalidf("kind", "A measure is technical or organisational."))
	}
	return l.Err()
}

// has reports whether l already holds e (the same field and message).
func has(l apperr.List, e *apperr.Error) bool {
	for _, x := range l {
		if x.Field == e.Field && x.Msg == e.Msg {
			return true
		}
	}
	return false
}

// CheckText checks every text field of a register record (an activity, a
// measure, a processor record) for bad bytes and length; see textcheck.
func CheckText(v any) apperr.List { return textcheck.Struct(v, textLimits) }
