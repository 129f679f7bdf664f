package contract

// The checklists of the model agreements, written in our own words. Each
// Requirement is an English message id with its Dutch translation in
// internal/i18n/catalog/models.nl.json; Check names the judge in
// models_judge.go.

// ModelSCC is the Commission's standard contractual clauses between
// controllers and processors under art. 28(7) GDPR, Commission
// Implementing Decision (EU) 2021/915 of 4 June 2021, annex.
var ModelSCC = Model{
	ID:   "scc-2021-915",
	Name: "Standard contractual clauses art. 28 GDPR (Implementing Decision (EU) 2021/915)",
	Items: []ModelItem{
		{ID: "instructions", Source: "SCC 2021/915 clause 7.1(a)", Check: "art28a",
			Requirement: "The processor acts only on the controller's documented instructions."},
		{ID: "purpose", Source: "SCC 2021/915 clause 7.2", Check: "own_purposes",
			Requirement: "The data are processed only for the purposes set out in the annex, not for the processor's own."},
		{ID: "security", Source: "SCC 2021/915 clause 7.4(a)", Check: "art28c",
			Requirement: "The processor takes at least the technical and organisational measures of the annex."},
		{ID: "confidentiality", Source: "SCC 2021/915 clause 7.4(b)", Check: "art28b",
			Requirement: "Staff with access to the data are bound to confidentiality."},
		{ID: "audit", Source: "SCC 2021/915 clause 7.6(c)-(e)", Check: "audit",
			Requirement: "The controller may audit, also by inspection, itself or through an independent auditor, at reasonable intervals or when there are signs of non-compliance."},
		{ID: "subprocessors", Source: "SCC 2021/915 clause 7.7(a)", Check: "subprocessors",
			Requirement: "Sub-processors only with prior specific consent, or with a general permission under which the controller is told of changes in advance and can object."},
		{ID: "transfers", Source: "SCC 2021/915 clause 7.8(a)", Check: "transfers",
			Requirement: "Data go to a country outside the EEA only on the controller's documented instructions and under chapter V GDPR."},
		{ID: "data_subjects", Source: "SCC 2021/915 clause 8(a)-(b)", Check: "art28e",
			Requirement: "The processor passes on data subjects' requests and helps the controller answer them."},
		{ID: "assistance", Source: "SCC 2021/915 clause 8(c)", Check: "art28f",
			Requirement: "The processor helps with security, breach notification, DPIAs and prior consultation (arts. 32-36 GDPR)."},
		{ID: "breach", Source: "SCC 2021/915 clause 9.2(a)", Check: "breach",
			Requirement: "The processor tells the controller of a personal data breach without undue delay after becoming aware of it."},
		{ID: "end", Source: "SCC 2021/915 clause 10(d)", Check: "end_choice",
			Requirement: "After the end the processor deletes or returns all data, at the controller's choice."},
		{ID: "changes", Source: "SCC 2021/915 clause 2(a)", Check: "unilateral",
			Requirement: "The clauses are not changed, except to add to or update the annexes; no party changes them alone."},
	},
}

// ModelVWO is the model processor agreement of the Dutch education
// covenant (Convenant Digitale Onderwijsmiddelen en Privacy 4.0, Model
// Verwerkersovereenkomst 4.0). Its published text could not be read here,
// so the sources name the model's topic, not an article number, and only
// points the covenant is known to settle are listed: no notification
// deadline in hours, for instance, because the model's figure could not be
// checked.
var ModelVWO = Model{
	ID:   "model-vwo-4.0",
	Name: "Model Verwerkersovereenkomst 4.0 (Convenant Digitale Onderwijsmiddelen en Privacy 4.0)",
	Note: "Sources name the topic of the model; its article numbers could not be checked against the published text.",
	Items: []ModelItem{
		{ID: "instructions", Source: "Model VWO 4.0, processing on the school's instructions", Check: "art28a",
			Requirement: "The supplier processes the data only on the school's instructions."},
		{ID: "purpose", Source: "Model VWO 4.0 and covenant 4.0, purposes of processing", Check: "own_purposes",
			Requirement: "The supplier uses the data only for the school's purposes, never for purposes of its own such as advertising."},
		{ID: "breach", Source: "Model VWO 4.0, data breaches", Check: "breach",
			Requirement: "The supplier tells the school of a data breach without undue delay."},
		{ID: "subprocessors", Source: "Model VWO 4.0, sub-processors", Check: "subprocessors",
			Requirement: "Sub-processors only with the school's prior written permission; under a general permission the school is told of changes and can object."},
		{ID: "transfers", Source: "Model VWO 4.0, processing outside the EEA", Check: "transfers",
			Requirement: "The data stay in the EEA; outside it only with the school's consent and under chapter V GDPR."},
		{ID: "audit", Source: "Model VWO 4.0, security and audits", Check: "audit",
			Requirement: "The school may have the supplier's compliance checked by an audit."},
		{ID: "end", Source: "Model VWO 4.0, term and end", Check: "end_delete",
			Requirement: "At the end the supplier deletes the data, after returning them if the school asks."},
	},
}

// Models are the models every analysis is compared with, in this order.
var Models = []Model{ModelSCC, ModelVWO}
