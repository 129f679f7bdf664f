package api

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/contract"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// AgreementDetail is an agreement with its computed warnings. Its terms
// carry the field names of reference/contract-analysis.md.
type AgreementDetail struct {
	agreement.Agreement
	Warnings []Warning `json:"warnings"` // read only: computed
}

// Warning is a warning about an agreement, filled in in the caller's
// language, with the code programs can rely on.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Clause  string `json:"clause,omitempty"` // the clause it is about
}

// ActivityLink is the body of POST /api/v1/agreements/{id}/activities.
type ActivityLink struct {
	ActivityID int64 `json:"activity_id"`
}

// maxAnalyseUpload bounds the file sent to /agreements/analyse.
const maxAnalyseUpload = 20 << 20

func agreementRoutes(a *API) {
	v, e := org.ViewAdministration, org.EditAdministration
	a.Handle(Route{Method: "GET", Path: "/api/v1/agreements", Perm: v, Tag: "agreements", Summary: "List processor agreements with their terms, by id", Query: []string{"status", "party_id"}, Paging: PagedByKey, Response: []agreement.Agreement{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			f := store.AgreementFilter{Status: r.URL.Query().Get("status"), Page: p}
			f.PartyID, _ = strconv.ParseInt(r.URL.Query().Get("party_id"), 10, 64)
			return pageList(w, r, p, func(a *agreement.Agreement) int64 { return a.ID })(a.Store.Agreements(r.Context(), c.Org.ID, f))
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/agreements", Perm: e, Tag: "agreements", Summary: "Create an agreement (terms under the names of the analysis)", Request: agreement.Agreement{}, Response: AgreementDetail{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in agreement.Agreement
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			in.ID, in.OrgID = 0, c.Org.ID
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateAgreement(r.Context(), &in) }); err != nil {
				return nil, err
			}
			d, err := a.agreementDetail(r, c, in.ID)
			return Created{d}, err
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/agreements/analyse", Perm: v, Tag: "agreements", Summary: "Analyse an uploaded agreement (multipart field \"file\"); answers the analysis JSON of the reference", Response: contract.Analysis{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			if err := r.ParseMultipartForm(maxAnalyseUpload); err != nil {
				return nil, apperr.Wrap(err, apperr.Invalid, "send the agreement as multipart/form-data in the field \"file\"")
			}
			f, h, err := r.FormFile("file")
			if err != nil {
				return nil, apperr.Invalidf("file", "send the agreement in the field \"file\"")
			}
			defer f.Close()
			data, err := io.ReadAll(io.LimitReader(f, maxAnalyseUpload+1))
			if err != nil {
				return nil, apperr.Wrap(err, apperr.Invalid, "the file could not be read")
			}
			if _, err := agreement.CheckFile(h.Filename, data, maxAnalyseUpload); err != nil {
				return nil, err
			}
			doc, err := contract.Extract(h.Filename, bytes.NewReader(data), maxAnalyseUpload)
			if err != nil {
				return nil, err
			}
			return contract.Analyse(doc.Text), nil
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/agreements/{id}", Perm: v, Tag: "agreements", Summary: "One agreement with its warnings", Response: AgreementDetail{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return a.agreementDetail(r, c, id)
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/agreements/{id}/warnings", Perm: v, Tag: "agreements", Summary: "Warnings computed from the agreement's terms, each with its code and its message in the caller's language", Response: []Warning{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			d, err := a.agreementDetail(r, c, id)
			if err != nil {
				return nil, err
			}
			return d.Warnings, nil
		})
	a.Handle(Route{Method: "PUT", Path: "/api/v1/agreements/{id}", Perm: e, Tag: "agreements", Summary: "Replace an agreement", Request: agreement.Agreement{}, Response: AgreementDetail{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			if _, err := a.Store.Agreement(r.Context(), c.Org.ID, id); err != nil {
				return nil, err
			}
			var in agreement.Agreement
			if err := DecodeReplacement(r, &in, AgreementDetail{}); err != nil {
				return nil, err
			}
			in.ID, in.OrgID = id, c.Org.ID
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UpdateAgreement(r.Context(), &in) }); err != nil {
				return nil, err
			}
			return a.agreementDetail(r, c, id)
		})
	a.Handle(Route{Method: "DELETE", Path: "/api/v1/agreements/{id}", Perm: e, Tag: "agreements", Summary: "Delete an agreement with its files and links"},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return nil, a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteAgreement(r.Context(), c.Org.ID, id) })
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/agreements/{id}/activities", Perm: e, Tag: "agreements", Summary: "Link the agreement to a processing activity", Request: ActivityLink{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			var in ActivityLink
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			return nil, a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.LinkActivity(r.Context(), c.Org.ID, id, in.ActivityID) })
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/agreements/{id}/attachments", Perm: v, Tag: "agreements", Summary: "The agreement's files (without content), by id", Paging: PagedByKey, Response: []store.Attachment{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			if _, err := a.Store.Agreement(r.Context(), c.Org.ID, id); err != nil {
				return nil, err
			}
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(a *store.Attachment) int64 { return a.ID })(a.Store.AttachmentsPage(r.Context(), c.Org.ID, id, p))
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/attachments/{id}", Perm: v, Tag: "agreements", Summary: "Download a stored file"},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			at, err := a.Store.Attachment(r.Context(), c.Org.ID, id)
			if err != nil {
				return nil, err
			}
			w.Header().Set("Content-Type", at.ContentType)
			w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", at.Name))
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.Header().Set("Cache-Control", "private, no-store")
			_, _ = w.Write(at.Content)
			return Raw{}, nil
		})
	partyRoutes(a)
}

func (a *API) agreementDetail(r *http.Request, c *Ctx, id int64) (*AgreementDetail, error) {
	ag, err := a.Store.Agreement(r.Context(), c.Org.ID, id)
	if err != nil {
		return nil, err
	}
	var p *agreement.Party
	if ag.PartyID != nil {
		p, _ = a.Store.Party(r.Context(), c.Org.ID, *ag.PartyID)
	}
	linked, err := a.Store.LinkedActivities(r.Context(), c.Org.ID, id)
	if err != nil {
		return nil, err
	}
	ws := []Warning{}
	for _, w := range agreement.Warnings(ag, p, linked, a.Store.Now()) {
		ws = append(ws, Warning{Code: w.Code, Message: c.T(w.Msg, w.Args...), Clause: w.Clause})
	}
	return &AgreementDetail{Agreement: *ag, Warnings: ws}, nil
}

func partyRoutes(a *API) {
	v, e := org.ViewAdministration, org.EditAdministration
	a.Handle(Route{Method: "GET", Path: "/api/v1/parties", Perm: v, Tag: "agreements", Summary: "List parties (processors, sub-processors, controllers), by id", Paging: PagedByKey, Response: []agreement.Party{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(p *agreement.Party) int64 { return p.ID })(a.Store.PartiesPage(r.Context(), c.Org.ID, p))
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/parties", Perm: e, Tag: "agreements", Summary: "Create a party", Request: agreement.Party{}, Response: agreement.Party{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in agreement.Party
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			in.ID, in.OrgID = 0, c.Org.ID
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateParty(r.Context(), &in) }); err != nil {
				return nil, err
			}
			return Created{in}, nil
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/parties/{id}", Perm: v, Tag: "agreements", Summary: "One party", Response: agreement.Party{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return a.Store.Party(r.Context(), c.Org.ID, id)
		})
	a.Handle(Route{Method: "PUT", Path: "/api/v1/parties/{id}", Perm: e, Tag: "agreements", Summary: "Replace a party", Request: agreement.Party{}, Response: agreement.Party{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			if _, err := a.Store.Party(r.Context(), c.Org.ID, id); err != nil {
				return nil, err
			}
			var in agreement.Party
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			in.ID, in.OrgID = id, c.Org.ID
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UpdateParty(r.Context(), &in) }); err != nil {
				return nil, err
			}
			return in, nil
		})
	a.Handle(Route{Method: "DELETE", Path: "/api/v1/parties/{id}", Perm: e, Tag: "agreements", Summary: "Delete a party"},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return nil, a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteParty(r.Context(), c.Org.ID, id) })
		})
}
