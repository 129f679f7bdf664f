package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/incident"
	"privacyregister/internal/store"
)

func incEnumList[T ~string](f *form, name string) []T {
	var out []T
	for _, v := range f.values(name) {
		out = append(out, T(v))
	}
	return out
}

func incLines(s string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == ';' }) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// readReport reads the short report form (web form and intake link).
func (f *form) readReport() incident.Report {
	r := incident.Report{Title: f.str("title"), Description: f.str("description"), System: f.str("system"), StartedAt: f.when("started_at"),
		Ongoing: f.check("ongoing"), ActivityIDs: f.ids("activity_ids"), DataTypes: incEnumList[incident.DataType](f, "data_types"),
		DataOther: f.str("data_other"), People: incident.Range{Min: f.num("people.min"), Max: f.num("people.max")},
		Reporter: incident.Contact{Name: f.str("reporter_name"), JobTitle: f.str("reporter_job"), Email: f.str("reporter_email"), Phone: f.str("reporter_phone")}}
	if d := f.when("discovered_at"); d != nil {
		r.DiscoveredAt = *d
	}
	return r
}

// reportCase is a refused report as typed, to show the form again.
func reportCase(rep incident.Report, door incident.Door) *store.Incident {
	return &store.Incident{Incident: incident.NewCase(rep, door), System: rep.System}
}

// readDetails reads every field of the case form (AP form sections 0-9).
func (f *form) readDetails() *store.Incident {
	r := f.readReport()
	i := &store.Incident{Incident: incident.Incident{Title: r.Title, Description: r.Description, StartedAt: r.StartedAt, DiscoveredAt: r.DiscoveredAt,
		Ongoing: r.Ongoing, ActivityIDs: r.ActivityIDs, DataTypes: r.DataTypes, DataOther: r.DataOther, People: r.People, Reporter: r.Reporter}, System: r.System}
	i.Cause = f.str("cause")
	i.Regime = incident.Regime(f.str("regime"))
	i.FollowUpOf = f.str("follow_up_of")
	i.Role = incident.Role(f.str("role"))
	i.OtherOrganisation = f.str("other_organisation")
	i.Timing = incident.Timing(f.str("timing"))
	i.EndedAt = f.when("ended_at")
	i.AwareAt = f.when("aware_at")
	i.Properties = incEnumList[incident.Property](f, "properties")
	i.Natures = incEnumList[incident.Nature](f, "natures")
	i.SpecialCategories = incEnumList[incident.Special](f, "special_categories")
	i.Records = incident.Range{Min: f.num("records.min"), Max: f.num("records.max")}
	i.SubjectGroups = incLines(f.str("subject_groups"))
	i.Protection = incident.Protection(f.str("protection"))
	i.ProtectionHow = f.str("protection_how")
	i.Encrypted, i.Hashed = f.check("encrypted"), f.check("hashed")
	i.Consequences = incEnumList[incident.Consequence](f, "consequences")
	i.ConsequenceOther = f.str("consequence_other")
	i.AdviceToSubjects = f.str("advice_to_subjects")
	i.International = incident.TriState(f.str("international"))
	i.OtherCountries = incLines(f.str("other_countries"))
	i.OtherAuthorities = f.str("other_authorities")
	i.Remarks = f.str("remarks")
	i.LateReason = f.str("late_reason")
	i.ProcessorAwareAt = f.when("processor_aware_at")
	i.ProcessorToldAt = f.when("processor_told_at")
	i.ProcessorHours = f.num("processor_hours")
	return i
}

// incOption is a choice on a form.
type incOption struct {
	Value   string
	Label   string
	Checked bool
}

func incOptions[T ~string](lang string, all []T, chosen []T) []incOption {
	out := make([]incOption, len(all))
	for k, v := range all {
		out[k] = incOption{Value: string(v), Label: incident.Label(lang, v)}
		for _, c := range chosen {
			if c == v {
				out[k].Checked = true
			}
		}
	}
	return out
}

// formChoices are the incOption lists of the incident forms.
func incFormChoices(lang string, i *store.Incident, acts []store.IncidentActivityChoice) map[string]any {
	var actOpts []incOption
	for _, a := range acts {
		o := incOption{Value: strconv.FormatInt(a.ID, 10), Label: a.Name}
		for _, id := range i.ActivityIDs {
			o.Checked = o.Checked || id == a.ID
		}
		actOpts = append(actOpts, o)
	}
	return map[string]any{
		"DataTypes":    incOptions(lang, []incident.DataType{incident.NameAddress, incident.PhoneNumbers, incident.EmailAddress, incident.AccessData, incident.FinancialData, incident.BSN, incident.IDCopies, incident.SexBirthAge, incident.SpecialData, incident.OtherData}, i.DataTypes),
		"Properties":   incOptions(lang, []incident.Property{incident.Confidentiality, incident.Integrity, incident.Availability}, i.Properties),
		"Natures":      incOptions(lang, []incident.Nature{incident.Reading, incident.Copying, incident.Altering, incident.Deleting, incident.Theft, incident.NatureUnknown}, i.Natures),
		"Specials":     incOptions(lang, []incident.Special{incident.RacialEthnic, incident.Political, incident.Religious, incident.TradeUnion, incident.Genetic, incident.Biometric, incident.Health, incident.SexLife, incident.Criminal}, i.SpecialCategories),
		"Consequences": incOptions(lang, []incident.Consequence{incident.Stigmatisation, incident.HealthDamage, incident.Fraud, incident.SpamPhishing, incident.OtherConsequence}, i.Consequences),
		"Roles":        incOptions(lang, []incident.Role{incident.Controller, incident.Processor}, []incident.Role{i.Role}),
		"Regimes":      incOptions(lang, []incident.Regime{incident.RegimeAVG, incident.RegimeTelecom}, []incident.Regime{i.Regime}),
		"Timings":      incTimingOptions(lang, i.Timing),
		"Protections":  incOptions(lang, []incident.Protection{incident.Protected, incident.Unprotected, incident.PartProtected}, []incident.Protection{i.Protection}),
		"Tri":          incOptions(lang, []incident.TriState{incident.Unknown, incident.Yes, incident.No}, []incident.TriState{i.International}),
		"Informed":     incOptions(lang, []incident.Informed{incident.InformedNo, incident.InformedPlanned, incident.InformedYes}, []incident.Informed{i.SubjectsInformed}),
		"Activities":   actOpts,
	}
}

func incTimingOptions(lang string, chosen incident.Timing) []incOption {
	labels := map[incident.Timing]string{incident.OnDate: "on a date", incident.Period: "during a period", incident.TimingUnknown: "not yet known"}
	var out []incOption
	for _, t := range []incident.Timing{incident.OnDate, incident.Period, incident.TimingUnknown} {
		out = append(out, incOption{Value: string(t), Label: labels[t], Checked: t == chosen})
	}
	return out
}

// localInput formats a time for a datetime-local input in Amsterdam time.
func incLocalInput(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(Amsterdam).Format("2006-01-02T15:04")
}

func (s *Server) incidentNewPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i := &store.Incident{}
	now := s.Store.Now()
	i.DiscoveredAt = now
	return s.renderReportForm(w, r, c, i, nil)
}

func (s *Server) renderReportForm(w http.ResponseWriter, r *http.Request, c *Ctx, i *store.Incident, err error) error {
	acts, aerr := s.Store.IncidentActivityChoices(r.Context(), c.Org.ID)
	if aerr != nil {
		return aerr
	}
	data := map[string]any{"I": i, "C": incFormChoices(c.Lang, i, acts),
		"Discovered": typed(r, "discovered_at", incLocalInput(&i.DiscoveredAt)), "Started": typed(r, "started_at", incLocalInput(i.StartedAt))}
	if err != nil {
		return s.formError(w, r, c, "incident_new", "Report a security incident", data, err)
	}
	s.render(w, r, c, "incident_new", "Report a security incident", data)
	return nil
}

// incidentCreate registers a report by a member; the privacy officers
// are e-mailed.
func (s *Server) incidentCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "The form could not be read.")
	}
	f := newForm(r)
	rep := f.readReport()
	door := incident.Door{Source: store.SourceWeb, UserName: c.User.Name, UserEmail: c.User.Email}
	if err := f.errs.Err(); err != nil {
		return s.renderReportForm(w, r, c, reportCase(rep, door), err)
	}
	var i *store.Incident
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		i, err = tx.ReportIncident(r.Context(), c.Org, rep, door, c.User.ID)
		return err
	}); err != nil {
		return s.renderReportForm(w, r, c, reportCase(rep, door), err)
	}
	s.sendQueuedMail(r.Context())
	redirectFlash(w, r, incidentURL(c, i.ID), "created")
	return nil
}
