package incident

import (
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/i18n"
	"privacyregister/internal/textcheck"
)

// Limits are the length limits of an incident's text fields, one per
// field, for a first report and for the whole case alike, whichever door
// (web form, intake link, API) the text came through.
var Limits = textcheck.Common.With(textcheck.Limits{
	"system": textcheck.Short, "job_title": textcheck.Short, "other_organisation": textcheck.Short,
	"follow_up_of": textcheck.Short, "authority_reference": textcheck.Short,
	"cause": textcheck.Long, "remarks": textcheck.Long, "advice_to_subjects": textcheck.Long, "subjects_why_not": textcheck.Long,
	"late_reason": textcheck.Long, "protection_how": textcheck.Long, "consequence_other": textcheck.Long, "data_other": textcheck.Long,
	"other_authorities": textcheck.Long,
})

// Report is what someone who found an incident tells at first (the
// ontdekker's short form): the same fields through the web form, the
// intake link and the API. The privacy officer completes the rest.
type Report struct {
	Title        string     `json:"title"`
	Description  string     `json:"description"`
	System       string     `json:"system"` // the system involved, as the reporter names it
	StartedAt    *time.Time `json:"started_at"`
	DiscoveredAt time.Time  `json:"discovered_at"`
	Ongoing      bool       `json:"ongoing"`
	ActivityIDs  []int64    `json:"activity_ids"`
	DataTypes    []DataType `json:"data_types"`
	DataOther    string     `json:"data_other"`
	People       Range      `json:"people"`
	Properties   []Property `json:"properties"`
	Reporter     Contact    `json:"reporter"`
}

// Door is the way a report came in; it decides nothing but the defaults
// below and is kept as the case's source.
type Door struct {
	Source string // web, intake, api
	// User is the signed-in reporter (nil through an intake link): the
	// contact when the report names none.
	UserName, UserEmail string
	// Anonymous doors (the intake link) see no register, so they name no
	// processing activities.
	Anonymous bool
	// ActsOnlyAsProcessor: the organisation is only ever a processor, so
	// its cases start in the processor's role (it tells the controller).
	ActsOnlyAsProcessor bool
}

// NewCase makes the case of a report with the defaults every door shares:
// trimmed text, the AVG regime, the controller's role (the processor's for
// an organisation that only processes), timing from the start date, the
// discovery phase done and the inventory started, and the signed-in
// reporter as contact when the report names none.
func NewCase(r Report, d Door) Incident {
	inc := Incident{
		Title: strings.TrimSpace(r.Title), Description: strings.TrimSpace(r.Description),
		StartedAt: r.StartedAt, DiscoveredAt: r.DiscoveredAt, Ongoing: r.Ongoing,
		ActivityIDs: r.ActivityIDs, DataTypes: r.DataTypes, DataOther: strings.TrimSpace(r.DataOther),
		People: r.People, Properties: r.Properties,
		Regime: DefaultRegime, Role: Controller, Timing: TimingUnknown,
		Phases: map[Phase]PhaseState{Discover: Done, Inventory: InProgress},
	}
	inc.Reporter = Contact{Name: strings.TrimSpace(r.Reporter.Name), JobTitle: strings.TrimSpace(r.Reporter.JobTitle),
		Email: strings.TrimSpace(r.Reporter.Email), Phone: strings.TrimSpace(r.Reporter.Phone)}
	if inc.Reporter == (Contact{}) {
		inc.Reporter.Name, inc.Reporter.Email = d.UserName, d.UserEmail
		if inc.Reporter.Name == "" {
			inc.Reporter.Name = d.UserEmail
		}
	}
	if d.Anonymous {
		inc.ActivityIDs = nil
	}
	if d.ActsOnlyAsProcessor {
		inc.Role = Processor
	}
	if inc.StartedAt != nil {
		inc.Timing = OnDate
	}
	return inc
}

// ValidateReport checks a new case made by NewCase: everything Validate
// checks, and a way to call the reporter back.
func ValidateReport(inc *Incident, now time.Time) error {
	var errs apperr.List
	if err := Validate(inc, now); err != nil {
		l, ok := err.(apperr.List)
		if !ok {
			return err
		}
		errs = l
	}
	if c := inc.Reporter; strings.TrimSpace(c.Name+c.Email+c.Phone) == "" {
		errs = append(errs, apperr.Invalidf("reporter.name", "Leave a name, e-mail address or phone number so the privacy officer can call you back."))
	}
	return errs.Err()
}

// ReportMail is the one e-mail the privacy officers (the melders) get of a
// new report, in lang: it holds no content of the report, only where to
// read it (link) and that the AuthorityHours may be running.
func ReportMail(lang, orgName, dossier, link string) (subject, body string) {
	subject = i18n.T(lang, "New security incident %s", dossier)
	body = i18n.T(lang, "A security incident was reported to %s: dossier %s.", orgName, dossier) + "\n\n" +
		i18n.T(lang, "The %d hours to notify the AP may already be running. Open the case:", AuthorityHours) + "\n" + link + "\n"
	return subject, body
}
