package api

import (
	"net/http"
	"strconv"

	"privacyregister/internal/apperr"
	"privacyregister/internal/govrequest"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// govRequestRoutes are the government data request endpoints (seed 001
// art. 9): the processor's records, and the controller's view of what
// its processors on this installation recorded about its data.
func (a *API) govRequestRoutes() {
	a.Handle(Route{Method: "GET", Path: "/api/v1/govrequests", Perm: org.ViewAdministration, Tag: "govrequests",
		Summary: "Government data requests recorded as processor, newest first, each with its status against the 24-hour target for telling the customer; ?agreement_id= for one customer",
		Query:   []string{"agreement_id"}, Paging: PagedByKey, Response: []store.GovRequest{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			var ag int64
			if v := r.URL.Query().Get("agreement_id"); v != "" {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil || n <= 0 {
					return nil, apperr.Invalidf("agreement_id", "must be of type %s", "int64")
				}
				ag = n
			}
			return pageList(w, r, p, func(g *store.GovRequest) int64 { return g.ID })(a.Store.GovRequests(r.Context(), c.Org.ID, ag, p))
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/govrequests/about-us", Perm: org.ViewAdministration, Tag: "govrequests",
		Summary: "As controller: the requests processors on this installation recorded about our data, through a linked agreement, not under a gag",
		Paging:  PagedByKey, Response: []store.ControllerGovRequest{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(g *store.ControllerGovRequest) int64 { return g.ID })(a.Store.GovRequestsForController(r.Context(), c.Org.ID, p))
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/govrequests/{id}", Perm: org.ViewAdministration, Tag: "govrequests", Summary: "One government data request", Response: store.GovRequest{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return a.Store.GovRequest(r.Context(), c.Org.ID, id)
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/govrequests", Perm: org.EditAdministration, Tag: "govrequests",
		Summary: "Record a government data request about the customer of agreement_id (an agreement in which we are the processor)",
		Request: govrequest.Request{}, Response: store.GovRequest{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var g store.GovRequest
			if err := Decode(r, &g.Request); err != nil {
				return nil, err
			}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateGovRequest(r.Context(), c.Org.ID, &g) }); err != nil {
				return nil, err
			}
			return Created{g}, nil
		})
	a.Handle(Route{Method: "PUT", Path: "/api/v1/govrequests/{id}", Perm: org.EditAdministration, Tag: "govrequests",
		Summary: "Change a government data request; fields left out keep their value, read-only fields (status, tell_by, customer) are ignored",
		Request: store.GovRequest{}, Response: store.GovRequest{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			var out *store.GovRequest
			err = a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
				out, err = tx.UpdateGovRequest(r.Context(), c.Org.ID, id, func(g *store.GovRequest) error { return Decode(r, g) })
				return
			})
			return out, err
		})
}
