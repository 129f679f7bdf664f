package web

import (
	"errors"
	"net/http"

	"privacyregister/internal/apperr"
	"privacyregister/internal/incident"
	"privacyregister/internal/store"
)

// readAssessment reads the decision aid's answers.
func incReadAssessment(f *form) incident.Assessment {
	a := incident.Assessment{
		PersonalData: f.check("personal_data"), AsProcessor: f.check("as_processor"),
		Confidentiality: f.check("confidentiality"), Integrity: f.check("integrity"), Availability: f.check("availability"),
		Restored: f.check("restored"), SpecialOrCriminal: f.check("special_or_criminal"), Sensitive: f.check("sensitive"),
		EasilyIdentifiable: f.check("easily_identifiable"), IdentityFraud: f.check("identity_fraud"), Severity: incident.Severity(f.str("severity")),
		Vulnerable: f.check("vulnerable"), People: f.num("people"), Judgement: incident.Risk(f.str("judgement")),
		Unintelligible: f.check("unintelligible"), MitigatedAfter: f.check("mitigated_after"), DisproportionateEffort: f.check("disproportionate_effort"),
	}
	var errs apperr.List
	if errors.As(a.Validate(), &errs) {
		f.errs = append(f.errs, errs...)
	}
	return a
}

// incidentDecide runs the decision aid. With "propose" it only shows the
// proposal and its reasons; with "confirm" it records the decision: the
// proposed outcome, or another one with the melder's reason.
func (s *Server) incidentDecide(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "The form could not be read.")
	}
	f := newForm(r)
	a := incReadAssessment(f)
	if err := f.errs.Err(); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	d := incident.Assess(a)
	if r.PostFormValue("action") != "confirm" {
		if i.Closed() {
			return s.incidentFail(w, r, c, i.ID, apperr.New(apperr.Conflict, "This case is closed and read-only; reopen it first."))
		}
		shown := *i
		shown.Decision = nil
		return s.renderIncident(w, r, c, &shown, map[string]any{"Proposal": &d, "A": a, "Proposed": true})
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		_, err := tx.DecideIncident(r.Context(), c.Org.ID, i.ID, a, incident.Outcome(f.str("outcome")), f.str("override_reason"))
		return err
	}); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	redirectFlash(w, r, incidentURL(c, i.ID), "saved")
	return nil
}

var _ = http.StatusOK
