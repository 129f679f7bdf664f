package api

import (
	"net/http"

	"privacyregister/internal/dpia"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// NewScreening is the body of POST /api/v1/screenings.
type NewScreening struct {
	ActivityID int64        `json:"activity_id"`
	Answers    dpia.Answers `json:"answers"`
	Note       string       `json:"note"`
}

// dpiaRoutes are the screening and DPIA endpoints.
func (a *API) dpiaRoutes() {
	a.Handle(Route{Method: "GET", Path: "/api/v1/screenings", Perm: org.ViewAdministration, Tag: "dpias",
		Summary: "DPIA screenings of processing activities, newest (highest id) first", Paging: PagedByKey, Response: []store.Screening{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(s *store.Screening) int64 { return s.ID })(a.Store.ScreeningsPage(r.Context(), c.Org.ID, 0, p))
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/screenings", Perm: org.EditAdministration, Tag: "dpias",
		Summary: "Screen a processing activity (art. 35(3), AP list, WP248): required, advised or not needed, with reasons", Request: NewScreening{}, Response: store.Screening{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in NewScreening
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			sc := &store.Screening{ActivityID: in.ActivityID, Answers: in.Answers, Note: in.Note, ScreenedBy: c.User.Email}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.ScreenActivity(r.Context(), c.Org.ID, sc) }); err != nil {
				return nil, err
			}
			return Created{sc}, nil
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/dpias", Perm: org.ViewAdministration, Tag: "dpias", Summary: "DPIAs, by id", Paging: PagedByKey, Response: []store.DPIA{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(d *store.DPIA) int64 { return d.ID })(a.Store.DPIAsPage(r.Context(), c.Org.ID, p))
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/dpias/{id}", Perm: org.ViewAdministration, Tag: "dpias", Summary: "One DPIA", Response: store.DPIA{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return a.Store.DPIA(r.Context(), c.Org.ID, id)
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/dpias", Perm: org.EditAdministration, Tag: "dpias",
		Summary: "Record a DPIA; risk levels, residual risk and prior consultation are computed", Request: store.DPIA{}, Response: store.DPIA{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var d store.DPIA
			if err := Decode(r, &d); err != nil {
				return nil, err
			}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateDPIA(r.Context(), c.Org.ID, &d) }); err != nil {
				return nil, err
			}
			return Created{d}, nil
		})
	a.Handle(Route{Method: "PUT", Path: "/api/v1/dpias/{id}", Perm: org.EditAdministration, Tag: "dpias",
		Summary: "Replace a DPIA's content (every field is set)", Request: store.DPIA{}, Response: store.DPIA{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			var in store.DPIA
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			var out *store.DPIA
			err = a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
				out, err = tx.UpdateDPIA(r.Context(), c.Org.ID, id, func(d *store.DPIA) error {
					created := d.CreatedAt
					*d = in
					d.CreatedAt = created
					return nil
				})
				return
			})
			return out, err
		})
	a.Handle(Route{Method: "DELETE", Path: "/api/v1/dpias/{id}", Perm: org.EditAdministration, Tag: "dpias", Summary: "Delete a DPIA"},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return nil, a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteDPIA(r.Context(), c.Org.ID, id) })
		})
}

// nonNil sends [] rather than null for an empty list.
func nonNil[T any](v []T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	if v == nil {
		v = []T{}
	}
	return v, nil
}
