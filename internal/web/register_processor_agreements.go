package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/country"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// The processor's register (art. 30(2)) is one register: records kept by
// hand and records taken over from the agreements in which the
// organisation is the processor. An agreement not yet in the register is
// offered with a form filled in from its parties, annex 1 and annex 2, for
// the privacy officer to check and save.

// processorAgreements returns the agreements in which the organisation is
// the processor and which no record of the register refers to yet.
func (s *Server) processorAgreements(r *http.Request, c *Ctx, recs []register.ProcessorRecord) ([]agreement.Agreement, error) {
	all, err := s.Store.Agreements(r.Context(), c.Org.ID, store.AgreementFilter{})
	if err != nil {
		return nil, err
	}
	var out []agreement.Agreement
	for _, a := range all {
		if a.OurRole != agreement.RoleProcessor || a.Status == agreement.StatusEnded {
			continue
		}
		if !slices.ContainsFunc(recs, func(p register.ProcessorRecord) bool { return p.AgreementID != nil && *p.AgreementID == a.ID }) {
			out = append(out, a)
		}
	}
	return out, nil
}

// processorRecordFromAgreement fills a record from an agreement: the
// controller and its contacts, the services of annex 1 as categories of
// processing, the countries outside the EEA of annex 1 and of the
// sub-processors as transfers, and annex 2's measures.
func processorRecordFromAgreement(a *agreement.Agreement, party *agreement.Party) *register.ProcessorRecord {
	p := &register.ProcessorRecord{AgreementID: &a.ID, MeasureIDs: a.MeasureIDs, MeasuresDescription: a.SecurityMeasures}
	p.ControllerName = a.PartyName
	if p.ControllerName == "" && a.Terms.Parties.Controller != nil {
		p.ControllerName = *a.Terms.Parties.Controller
	}
	if party != nil {
		for _, ct := range party.Contacts {
			text := strings.TrimSpace(strings.Join(slices.DeleteFunc([]string{ct.Name, ct.Email, ct.Phone}, func(s string) bool { return s == "" }), ", "))
			switch {
			case ct.Role == "dpo" && p.ControllerDPO == "":
				p.ControllerDPO = text
			case ct.Role != "dpo" && p.ControllerContact == "":
				p.ControllerContact = text
			}
		}
	}
	seen := map[string]bool{}
	transfer := func(name string) {
		ct, ok := country.Lookup(name)
		if !ok || ct.Class == country.EEA || seen[ct.Code] {
			return
		}
		seen[ct.Code] = true
		p.Transfers = append(p.Transfers, register.Transfer{Country: ct.Code})
	}
	for _, row := range a.Annex1 {
		cat := strings.TrimSpace(row.Service)
		if row.Nature != "" {
			cat = strings.TrimSpace(cat + " (" + row.Nature + ")")
		}
		if cat != "" && !slices.Contains(p.ProcessingCategories, cat) {
			p.ProcessingCategories = append(p.ProcessingCategories, cat)
		}
		for _, cn := range row.Countries {
			transfer(cn)
		}
	}
	for _, sp := range a.Terms.Subprocessors.Named {
		if sp.Country != nil {
			transfer(*sp.Country)
		}
	}
	return p
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
	return s.renderProcessor(w, r, c, processorRecordFromAgreement(a, party), map[string]any{"FromAgreement": a})
}
