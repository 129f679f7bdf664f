package web

import (
	"net/http"
	"slices"
	"strconv"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// The processor's register (art. 30(2)) is one register: records kept by
// hand and records taken over from the agreements in which the
// organisation is the processor. An agreement not yet in the register is
// offered with a form filled in from its parties, annex 1 and annex 2, for
// the privacy officer to check and save.

// processorAgreements returns, of the organisation's agreements, those in
// which it is the processor and which no record of the register refers to
// yet (pending), and every agreement by id.
func (s *Server) processorAgreements(r *http.Request, c *Ctx, recs []register.ProcessorRecord) (pending []agreement.Agreement, byID map[int64]*agreement.Agreement, err error) {
	all, err := s.Store.Agreements(r.Context(), c.Org.ID, store.AgreementFilter{})
	if err != nil {
		return nil, nil, err
	}
	byID = make(map[int64]*agreement.Agreement, len(all))
	for i, a := range all {
		byID[a.ID] = &all[i]
		if a.OurRole != agreement.RoleProcessor || a.Status == agreement.StatusEnded {
			continue
		}
		if !slices.ContainsFunc(recs, func(p register.ProcessorRecord) bool { return p.AgreementID != nil && *p.AgreementID == a.ID }) {
			pending = append(pending, a)
		}
	}
	return pending, byID, nil
}

// processorFromAgreementPage shows the register with the form filled in
// from ?agreement=ID.
func (s *Server) processorFromAgreementPage(w http.ResponseWriter, r *http.Request, c *Ctx, idText string) error {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return apperr.NotFoundf("agreement not found")
	}
	a, err := s.Store.Agreement(r.Context(), c.Org.ID, id)
	if err != nil {
		return err
	}
	var party *agreement.Party
	if a.PartyID != nil {
		if party, err = s.Store.Party(r.Context(), c.Org.ID, *a.PartyID); err != nil {
			party = nil // the record is still useful without the contacts
		}
	}
	return s.renderProcessor(w, r, c, a.ProcessorRecord(party), map[string]any{"FromAgreement": a})
}
