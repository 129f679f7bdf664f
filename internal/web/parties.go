package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

func partyURL(c *Ctx, id int64) string { return fmt.Sprintf("/o/%s/parties/%d", c.Org.Short, id) }

func (s *Server) partyList(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	ps, err := s.Store.Parties(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	s.render(w, r, c, "party_list", "Parties", map[string]any{"Parties": ps, "F": agFmt{}, "CanEdit": c.Can(org.EditAdministration)})
	return nil
}

func partyFormData(p *agreement.Party) map[string]any {
	view := *p
	view.Contacts = agPad(p.Contacts, 2)
	view.Certifications = agPad(p.Certifications, 2)
	return map[string]any{"P": &view, "F": agFmt{}, "Kinds": agreement.PartyKinds, "ContactRoles": agreement.ContactRoles}
}

func (s *Server) partyNew(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	s.render(w, r, c, "party_form", "New party", partyFormData(&agreement.Party{Kind: agreement.KindProcessor, Country: "NL"}))
	return nil
}

func (s *Server) partyCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "could not be read")
	}
	p := &agreement.Party{OrgID: c.Org.ID}
	err := partyFromForm(r, p)
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateParty(r.Context(), p) })
	}
	if err != nil {
		return s.formError(w, r, c, "party_form", "New party", partyFormData(p), err)
	}
	redirectFlash(w, r, partyURL(c, p.ID), "created")
	return nil
}

func (s *Server) loadParty(r *http.Request, c *Ctx) (*agreement.Party, error) {
	id, err := pathID(r, "party")
	if err != nil {
		return nil, err
	}
	return s.Store.Party(r.Context(), c.Org.ID, id)
}

func (s *Server) partyDetail(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	p, err := s.loadParty(r, c)
	if err != nil {
		return err
	}
	ags, err := s.Store.Agreements(r.Context(), c.Org.ID, store.AgreementFilter{PartyID: p.ID})
	if err != nil {
		return err
	}
	trail, err := s.history(r.Context(), c, "party", p.ID)
	if err != nil {
		return err
	}
	s.render(w, r, c, "party_detail", p.Name, map[string]any{"P": p, "Trail": trail,
		"Tabs": pageTabs(r, "/o/"+c.Org.Short+"/parties/"+strconv.FormatInt(p.ID, 10), "overview", "Overview", "history", "History"), "Agreements": ags, "F": agFmt{}, "Now": s.Store.Now().Truncate(time.Second),
		"CanEdit": c.Can(org.EditAdministration)})
	return nil
}

func (s *Server) partyEdit(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	p, err := s.loadParty(r, c)
	if err != nil {
		return err
	}
	s.render(w, r, c, "party_form", "Edit party", partyFormData(p))
	return nil
}

func (s *Server) partySave(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	p, err := s.loadParty(r, c)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "could not be read")
	}
	err = partyFromForm(r, p)
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UpdateParty(r.Context(), p) })
	}
	if err != nil {
		return s.formError(w, r, c, "party_form", "Edit party", partyFormData(p), err)
	}
	redirectFlash(w, r, partyURL(c, p.ID), "saved")
	return nil
}

func (s *Server) partyDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	p, err := s.loadParty(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteParty(r.Context(), c.Org.ID, p.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/parties", "deleted")
	return nil
}
