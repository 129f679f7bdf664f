package api

import (
	"net/http"
	"strconv"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// NoticeIn is the body of POST /api/v1/agreements/{id}/notices. The
// deadline is computed from the agreement's objection window.
type NoticeIn struct {
	Subprocessor string    `json:"subprocessor"`
	Replaces     string    `json:"replaces"`
	Country      string    `json:"country"`
	Service      string    `json:"service"`
	NoticeDate   time.Time `json:"notice_date"`
	Note         string    `json:"note"`
}

// DecisionIn is the body of POST .../notices/{notice}/decision.
type DecisionIn struct {
	Decision string `json:"decision"` // accept | object | terminate
	Note     string `json:"note"`     // the reasons; required to object or terminate
}

// ReviewIn is the body of POST /api/v1/agreements/{id}/reviews.
type ReviewIn struct {
	Conclusion string `json:"conclusion"` // ok | renegotiate | terminate
	Note       string `json:"note"`
}

// Comparison is two agreements' terms side by side.
type Comparison struct {
	Left  int64           `json:"left"`
	Right int64           `json:"right"`
	Rows  []agreement.Row `json:"rows"`
}

func agreementMoreRoutes(a *API) {
	v, e := org.ViewAdministration, org.EditAdministration
	a.Handle(Route{Method: "GET", Path: "/api/v1/agreements/{id}/notices", Perm: v, Tag: "agreements", Summary: "Sub-processor change notices of an agreement, by id", Paging: PagedByKey, Response: []agreement.Notice{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := a.ownAgreement(r, c)
			if err != nil {
				return nil, err
			}
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(n *agreement.Notice) int64 { return n.ID })(a.Store.NoticesPage(r.Context(), c.Org.ID, id, p))
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/agreements/{id}/notices", Perm: e, Tag: "agreements", Summary: "Record a processor's notice of a new or replaced sub-processor; the objection deadline is computed", Request: NoticeIn{}, Response: agreement.Notice{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := a.ownAgreement(r, c)
			if err != nil {
				return nil, err
			}
			var in NoticeIn
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			n := &agreement.Notice{OrgID: c.Org.ID, AgreementID: id, Subprocessor: in.Subprocessor, Replaces: in.Replaces, Country: in.Country,
				Service: in.Service, NoticeDate: in.NoticeDate.UTC(), Note: in.Note}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateNotice(r.Context(), n) }); err != nil {
				return nil, err
			}
			return Created{n}, nil
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/agreements/{id}/notices/{notice}/decision", Perm: e, Tag: "agreements", Summary: "Record the decision on a notice before its deadline", Request: DecisionIn{}, Response: agreement.Notice{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := a.ownAgreement(r, c)
			if err != nil {
				return nil, err
			}
			nid, err := PathID(r, "notice")
			if err != nil {
				return nil, err
			}
			n, err := a.Store.Notice(r.Context(), c.Org.ID, nid)
			if err != nil || n.AgreementID != id {
				return nil, apperr.NotFoundf("notice not found")
			}
			var in DecisionIn
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error {
				return tx.DecideNotice(r.Context(), c.Org.ID, nid, in.Decision, in.Note, c.User.Email)
			}); err != nil {
				return nil, err
			}
			return a.Store.Notice(r.Context(), c.Org.ID, nid)
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/agreements/{id}/reviews", Perm: v, Tag: "agreements", Summary: "Reviews of an agreement, newest (highest id) first", Paging: PagedByKey, Response: []agreement.Review{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := a.ownAgreement(r, c)
			if err != nil {
				return nil, err
			}
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(v *agreement.Review) int64 { return v.ID })(a.Store.ReviewsPage(r.Context(), c.Org.ID, id, time.Time{}, time.Time{}, p))
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/agreements/{id}/reviews", Perm: e, Tag: "agreements", Summary: "Record a review of an agreement", Request: ReviewIn{}, Response: agreement.Review{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := a.ownAgreement(r, c)
			if err != nil {
				return nil, err
			}
			var in ReviewIn
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			rv := &agreement.Review{OrgID: c.Org.ID, AgreementID: id, Reviewer: c.User.Email, Conclusion: in.Conclusion, Note: in.Note}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.AddReview(r.Context(), rv) }); err != nil {
				return nil, err
			}
			return Created{rv}, nil
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/agreements/compare", Perm: v, Tag: "agreements", Summary: "Compare two agreements term by term", Query: []string{"a", "b"}, Response: Comparison{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			ia, err1 := strconv.ParseInt(r.URL.Query().Get("a"), 10, 64)
			ib, err2 := strconv.ParseInt(r.URL.Query().Get("b"), 10, 64)
			if err1 != nil || err2 != nil {
				return nil, apperr.Invalidf("a", "give two agreement ids as ?a=ID&b=ID")
			}
			left, err := a.Store.Agreement(r.Context(), c.Org.ID, ia)
			if err != nil {
				return nil, err
			}
			right, err := a.Store.Agreement(r.Context(), c.Org.ID, ib)
			if err != nil {
				return nil, err
			}
			return Comparison{Left: ia, Right: ib, Rows: agreement.Compare(left.Terms, right.Terms)}, nil
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/agreements/strictest", Perm: v, Tag: "agreements", Summary: "As processor: the strictest terms across the controllers' agreements", Response: agreement.Strictest{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			list, err := a.Store.Agreements(r.Context(), c.Org.ID, store.AgreementFilter{})
			if err != nil {
				return nil, err
			}
			return agreement.StrictestTerms(list), nil
		})
}

// ownAgreement returns the {id} of the path when it is an agreement of the caller's organisation.
func (a *API) ownAgreement(r *http.Request, c *Ctx) (int64, error) {
	id, err := PathID(r, "id")
	if err != nil {
		return 0, err
	}
	if _, err := a.Store.Agreement(r.Context(), c.Org.ID, id); err != nil {
		return 0, err
	}
	return id, nil
}
