package api

import (
	"net/http"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// AuditIn is the body of POST /api/v1/agreements/{id}/audits.
type AuditIn struct {
	HeldOn      time.Time  `json:"held_on"`
	Kind        string     `json:"kind"` // on_site | questionnaire | report_review | certification_check
	Auditor     string     `json:"auditor"`
	Findings    string     `json:"findings"`
	FollowUp    string     `json:"follow_up"`
	FollowUpDue *time.Time `json:"follow_up_due"`
	Closed      bool       `json:"closed"`
}

// AuditList is an agreement's audits, newest first, with the next one due
// from the contract's audit frequency (null when none is agreed).
type AuditList struct {
	FrequencyMonths *int                       `json:"frequency_months"`
	NextDue         *time.Time                 `json:"next_due"`
	Audits          []agreement.AgreementAudit `json:"audits"`
}

func agreementAuditRoutes(a *API) {
	v, e := org.ViewAdministration, org.EditAdministration
	a.Handle(Route{Method: "GET", Path: "/api/v1/agreements/{id}/audits", Perm: v, Tag: "agreements", Summary: "Audits of an agreement, newest (highest id) first, and the next one due", Paging: PagedByKey, Response: AuditList{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			ag, err := a.Store.Agreement(r.Context(), c.Org.ID, id)
			if err != nil {
				return nil, err
			}
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			list, err := a.Store.AuditsPage(r.Context(), c.Org.ID, id, p)
			if err != nil {
				return nil, err
			}
			lasts, err := a.Store.LastAudits(r.Context(), c.Org.ID)
			if err != nil {
				return nil, err
			}
			out := AuditList{FrequencyMonths: ag.Terms.Audit.FrequencyMonths}
			out.Audits = page(w, r, p, list, func(au *agreement.AgreementAudit) int64 { return au.ID })
			var last *time.Time
			if t, ok := lasts[id]; ok {
				last = &t
			}
			out.NextDue = agreement.NextAudit(ag.Terms.Audit.FrequencyMonths, last, agreement.AuditStart(ag))
			return out, nil
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/agreements/{id}/audits", Perm: e, Tag: "agreements", Summary: "Record an audit held under an agreement", Request: AuditIn{}, Response: agreement.AgreementAudit{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := a.ownAgreement(r, c)
			if err != nil {
				return nil, err
			}
			var in AuditIn
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			au := &agreement.AgreementAudit{OrgID: c.Org.ID, AgreementID: id, HeldOn: in.HeldOn, Kind: in.Kind, Auditor: in.Auditor,
				Findings: in.Findings, FollowUp: in.FollowUp, FollowUpDue: in.FollowUpDue, Closed: in.Closed}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.AddAudit(r.Context(), au) }); err != nil {
				return nil, err
			}
			return Created{au}, nil
		})
	a.Handle(Route{Method: "DELETE", Path: "/api/v1/agreements/{id}/audits/{audit}", Perm: e, Tag: "agreements", Summary: "Delete an audit of an agreement"},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			aid, err := PathID(r, "audit")
			if err != nil {
				return nil, err
			}
			return nil, a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteAudit(r.Context(), c.Org.ID, id, aid) })
		})
}
