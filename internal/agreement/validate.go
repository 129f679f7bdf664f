package agreement

import (
	"fmt"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/contract"
	"privacyregister/internal/country"
	"privacyregister/internal/incident"
	"privacyregister/internal/textcheck"
)

var (
	regimes   = []string{contract.RegimeSpecific, contract.RegimeGeneralObjection, contract.RegimeGeneralNoObjection, contract.NotAddressed}
	locations = []string{contract.LocEEAOnly, contract.LocEUOnly, contract.LocEEAOrAdequate, contract.LocOutsideConsent, contract.LocOutsideAllowed, contract.NotAddressed}
	costs     = []string{contract.CostController, contract.CostProcessor, contract.CostDepends, contract.CostNotStated}
	ends      = []string{contract.EndDelete, contract.EndReturn, contract.EndControllerChoice, contract.NotAddressed}
)

// Enum lists for forms.
func Regimes() []string        { return regimes }
func DataLocations() []string  { return locations }
func AuditCosts() []string     { return costs }
func EndsOfContract() []string { return ends }

func oneOf(v string, in []string) bool {
	for _, x := range in {
		if x == v {
			return true
		}
	}
	return false
}

// Normalise trims text, fills defaults, resolves country names to codes and
// classifies sub-processors. Call it before Validate.
func (a *Agreement) Normalise() {
	a.Title = strings.TrimSpace(a.Title)
	if a.OurRole == "" {
		a.OurRole = RoleController
	}
	if a.Type == "" {
		a.Type = TypeDPA
	}
	if a.Status == "" {
		a.Status = StatusNone
	}
	t := &a.Terms
	if t.Art28 == nil {
		t.Art28 = map[string]contract.Element{}
	}
	if t.Subprocessors.Regime == "" {
		t.Subprocessors.Regime = contract.NotAddressed
	}
	if t.DataLocation == "" {
		t.DataLocation = contract.NotAddressed
	}
	if t.EndOfContract == "" {
		t.EndOfContract = contract.NotAddressed
	}
	if t.Audit.Cost == "" {
		t.Audit.Cost = contract.CostNotStated
	}
	if t.Law == "" {
		t.Law = "avg"
	}
	if t.Language == "" {
		t.Language = "nl"
	}
	for i := range t.Subprocessors.Named {
		s := &t.Subprocessors.Named[i]
		s.Name = strings.TrimSpace(s.Name)
		if s.Country != nil {
			if c, ok := country.Lookup(*s.Country); ok {
				code := c.Code
				s.Country = &code
			}
		}
	}
	t.Classify()
	a.deriveFlags()
}

// deriveFlags recomputes the flags that follow from the terms, so an edited
// term never leaves a stale flag behind. The flags only a reader can set
// (own purposes, unilateral changes, transfers without consent) are kept.
func (a *Agreement) deriveFlags() {
	t := &a.Terms
	h := t.BreachNotification.Hours
	t.SetFlag(contract.FlagOver72h, (h != nil && *h > incident.AuthorityHours) || (h == nil && !t.BreachNotification.WithoutDelay))
	t.SetFlag(contract.FlagNoAudit, !t.Audit.Right)
	if a.Type == TypeWbp || t.Law == "wbp" {
		t.SetFlag(contract.FlagWbp, true) // else kept: an AVG-era text may still speak of the Wbp
	}
	t.SetFlag(contract.FlagLowCap, t.LiabilityCapEUR != nil && *t.LiabilityCapEUR < LowCapEUR)
	missing := false
	for _, l := range contract.Art28Letters {
		missing = missing || !t.Art28[l].Present
	}
	t.SetFlag(contract.FlagMissingArt28, missing)
	if t.DataLocation == contract.LocOutsideAllowed {
		t.SetFlag(contract.FlagOutsideEEA, true)
	}
}

// Validate reports every impossible or unknown value, naming the field.
func (a *Agreement) Validate() error {
	errs := textcheck.Struct(a, textcheck.Common)
	add := func(field, msg string, args ...any) { errs = append(errs, apperr.Invalidf(field, msg, args...)) }
	if a.Title == "" {
		add("title", "is required")
	} else if len(a.Title) > 300 {
		add("title", "is too long")
	}
	if !oneOf(string(a.OurRole), []string{string(RoleController), string(RoleProcessor), string(RoleJointController)}) {
		add("our_role", "unknown value %q", a.OurRole)
	}
	if !oneOf(string(a.Type), typesAsStrings()) {
		add("type", "unknown value %q", a.Type)
	}
	if !oneOf(string(a.Status), statusesAsStrings()) {
		add("status", "unknown value %q", a.Status)
	}
	if a.StartsOn != nil && a.EndsOn != nil && a.EndsOn.Before(*a.StartsOn) {
		add("ends_on", "ends before it starts")
	}
	t := a.Terms
	if h := t.BreachNotification.Hours; h != nil && (*h < 0 || *h > 24*365) {
		add("breach_notification.hours", "must be between 0 and 8760 hours")
	}
	if h := t.SubprocessorNotificationHours; h != nil && (*h < 0 || *h > 24*365) {
		add("subprocessor_notification_hours", "must be between 0 and 8760 hours")
	}
	if d := t.Subprocessors.ObjectionDays; d != nil && (*d < 0 || *d > 366) {
		add("subprocessors.objection_days", "must be between 0 and 366 days")
	}
	if !oneOf(t.Subprocessors.Regime, regimes) {
		add("subprocessors.regime", "unknown value %q", t.Subprocessors.Regime)
	}
	if !oneOf(t.DataLocation, locations) {
		add("data_location", "unknown value %q", t.DataLocation)
	}
	if !oneOf(t.Audit.Cost, costs) {
		add("audit.cost", "unknown value %q", t.Audit.Cost)
	}
	if f := t.Audit.FrequencyMonths; f != nil && (*f < 1 || *f > 120) {
		add("audit.frequency_months", "must be between 1 and 120 months")
	}
	if !oneOf(t.EndOfContract, ends) {
		add("end_of_contract", "unknown value %q", t.EndOfContract)
	}
	if t.Law != "avg" && t.Law != "wbp" {
		add("law", "unknown value %q", t.Law)
	}
	if t.Language != "nl" && t.Language != "en" {
		add("language", "unknown value %q", t.Language)
	}
	if v := t.LiabilityCapEUR; v != nil && *v < 0 {
		add("liability_cap_eur", "must not be negative")
	}
	if v := t.PenaltyEUR; v != nil && *v < 0 {
		add("penalty_eur", "must not be negative")
	}
	for _, p := range []struct {
		f string
		v *int
	}{{"end_deadline_days", t.EndDeadlineDays}, {"unilateral_change_notice_days", t.UnilateralChangeNoticeDays}, {"breach_record_retention_months", t.BreachRecordRetentionMonths}} {
		if p.v != nil && *p.v < 0 {
			add(p.f, "must not be negative")
		}
	}
	if g := t.GoverningLaw; g != nil && *g != "" {
		if _, ok := country.Lookup(*g); !ok {
			add("governing_law", "unknown country %q", *g)
		}
	}
	for k := range t.Art28 {
		if !oneOf(k, contract.Art28Letters) {
			add("art28", "unknown element %q (use a to h)", k)
		}
	}
	for i, s := range t.Subprocessors.Named {
		field := fmt.Sprintf("subprocessors.named[%d]", i)
		if s.Name == "" {
			add(field+".name", "is required")
		}
		if s.Country != nil && *s.Country != "" {
			if _, ok := country.Lookup(*s.Country); !ok {
				add(field+".country", "unknown country %q", *s.Country)
			}
		}
	}
	for i, r := range a.Annex1 {
		for _, c := range r.Countries {
			if _, ok := country.Lookup(c); !ok {
				add(fmt.Sprintf("annex1[%d].countries", i), "unknown country %q", c)
			}
		}
	}
	return errs.Err()
}

func typesAsStrings() []string {
	out := make([]string, len(Types))
	for i, t := range Types {
		out[i] = string(t)
	}
	return out
}

func statusesAsStrings() []string {
	out := make([]string, len(Statuses))
	for i, t := range Statuses {
		out[i] = string(t)
	}
	return out
}

// Normalise trims a party and resolves its country.
func (p *Party) Normalise() {
	p.Name = strings.TrimSpace(p.Name)
	p.KvK = strings.TrimSpace(p.KvK)
	if p.Kind == "" {
		p.Kind = KindProcessor
	}
	if c, ok := country.Lookup(p.Country); ok {
		p.Country = c.Code
	}
	out := p.Contacts[:0:0]
	for _, c := range p.Contacts {
		if c.Name != "" || c.Email != "" || c.Phone != "" {
			out = append(out, c)
		}
	}
	p.Contacts = out
	certs := p.Certifications[:0:0]
	for _, c := range p.Certifications {
		if strings.TrimSpace(c.Name) != "" {
			certs = append(certs, c)
		}
	}
	p.Certifications = certs
}

// Validate checks a party.
func (p *Party) Validate() error {
	errs := textcheck.Struct(p, textcheck.Common)
	if p.Name == "" {
		errs = append(errs, apperr.Invalidf("name", "is required"))
	} else if len(p.Name) > 300 {
		errs = append(errs, apperr.Invalidf("name", "is too long"))
	}
	if !oneOf(string(p.Kind), []string{string(KindProcessor), string(KindSubprocessor), string(KindController)}) {
		errs = append(errs, apperr.Invalidf("kind", "unknown value %q", p.Kind))
	}
	if p.Country != "" {
		if _, ok := country.Lookup(p.Country); !ok {
			errs = append(errs, apperr.Invalidf("country", "unknown country %q", p.Country))
		}
	}
	for i, c := range p.Contacts {
		if !oneOf(c.Role, ContactRoles) {
			errs = append(errs, apperr.Invalidf(fmt.Sprintf("contacts[%d].role", i), "unknown value %q", c.Role))
		}
		if c.Email != "" && !strings.Contains(c.Email, "@") {
			errs = append(errs, apperr.Invalidf(fmt.Sprintf("contacts[%d].email", i), "is not an e-mail address"))
		}
	}
	for i, c := range p.Certifications {
		if c.IssuedOn != nil && c.Expires != nil && c.Expires.Before(*c.IssuedOn) {
			errs = append(errs, apperr.Invalidf(fmt.Sprintf("certifications[%d].expires", i), "expires before it was issued"))
		}
	}
	return errs.Err()
}
