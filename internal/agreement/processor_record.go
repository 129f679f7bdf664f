package agreement

import (
	"slices"
	"strings"

	"privacyregister/internal/country"
	"privacyregister/internal/register"
)

// Transfers lists, once each, the countries outside the EEA where the
// agreement has personal data processed: those of annex 1 and those of
// the named sub-processors (art. 30(2)(c) asks the processor's register
// to name them). A country the list does not know is left out.
func (a *Agreement) Transfers() []register.Transfer {
	var out []register.Transfer
	add := func(name string) {
		ct, ok := country.Lookup(name)
		if !ok || ct.Class == country.EEA || slices.ContainsFunc(out, func(t register.Transfer) bool { return t.Country == ct.Code }) {
			return
		}
		out = append(out, register.Transfer{Country: ct.Code})
	}
	for _, row := range a.Annex1 {
		for _, cn := range row.Countries {
			add(cn)
		}
	}
	for _, sp := range a.Terms.Subprocessors.Named {
		if sp.Country != nil {
			add(*sp.Country)
		}
	}
	return out
}

// ProcessorRecord is the record of the processor's register (art. 30(2))
// an agreement in which the organisation is the processor gives: the
// controller and its contacts (from party, when known), the services of
// annex 1 as categories of processing, the transfers (Transfers) and
// annex 2's measures.
func (a *Agreement) ProcessorRecord(party *Party) *register.ProcessorRecord {
	p := &register.ProcessorRecord{AgreementID: &a.ID, MeasureIDs: a.MeasureIDs, MeasuresDescription: a.SecurityMeasures, Transfers: a.Transfers()}
	p.ControllerName = a.PartyName
	if p.ControllerName == "" && a.Terms.Parties.Controller != nil {
		p.ControllerName = *a.Terms.Parties.Controller
	}
	if party != nil {
		for _, ct := range party.Contacts {
			text := strings.Join(slices.DeleteFunc([]string{ct.Name, ct.Email, ct.Phone}, func(s string) bool { return s == "" }), ", ")
			switch {
			case ct.Role == "dpo" && p.ControllerDPO == "":
				p.ControllerDPO = text
			case ct.Role != "dpo" && p.ControllerContact == "":
				p.ControllerContact = text
			}
		}
	}
	for _, row := range a.Annex1 {
		cat := strings.TrimSpace(row.Service)
		if row.Nature != "" {
			cat = strings.TrimSpace(cat + " (" + row.Nature + ")")
		}
		if cat != "" && !slices.Contains(p.ProcessingCategories, cat) {
			p.ProcessingCategories = append(p.ProcessingCategories, cat)
		}
	}
	return p
}

// MissingTransfers are the transfers of the agreement a record of the
// processor's register linked to it does not name: the register shows
// them beside the record's own, so a sub-processor added later (an
// accepted change notice) appears there too.
func (a *Agreement) MissingTransfers(rec *register.ProcessorRecord) []register.Transfer {
	return slices.DeleteFunc(a.Transfers(), func(t register.Transfer) bool {
		return slices.ContainsFunc(rec.Transfers, func(own register.Transfer) bool { return strings.EqualFold(own.Country, t.Country) })
	})
}
