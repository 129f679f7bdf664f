package agreement

import (
	"slices"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
)

// AgreementAudit is one audit held under an agreement: a controller
// auditing its processor, or (our role processor) a customer auditing us.
// Both sides keep the same record; the contract's audit clause
// (Terms.Audit.FrequencyMonths) says when the next one is due.
type AgreementAudit struct {
	ID          int64      `json:"id"`
	OrgID       int64      `json:"org_id"`
	AgreementID int64      `json:"agreement_id"`
	HeldOn      time.Time  `json:"held_on"`
	Kind        string     `json:"kind"`    // one of AuditKinds
	Auditor     string     `json:"auditor"` // "eigen FG", an external auditor, a customer's name
	Findings    string     `json:"findings"`
	FollowUp    string     `json:"follow_up"`
	FollowUpDue *time.Time `json:"follow_up_due"`
	Closed      bool       `json:"closed"` // the follow-up is done
}

// Kinds of audit.
const (
	AuditOnSite             = "on_site"
	AuditQuestionnaire      = "questionnaire"
	AuditReportReview       = "report_review" // a TPM, ISAE 3402 or SOC 2 report read
	AuditCertificationCheck = "certification_check"
)

// AuditKinds in form order.
var AuditKinds = []string{AuditOnSite, AuditQuestionnaire, AuditReportReview, AuditCertificationCheck}

// Messages of ValidateAudit (message ids of the catalogue).
const (
	MsgAuditInFuture     = "lies in the future"
	MsgFollowUpBeforeAud = "lies before the audit date"
)

// ValidateAudit tidies an audit and names every field that is wrong: the
// kind must be known, the audit held (on a date, not after today in
// Amsterdam given now) and a follow-up not due before the audit.
func ValidateAudit(a *AgreementAudit, now time.Time) error {
	a.Kind = strings.TrimSpace(a.Kind)
	a.Auditor = strings.TrimSpace(a.Auditor)
	a.Findings = strings.TrimSpace(a.Findings)
	a.FollowUp = strings.TrimSpace(a.FollowUp)
	var errs apperr.List
	if !slices.Contains(AuditKinds, a.Kind) {
		errs = append(errs, apperr.Invalidf("kind", "unknown value %q", a.Kind))
	}
	switch {
	case a.HeldOn.IsZero():
		errs = append(errs, apperr.Invalidf("held_on", "is required"))
	case a.HeldOn.After(deadline.EndOfDay(now.In(deadline.Amsterdam))):
		errs = append(errs, apperr.Invalidf("held_on", MsgAuditInFuture))
	}
	if a.FollowUpDue != nil && !a.HeldOn.IsZero() && dayOf(*a.FollowUpDue).Before(dayOf(a.HeldOn)) {
		errs = append(errs, apperr.Invalidf("follow_up_due", MsgFollowUpBeforeAud))
	}
	return errs.Err()
}

// AuditStart is where the audit rhythm of a never audited agreement
// starts: its signature, else its start, else when it was entered.
func AuditStart(a *Agreement) time.Time {
	switch {
	case a.SignedOn != nil:
		return *a.SignedOn
	case a.StartsOn != nil:
		return *a.StartsOn
	}
	return a.CreatedAt
}

// NextAudit is when the next audit is due: nil when the agreement fixes no
// frequency; else freqMonths after the last audit or, never audited, after
// start (see AuditStart). The months are added to the calendar date in
// Amsterdam (time.AddDate, no Reg. 1182/71 counting: a contract rhythm,
// not a legal period) and the audit is due by the end of that day.
func NextAudit(freqMonths *int, lastHeld *time.Time, start time.Time) *time.Time {
	if freqMonths == nil || *freqMonths <= 0 {
		return nil
	}
	from := start
	if lastHeld != nil {
		from = *lastHeld
	}
	due := deadline.EndOfDay(dayOf(from).AddDate(0, *freqMonths, 0))
	return &due
}

// dayOf is t's calendar date in Amsterdam, at midnight UTC.
func dayOf(t time.Time) time.Time { return deadline.DueDate(t) }
