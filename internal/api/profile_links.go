package api

import (
	"net/http"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// RemoteLinkIn is the body of POST /api/v1/agreements/{id}/profile-link.
type RemoteLinkIn struct {
	URL string `json:"url"` // https://.../p/SHORT/processor.json on the processor's installation
}

// profileLinkRoutes follow a processor's profile served by another
// installation (issue 16), as the suppliers page does.
func profileLinkRoutes(a *API) {
	e := org.EditAdministration
	a.Handle(Route{Method: "POST", Path: "/api/v1/agreements/{id}/profile-link", Perm: e, Tag: "agreements",
		Summary: "Let the agreement follow a processor's profile on another installation: fetched, verified, its key pinned on first use", Request: RemoteLinkIn{}, Response: store.ProfileLink{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := a.ownAgreement(r, c)
			if err != nil {
				return nil, err
			}
			var in RemoteLinkIn
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			l, err := a.Subscriptions.Subscribe(r.Context(), c.Org.ID, id, in.URL)
			if err != nil {
				return nil, err
			}
			return Created{l}, nil
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/profile-links/{id}/check", Perm: e, Tag: "agreements",
		Summary: "Fetch a followed profile now; a new version becomes notices, a changed key or bad signature blocks the link (see status and problem)", Response: store.ProfileLink{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return a.Subscriptions.Check(r.Context(), c.Org.ID, id)
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/profile-links/{id}/trust", Perm: e, Tag: "agreements",
		Summary: "Trust the new key of a blocked link: pin it and apply the held document", Response: store.ProfileLink{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			if err := a.Subscriptions.TrustHeld(r.Context(), c.Org.ID, id); err != nil {
				return nil, err
			}
			return a.Store.ProfileLink(r.Context(), c.Org.ID, id)
		})
}
