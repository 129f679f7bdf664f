package web

import "privacyregister/internal/i18n"

// formField is how a form page shows a field that an error names.
type formField struct {
	Label string // message id of the field's label on the page
	Name  string // the form field's name, when the error names it otherwise (a domain name such as "identity.by")
	ID    string // the input's HTML id, when it is not fieldID(Name)
}

// formFields name the fields of each form page (by template) for its
// messages: the error's field → the label the page shows. A message about
// a field a page does not list names no field, rather than an internal name.
var formFields = map[string]map[string]formField{
	"incident_new": reportFields,
	"intake":       reportFields,
	"incident": {
		"title": {Label: "Title"}, "description": {Label: "Summary of what happened"}, "system": {Label: "System or application"},
		"started_at": {Label: "Date, or start of the period"}, "ended_at": {Label: "End of the period"},
		"discovered_at": {Label: "Discovered at"}, "aware_at": {Label: "Aware at"},
		"processor_aware_at": {Label: "When a processor told us: when it became aware"}, "processor_told_at": {Label: "When the processor told us"},
		"processor_hours": {Label: "Hours in the processor's agreement (empty: without delay)"},
		"people.min":      {Label: "People, at least"}, "people.max": {Label: "People, at most"}, "people": {Label: "Number of people affected (maximum)", ID: "d-people"},
		"records.min": {Label: "Records, at least"}, "records.max": {Label: "Records, at most"},
		"reporter.name": {Label: "Name", Name: "reporter_name"}, "reporter_name": {Label: "Name"}, "reporter_email": {Label: "E-mail address"},
		"activity_ids": {Label: "Processing activities involved"}, "severity": {Label: "Severity of the consequences", ID: "d-severity"},
		"judgement":       {Label: "Your own judgement of the risk (overrides the factors)", ID: "d-judgement"},
		"override_reason": {Label: "Reason when deviating from the proposal", ID: "d-reason"},
		"restored":        {Label: "Restored in time from a backup, without consequences"},
		"sent_at":         {Label: "Sent at", ID: "n-sent"}, "notified_authority_at": {Label: "Sent at", Name: "sent_at", ID: "n-sent"},
		"late_reason":          {Label: "Reason for the delay (required after the 72 hours)", ID: "n-late"},
		"confirmation":         {Label: "Confirmation of the AP (optional)", ID: "n-file"},
		"subjects_informed_at": {Label: "When", ID: "s-at"}, "subjects_how": {Label: "How (letter, e-mail, website)", ID: "s-how"},
		"subjects_why_not": {Label: "Why not (when not informed)", ID: "s-why"},
		"controller_name":  {Label: "Controller", ID: "c-name"}, "contract_hours": {Label: "Hours in the agreement (empty: without delay)", ID: "c-hours"},
		"target_hours": {Label: "Our target in hours when the agreement says without delay", ID: "c-target"},
		"done_at":      {Label: "Done at (empty: planned)", ID: "m-done"}, "assignee": {Label: "Assigned to", ID: "a-user"},
		"note": {Label: "Note"}, "reason": {Label: "Reason for reopening"},
		"phases": {Label: "Phases", ID: "h-phases"}, "phases.discover": {Label: "Phases", ID: "ph-discover"},
		"phases.inventory": {Label: "Phases", ID: "ph-inventory"}, "phases.qualify": {Label: "Phases", ID: "ph-qualify"},
		"phases.repair": {Label: "Phases", ID: "ph-repair"}, "phases.notify": {Label: "Phases", ID: "ph-notify"},
		"phases.archive": {Label: "Phases", ID: "ph-archive"}, "dossier": {Label: "Dossier number"},
		// What closing a case needs (incident.CheckClose).
		"outcome": {Label: "Outcome", ID: "d-outcome"}, "consequences": {Label: "Consequences", ID: "consequence_other"},
		"measures": {Label: "Measures", ID: "m-desc"}, "controllers": {Label: "Controllers to notify", ID: "h-ctl"},
		"subjects_informed": {Label: "Have the people concerned been told?", ID: "s-informed"},
	},
	"request_public": {
		"rights": {Label: "What do you ask?"}, "description": {Label: "Explain your request (which data, which period, which service)"},
		"name": {Label: "Your name"}, "requester.name": {Label: "Your name", Name: "name"}, "email": {Label: "E-mail address"},
		"phone": {Label: "Phone"}, "address": {Label: "Postal address"}, "on_behalf_of": {Label: "Asking for someone else? For whom, and as what (parent, guardian, lawyer)"},
	},
	"request_new": {
		"rights": {Label: "Which right"}, "received_at": {Label: "Received on"}, "channel": {Label: "Received by"},
		"reference": {Label: "Reference (empty: numbered automatically)"}, "name": {Label: "Name"}, "requester.name": {Label: "Name", Name: "name"},
		"requester": {Label: "Who asks", Name: "name"},
		"email":     {Label: "E-mail address"}, "phone": {Label: "Phone"}, "address": {Label: "Address"},
		"identity_method": {Label: "How verified"}, "identity.method": {Label: "How verified", Name: "identity_method"},
		"identity_by": {Label: "Checked by"}, "identity.by": {Label: "Checked by", Name: "identity_by"},
		"activities": {Label: "Processing activities concerned"}, "activity_ids": {Label: "Processing activities concerned", Name: "activities"},
		"description": {Label: "What is asked"},
	},
	"request_detail": {
		"step.at": {Label: "Date", ID: "step-at"}, "step.kind": {Label: "Kind", ID: "step-kind"}, "step.text": {Label: "Text", ID: "step-text"},
		"identity.by": {Label: "Checked by", ID: "id-by"}, "identity.at": {Label: "Date", ID: "id-at"}, "identity.method": {Label: "How verified", ID: "id-method"},
		"extension.at": {Label: "Requester told on", ID: "ext-at"}, "extension.reason": {Label: "Reasons", ID: "ext-reason"},
		"answered_at": {Label: "Sent on", ID: "reply-at"}, "reply.text": {Label: "Copy of the reply", ID: "reply-text"},
		"refusal.at": {Label: "Sent on", ID: "refuse-at"}, "refusal.ground": {Label: "Ground", ID: "ground"},
		"refusal.interest":    {Label: "Interest of art. 41(1) UAVG (with that ground)", ID: "interest"},
		"refusal.explanation": {Label: "Explanation to the requester", ID: "explanation"},
	},
	"agreement_form": {
		"title": {Label: "Title"}, "party_id": {Label: "Party"}, "our_role": {Label: "Our role"}, "type": {Label: "Type"},
		"status": {Label: "Status"}, "version": {Label: "Version"}, "signed_on": {Label: "Signed on"}, "starts_on": {Label: "Starts on"},
		"ends_on": {Label: "Ends on (empty: as long as the main agreement)"}, "main_agreement": {Label: "Main agreement"},
		"breach_notification.hours":       {Label: "Breach notice to you within (hours)", ID: "bn_hours"},
		"subprocessor_notification_hours": {Label: "Sub-processor notice to processor (hours)", ID: "sub_hours"},
		"subprocessors.objection_days":    {Label: "Objection window (days)", ID: "objection_days"},
		"audit.frequency_months":          {Label: "Audit frequency (months)", ID: "audit_freq"},
		"end_deadline_days":               {Label: "Deadline to delete or return (days)", ID: "end_days"},
		"liability_cap_eur":               {Label: "Liability cap (EUR)", ID: "cap"}, "penalty_eur": {Label: "Penalty per breach (EUR)", ID: "penalty"},
		"breach_record_retention_months": {Label: "Breach records kept after the end (months)", ID: "records"},
		"unilateral_change_notice_days":  {Label: "Notice of a unilateral change (days)", ID: "uni_days"},
		"sub.since":                      {Label: "Sub-processors"}, "sig.date": {Label: "Signatories"}, "measure_ids": {Label: "Security measures"},
		"notes": {Label: "Notes"},
	},
	"agreement_detail": {
		"subprocessor": {Label: "Sub-processor", ID: "n_sub"}, "country": {Label: "Country", ID: "n_country"},
		"notice_date": {Label: "Notice date", ID: "n_date"}, "decision": {Label: "Decision"},
		"held_on": {Label: "Held on", ID: "au_held"}, "follow_up_due": {Label: "Follow-up due", ID: "au_due"},
		"conclusion": {Label: "Conclusion"},
	},
	"dpia_new": {
		"title": {Label: "Title"}, "activity_id": {Label: "Processing activity"}, "description": {Label: "Description of the processing"},
		"purposes": {Label: "Purposes"}, "necessity": {Label: "Necessity and proportionality"},
	},
	"task_form": {
		"kind": {Label: "Kind"}, "title": {Label: "Title"}, "description": {Label: "Description"}, "every_months": {Label: "Every how many months"},
		"start_month": {Label: "Window starts in"}, "review_month": {Label: "Window starts in", Name: "start_month"},
		"window_months": {Label: "Window length in months"}, "anchor_year": {Label: "A year with a window"},
		"owner_id": {Label: "Owner"}, "activity_id": {Label: "Processing activity"},
	},
	"settings": {
		"name": {Label: "Name"}, "roles": {Label: "Acts as"}, "kvk": {Label: "Chamber of commerce number"}, "address": {Label: "Address"},
		"employees": {Label: "Number of employees"}, "dpo_email": {Label: "E-mail address"},
	},
	"users": {"email": {Label: "E-mail address"}, "name": {Label: "Name"}, "role": {Label: "Role"}},
	"login": {"sso_email": {Label: "Your work e-mail address"}},
	"sso": {
		"issuer": {Label: "Issuer URL"}, "client_id": {Label: "Client ID"}, "domains": {Label: "Allowed e-mail domains"},
		"default_role": {Label: "Role of a new user"}, "mandatory": {Label: "Single sign-on is mandatory for members"},
	},
	"annual": {"year": {Label: "Year"}},
	"scim":   {"name": {Label: "Name of the new token"}},
	"audit":  {"from": {Label: "From"}, "to": {Label: "To"}, "id": {Label: "Object"}},
	// The activity form takes its labels from regFieldLabels; here only
	// the fields whose input is named otherwise.
	"register_form": {
		"subject_categories": {Name: "subjects"}, "dpia_needed": {Name: "dpia"}, "risk_analysis_done": {Name: "risk"},
		"opt_in_mail": {Name: "opt_in"}, "consent_records": {Name: "consent"}, "cleanup_moment": {Name: "cleanup"},
		"purposes": {ID: "purposes-0-description"}, "transfers": {ID: "transfers-0-country"},
	},
}

// reportFields are the fields of the short incident report (web form and
// intake link).
var reportFields = map[string]formField{
	"title": {Label: "What happened, in a few words"}, "description": {Label: "Describe what happened"},
	"started_at": {Label: "When did it start (if known)"}, "discovered_at": {Label: "When was it discovered"},
	"system": {Label: "Which system or application"}, "data_types": {Label: "Which personal data"}, "data_other": {Label: "Other data"},
	"people.min": {Label: "at least"}, "people.max": {Label: "at most"}, "people": {Label: "How many people, roughly", Name: "people.min"},
	"reporter_name": {Label: "Name"}, "reporter.name": {Label: "Name", Name: "reporter_name"}, "reporter_email": {Label: "E-mail address"},
	"reporter_phone": {Label: "Phone"}, "activity_ids": {Label: "Processing activities involved"},
}

// formFieldName is the form field an error about field is shown at.
func formFieldName(page, field string) string {
	if f, ok := formFields[page][field]; ok && f.Name != "" {
		return f.Name
	}
	return field
}

// formFieldID is the HTML id of the input the summary links to.
func formFieldID(page, field string) string {
	if f, ok := formFields[page][field]; ok && f.ID != "" {
		return f.ID
	}
	return fieldID(formFieldName(page, field))
}

// fieldLabel is the label of field on page in lang, "" when the page does
// not name it.
func fieldLabel(lang, page, field string) string {
	if page == "register_form" {
		if l, ok := regFieldLabelOK(lang, field); ok {
			return l
		}
		return ""
	}
	if f, ok := formFields[page][field]; ok {
		return i18n.T(lang, f.Label)
	}
	return ""
}
