package web

import (
	"context"

	"net/http"
	"privacyregister/internal/apperr"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/profile"
	"privacyregister/internal/store"
)

// The customer's side of the supplier network (issue 16): the agreements
// that follow a processor's published profile, the ones that could
// (proposed by chamber of commerce number or name, confirmed here), and a
// subscription by address to a processor on another installation.

func init() {
	formFields["suppliers"] = map[string]formField{"agreement_id": {Label: "Agreement"}, "processor": {Label: "Processor"}, "url": {Label: "Address (URL)"}}
	flashes["profile-linked"] = "The agreement now follows the processor's profile: its sub-processors are the profile's, and each change arrives as a notice."
	flashes["profile-unlinked"] = "The agreement no longer follows the profile; its notices stay."
}

func suppliersURL(c *Ctx) string { return "/o/" + c.Org.Short + "/suppliers" }

// supplierLink is a link as the page shows it.
type supplierLink struct {
	store.ProfileLink
	AgreementTitle string
	Fingerprint    string
	Open           int // notices of this link still to decide
}

func (s *Server) suppliersPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.renderSuppliers(w, r, c, map[string]any{}, nil)
}

func (s *Server) renderSuppliers(w http.ResponseWriter, r *http.Request, c *Ctx, data map[string]any, formErr error) error {
	ctx := r.Context()
	links, err := s.Store.ProfileLinks(ctx, c.Org.ID)
	if err != nil {
		return err
	}
	ags, err := s.Store.Agreements(ctx, c.Org.ID, store.AgreementFilter{})
	if err != nil {
		return err
	}
	title := map[int64]string{}
	var choices []agreement.Agreement
	linked := map[int64]bool{}
	for _, l := range links {
		linked[l.AgreementID] = true
	}
	for _, a := range ags {
		title[a.ID] = a.Title
		if a.OurRole == agreement.RoleController && !linked[a.ID] {
			choices = append(choices, a)
		}
	}
	open, err := s.Store.Notices(ctx, c.Org.ID, 0)
	if err != nil {
		return err
	}
	rows := make([]supplierLink, len(links))
	for i, l := range links {
		rows[i] = supplierLink{ProfileLink: l, AgreementTitle: title[l.AgreementID]}
		if l.PinnedKey != "" {
			rows[i].Fingerprint = profile.Fingerprint(l.PinnedKey)
		}
		for _, n := range open {
			if n.LinkID != nil && *n.LinkID == l.ID {
				rows[i].Open++
			}
		}
	}
	published, err := s.Store.PublishedProfiles(ctx)
	if err != nil {
		return err
	}
	parties, err := s.Store.Parties(ctx, c.Org.ID)
	if err != nil {
		return err
	}
	proposals := store.ProposeProfiles(c.Org.ID, ags, parties, links, published)
	var processors []store.PublishedProfile
	for _, p := range published {
		if p.OrgID != c.Org.ID {
			processors = append(processors, p)
		}
	}
	data["Links"], data["Proposals"], data["Choices"], data["Processors"] = rows, proposals, choices, processors
	data["CanEdit"] = c.Can(org.EditAdministration)
	if formErr != nil {
		return s.formError(w, r, c, "suppliers", "Supplier profiles", data, formErr)
	}
	s.render(w, r, c, "suppliers", "Supplier profiles", data)
	return nil
}

// supplierLink links an agreement to a processor on this installation,
// as the privacy officer confirmed (a proposal, or a choice of both).
func (s *Server) supplierLinkCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := newForm(r)
	agID, procID := f.optID("agreement_id"), f.optID("processor")
	if agID == nil {
		f.bad("agreement_id", "Choose the agreement.")
	}
	if procID == nil {
		f.bad("processor", "Choose the processor.")
	}
	err := f.err()
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			_, err := tx.LinkLocalProfile(r.Context(), c.Org.ID, *agID, *procID)
			return err
		})
	}
	if err != nil {
		return s.renderSuppliers(w, r, c, map[string]any{}, err)
	}
	redirectFlash(w, r, suppliersURL(c), "profile-linked")
	return nil
}

func (s *Server) supplierUnlink(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "link")
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UnlinkProfile(r.Context(), c.Org.ID, id) }); err != nil {
		return err
	}
	redirectFlash(w, r, suppliersURL(c), "profile-unlinked")
	return nil
}

// agreementProfile is the profile an agreement follows (nil: none) or,
// when none, the published profiles proposed for it, matched against the
// agreement and its party the page has read already.
func (s *Server) agreementProfile(ctx context.Context, c *Ctx, a *agreement.Agreement, party *agreement.Party) (*store.ProfileLink, []store.ProfileProposal, error) {
	l, err := s.Store.ProfileLinkOfAgreement(ctx, c.Org.ID, a.ID)
	if err == nil {
		return l, nil, nil
	}
	if !apperr.Is(err, apperr.NotFound) {
		return nil, nil, err
	}
	pubs, err := s.Store.PublishedProfiles(ctx)
	if err != nil || len(pubs) == 0 {
		return nil, nil, err
	}
	var parties []agreement.Party
	if party != nil {
		parties = append(parties, *party)
	}
	return nil, store.ProposeProfiles(c.Org.ID, []agreement.Agreement{*a}, parties, nil, pubs), nil
}
