package web

import (
	"strings"

	"privacyregister/internal/dpia"
	"privacyregister/internal/i18n"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
)

// trailFieldLabels name the fields of the domain types, by their JSON
// names, as the audit trail shows them (message ids). The register's own
// field labels (regFieldLabels) come first for an activity.
var trailFieldLabels = map[string]string{
	"id": "Number", "org_id": "Organisation", "created_at": "Created", "updated_at": "Changed",
	"title": "Title", "name": "Name", "description": "Description", "notes": "Notes", "kind": "Kind",
	"status": "Status", "state": "Status", "email": "E-mail", "phone": "Phone", "role": "Role",
	"address": "Address", "country": "Country", "kvk": "Chamber of commerce number", "contacts": "Contacts",
	"certifications": "Certifications",
	// Agreements.
	"party_id": "Party", "party_name": "Party", "our_role": "Our role", "type": "Type of agreement",
	"version": "Version", "signed_on": "Signed on", "main_agreement": "Main agreement", "starts_on": "Starts on",
	"ends_on": "Ends on", "status_history": "Status history", "signatories": "Signatories", "annex1": "Annex 1: processing",
	"staff_groups": "Staff groups", "security_measures": "Security measures (annex 2)",
	"security_reporting": "Reporting on security", "terms": "Terms", "agreement_id": "Agreement",
	"activity_id": "Processing activity", "review_month": "Review month",
	// Incidents.
	"dossier": "Dossier number", "cause": "Cause", "regime": "Law", "follow_up_of": "Follow-up of notification",
	"other_organisation": "Other organisation involved", "reporter": "Reporter", "timing": "When it happened",
	"started_at": "Started", "ended_at": "Ended", "discovered_at": "Discovered", "aware_at": "Aware since",
	"ongoing": "Still ongoing", "system_ids": "Systems", "activity_ids": "Processing activities",
	"properties": "Security properties breached", "natures": "Nature of the breach", "data_types": "Kinds of personal data",
	"data_other": "Other personal data", "special_categories": "Special categories", "records": "Number of records",
	"people": "Number of people", "subject_groups": "Groups of data subjects", "protection": "Protection",
	"protection_how": "How the data were protected", "encrypted": "Encrypted", "hashed": "Hashed",
	"consequences": "Consequences", "consequence_other": "Other consequences", "measures": "Measures",
	"subjects_informed": "Data subjects informed", "subjects_why_not": "Why not informed",
	"subjects_informed_at": "Data subjects informed on", "public_communication": "Public communication",
	"advice_to_subjects": "Advice to data subjects", "international": "International",
	"other_countries": "Other countries", "other_authorities": "Other authorities", "remarks": "Remarks",
	"outcome": "Decision", "notified_authority_at": "Notified to the AP", "authority_reference": "AP reference",
	"late_reason": "Reason for the late notification", "phases": "Phases", "assignee_id": "Assigned to",
	// Requests.
	"reference": "Reference", "rights": "Rights", "channel": "Channel", "received_at": "Received",
	"requester": "Requester", "identity": "Identity", "due_at": "Due", "extension": "Extension",
	"refusal": "Refusal", "answered_at": "Answered", "closed_at": "Closed",
	// DPIAs and tasks.
	"necessity": "Necessity and proportionality", "risks": "Risks", "dpo_advice": "Advice of the DPO",
	"decision": "Decision", "decided_by": "Decided by", "decided_at": "Decided on",
	"residual_level": "Residual risk", "prior_consultation": "Prior consultation of the AP",
	"consultation_note": "Note on the consultation", "every_months": "Every (months)", "start_month": "First month",
	"window_months": "Window (months)", "anchor_year": "Starting year", "owner_id": "Owner", "last_done": "Last done",
	"active": "Active", "revoked_at": "Revoked", "label": "Label",
	// The store's own fields of a case.
	"source": "Source", "reporter_id": "Reported by", "subjects_how": "How the data subjects were told",
	"system": "System", "processor_aware_at": "Processor aware since", "processor_told_at": "Processor told us on",
	"processor_hours": "Hours the processor has", "steps": "Steps", "next": "Next time", "override_reason": "Reason for overriding the proposal",
	// Users, and the parts of agreements, cases and tasks.
	"lang": "Language", "totp_enabled": "Two-factor sign-in", "must_change_password": "Must change password",
	"disabled": "Blocked", "password_changed": "Password changed", "done_at": "Done on", "done_by": "Done by",
	"note": "Note", "task_id": "Task", "incident_id": "Incident", "request_id": "Request", "auditor": "Auditor",
	"conclusion": "Conclusion", "findings": "Findings", "follow_up": "Follow-up", "follow_up_due": "Follow-up due",
	"held_on": "Held on", "file_name": "File", "file_type": "Type of file", "deadline": "Deadline",
	"notified_at": "Notified on", "sent_at": "Sent on", "reviewer": "Reviewer", "reviewed_at": "Reviewed on",
	"service": "Service", "subprocessor": "Sub-processor", "notice_date": "Date of the notice", "last_used_at": "Last used",
	"prefix": "Prefix", "text": "Text", "target_hours": "Target (hours)", "contract_hours": "Hours in the contract",
	"replaces": "Replaces", "actor": "By", "closed": "Closed", "user_id": "User", "at": "Moment", "reason": "Reason",
	"first_due": "First due date",
}

// decisionLabels name the parts of an incident's decision as the decision
// aid on the case page shows them: its questions, what it proposes and why.
var decisionLabels = map[string]string{
	"assessment": "Answers of the decision aid", "proposed": "The decision aid proposes", "risk": "Risk", "reasons": "Reasons",
	"personal_data": "Personal data are involved", "as_processor": "We process these data as a processor for a controller",
	"confidentiality": "Confidentiality breached (unauthorised access or disclosure)", "integrity": "Integrity breached (data altered)",
	"availability": "Availability breached (data lost or unreachable)", "restored": "Restored in time from a backup, without consequences",
	"special_or_criminal": "Special categories or criminal data", "sensitive": "Sensitive data (financial, BSN, identity documents, passwords)",
	"easily_identifiable": "The data identify people directly",
	"identity_fraud":      "The data allow identity fraud (name with address and date of birth, BSN, identity documents)",
	"vulnerable":          "Vulnerable people (children, patients)", "severity": "Severity of the consequences",
	"judgement":               "Your own judgement of the risk (overrides the factors)",
	"unintelligible":          "(a) The data are unintelligible to others, e.g. encrypted with an uncompromised key",
	"mitigated_after":         "(b) Later measures make the high risk no longer likely",
	"disproportionate_effort": "(c) Informing each person would take disproportionate effort",
}

// decisionValues are the decision aid's choices as its form shows them.
var decisionValues = map[string]map[string]string{
	"severity": {string(incident.SeverityLow): "low: inconvenience, quickly overcome", string(incident.SeverityMedium): "medium: significant but surmountable",
		string(incident.SeverityHigh): "high: serious or irreversible"},
	"risk": {string(incident.RiskUnlikely): "risk unlikely", string(incident.RiskPresent): "risk", string(incident.RiskHigh): "high risk"},
}

// trailFieldLabel is a field's label in lang: the register's for an
// activity, then the shared list, else the field name in words (never a Go
// name: "AwareAt" becomes "aware at").
func trailFieldLabel(lang, entity, field string) string {
	field = store.SnakeName(field)
	if l, ok := decisionLabels[field]; ok && entity == "incident" {
		return i18n.T(lang, l)
	}
	if entity == store.EntityActivity {
		if l, ok := regFieldLabels[field]; ok {
			return i18n.T(lang, l)
		}
	}
	if l, ok := trailFieldLabels[field]; ok {
		return i18n.T(lang, l)
	}
	if l, ok := regFieldLabels[field]; ok {
		return i18n.T(lang, l)
	}
	h := strings.ReplaceAll(field, "_", " ")
	if i18n.Has(lang, h) {
		return i18n.T(lang, h)
	}
	return strings.ToUpper(h[:1]) + h[1:]
}

// trailEnumLabel is an enum value of a field as its page shows it, in lang,
// and false when the field holds no enum (or the value is unknown).
func trailEnumLabel(lang, entity, field, v string) (string, bool) {
	var s string
	switch entity {
	case "incident":
		s = incidentEnum(lang, field, v)
	case "request":
		s = requestEnum(lang, field, v)
	case "dpia":
		switch field {
		case "state":
			s = dpia.State(v).Label(lang)
		}
	case "task":
		if field == "kind" {
			s = i18n.T(lang, task.Kind(v).Label())
		}
	case "incident_event":
		if field == "kind" && i18n.Has(lang, "event."+v) {
			s = i18n.T(lang, "event."+v)
		}
	case "membership", "invitation":
		if field == "role" {
			s = i18n.T(lang, org.Role(v).Label())
		}
	case store.EntityActivity, store.EntityMeasure, store.EntityProcessorRecord:
		s = regLabel(lang, v)
	case "agreement", "party", "subprocessor_notice", "agreement_review", "agreement_audit":
		if l, ok := agLabels[v]; ok {
			s = i18n.T(lang, l)
		}
	}
	if s == "" || s == v {
		return "", false
	}
	return s, true
}

func incidentEnum(lang, field, v string) string {
	var x any
	switch field {
	case "regime":
		x = incident.Regime(v)
	case "role":
		x = incident.Role(v)
	case "properties":
		x = incident.Property(v)
	case "natures":
		x = incident.Nature(v)
	case "data_types":
		x = incident.DataType(v)
	case "special_categories":
		x = incident.Special(v)
	case "consequences":
		x = incident.Consequence(v)
	case "protection":
		x = incident.Protection(v)
	case "international":
		x = incident.TriState(v)
	case "subjects_informed":
		x = incident.Informed(v)
	case "outcome":
		x = incident.Outcome(v)
	case "kind":
		x = incident.MeasureKind(v)
	case "severity", "risk", "judgement":
		if field == "judgement" {
			field = "risk"
		}
		if l, ok := decisionValues[field][v]; ok {
			return i18n.T(lang, l)
		}
		return ""
	case "reasons": // message ids of the decision aid
		if i18n.Has("nl", v) {
			return i18n.T(lang, v)
		}
		return ""
	default:
		return ""
	}
	return incident.Label(lang, x)
}

func requestEnum(lang, field, v string) string {
	var x any
	switch field {
	case "rights":
		x = request.Right(v)
	case "channel":
		x = request.Channel(v)
	case "state":
		x = request.State(v)
	case "method":
		x = request.IdentityMethod(v)
	default:
		return ""
	}
	return request.Label(lang, x)
}

// trailKinds are the kinds of object the trail's filter offers, with their
// names (message ids).
var trailKinds = []struct{ Kind, Label string }{
	{store.EntityActivity, "Processing activity"}, {"agreement", "Agreement"}, {"party", "Party"},
	{"incident", "Incident"}, {"request", "Request of a data subject"}, {"dpia", "DPIA"}, {"dpia_screening", "DPIA screening"},
	{"task", "Task"}, {store.EntityMeasure, "Security measure"}, {store.EntityProcessorRecord, "Processor's record"},
	{"activity_agreement", "Activity linked to an agreement"}, {"subprocessor_notice", "Sub-processor notice"},
	{"agreement_review", "Agreement review"}, {"agreement_audit", "Agreement audit"}, {"attachment", "Attachment"},
	{"incident_event", "Incident note or phase"}, {"incident_controller", "Controller of an incident"},
	{"incident_notification", "Notification to the AP"}, {"intake_link", "Intake link"},
	{"task_completion", "Task done"}, {"privacy_statement", "Privacy statement"}, {"decree_day", "Holiday"},
	{"user", "User"}, {"membership", "Membership"}, {"invitation", "Invitation"}, {"api_token", "API token"}, {"mail", "E-mail"},
	{store.EntitySSOProvider, "Single sign-on"}, {store.EntitySSOIdentity, "Single sign-on link"},
	{"organisation", "Organisation"}, {store.EntityRegister, "Register settings"}, {"agreement_settings", "Agreement settings"},
}

// trailKindLabel names a kind of object in lang.
func trailKindLabel(lang, kind string) string {
	for _, k := range trailKinds {
		if k.Kind == kind {
			return i18n.T(lang, k.Label)
		}
	}
	return strings.ReplaceAll(kind, "_", " ")
}
