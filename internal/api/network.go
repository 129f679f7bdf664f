package api

import (
	"net/http"

	"privacyregister/internal/org"
	"privacyregister/internal/profile"
	"privacyregister/internal/store"
)

// The supplier network (issue 16): a processor publishes its profile and
// reads its customers' answers; a customer links an agreement to a
// processor's profile on this installation; a processor's breach case
// tells its controllers.

// ProfileIn is the body of POST /api/v1/profile: a new version.
type ProfileIn struct {
	Profile    profile.Profile `json:"profile"`
	ChangeNote string          `json:"change_note"`
}

// ProfileLinkIn is the body of POST /api/v1/profile-links.
type ProfileLinkIn struct {
	AgreementID    int64 `json:"agreement_id"`
	ProcessorOrgID int64 `json:"processor_org_id"`
}

// PublishedProfileOut is a processor on this installation with a profile.
type PublishedProfileOut struct {
	OrgID   int64           `json:"org_id"`
	Version profile.Version `json:"version"`
}

func networkRoutes(a *API) {
	v, e := org.ViewAdministration, org.EditAdministration
	a.Handle(Route{Method: "GET", Path: "/api/v1/profile", Perm: v, Tag: "network", Summary: "The organisation's newest published profile version", Response: profile.Version{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			return a.Store.LatestProfile(r.Context(), c.Org.ID)
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/profile/versions", Perm: v, Tag: "network", Summary: "The published versions, oldest first (after: a version number)", Paging: PagedByKey, Response: []profile.Version{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(v *profile.Version) int64 { return int64(v.Number) })(a.Store.ProfileVersionsPage(r.Context(), c.Org.ID, p))
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/profile", Perm: e, Tag: "network", Summary: "Publish a new version of the profile; every customer following it here gets its notices", Request: ProfileIn{}, Response: profile.Version{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in ProfileIn
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			var ver *profile.Version
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
				ver, err = tx.PublishProfile(r.Context(), c.Org.ID, in.Profile, in.ChangeNote, c.User.Email)
				return err
			}); err != nil {
				return nil, err
			}
			return Created{ver}, nil
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/profile/customers", Perm: v, Tag: "network", Summary: "The customers following the profile here and their answers to its notices", Paging: PagedByKey, Response: []store.Customer{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(v *store.Customer) int64 { return v.LinkID })(a.Store.ProfileCustomersPage(r.Context(), c.Org.ID, p))
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/profiles", Perm: v, Tag: "network", Summary: "Processors on this installation that publish a profile", Paging: PagedByKey, Response: []PublishedProfileOut{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			ps, err := a.Store.PublishedProfilesPage(r.Context(), p)
			out := []PublishedProfileOut{}
			for _, p := range ps {
				out = append(out, PublishedProfileOut{OrgID: p.OrgID, Version: p.Latest})
			}
			return pageList(w, r, p, func(v *PublishedProfileOut) int64 { return v.OrgID })(out, err)
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/profile-links", Perm: v, Tag: "network", Summary: "The agreements that follow a processor's profile", Paging: PagedByKey, Response: []store.ProfileLink{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(v *store.ProfileLink) int64 { return v.ID })(a.Store.ProfileLinksPage(r.Context(), c.Org.ID, p))
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/profile-links", Perm: e, Tag: "network", Summary: "Let an agreement follow the profile of a processor on this installation", Request: ProfileLinkIn{}, Response: store.ProfileLink{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in ProfileLinkIn
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			var l *store.ProfileLink
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
				l, err = tx.LinkLocalProfile(r.Context(), c.Org.ID, in.AgreementID, in.ProcessorOrgID)
				return err
			}); err != nil {
				return nil, err
			}
			return Created{l}, nil
		})
	a.Handle(Route{Method: "DELETE", Path: "/api/v1/profile-links/{id}", Perm: e, Tag: "network", Summary: "Stop following a profile; the notices stay"},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return nil, a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UnlinkProfile(r.Context(), c.Org.ID, id) })
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/incidents/{id}/controllers/notify", Perm: e, Tag: "incidents",
		Summary: "Tell every controller not yet told: a case in its organisation when it follows the profile here, else a mail", Response: []store.ControllerNotice{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			var told []store.ControllerNotice
			err = a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
				told, err = tx.NotifyControllers(r.Context(), c.Org, id, c.Lang)
				return err
			})
			return told, err
		})
}
