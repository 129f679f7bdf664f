package api

import (
	"net/http"
	"strconv"
	"time"

	"privacyregister/internal/deadline"
	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

// Request is a data-subject request in the API. due_date is the calendar
// date (Amsterdam) by which the answer is due; due_at its last instant.
type Request struct {
	ID          int64               `json:"id"`
	Reference   string              `json:"reference"`
	Rights      []request.Right     `json:"rights"`
	Channel     request.Channel     `json:"channel"`
	ReceivedAt  time.Time           `json:"received_at"`
	DueAt       time.Time           `json:"due_at"`
	DueDate     string              `json:"due_date"`
	Late        bool                `json:"late"`
	State       request.State       `json:"state"`
	Requester   RequestPerson       `json:"requester"`
	Identity    *RequestIdentity    `json:"identity,omitempty"`
	ActivityIDs []int64             `json:"activity_ids"`
	Description string              `json:"description"`
	Extension   *RequestExtension   `json:"extension,omitempty"`
	Refusal     *RequestRefusal     `json:"refusal,omitempty"`
	AnsweredAt  *time.Time          `json:"answered_at,omitempty"`
	ClosedAt    *time.Time          `json:"closed_at,omitempty"`
	Steps       []store.RequestStep `json:"steps"`
}

// RequestPerson is who asks.
type RequestPerson struct {
	Name       string `json:"name"`
	Email      string `json:"email"`
	Phone      string `json:"phone"`
	Address    string `json:"address"`
	OnBehalfOf string `json:"on_behalf_of"`
}

// RequestIdentity is the identity check.
type RequestIdentity struct {
	Method request.IdentityMethod `json:"method"`
	By     string                 `json:"by"`
	At     *time.Time             `json:"at,omitempty"`
	Note   string                 `json:"note"`
}

// RequestExtension is the art. 12(3) extension.
type RequestExtension struct {
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
}

// RequestRefusal is why a request was (partly) refused.
type RequestRefusal struct {
	Ground      request.Ground   `json:"ground"`
	Interest    request.Interest `json:"interest,omitempty"`
	Explanation string           `json:"explanation"`
}

// NewRequest is the body of POST /api/v1/requests.
type NewRequest struct {
	Reference   string           `json:"reference"`
	Rights      []request.Right  `json:"rights"`
	Channel     request.Channel  `json:"channel"`
	ReceivedAt  time.Time        `json:"received_at"`
	Requester   RequestPerson    `json:"requester"`
	Identity    *RequestIdentity `json:"identity"`
	ActivityIDs []int64          `json:"activity_ids"`
	Description string           `json:"description"`
}

// RequestExtend is the body of POST /api/v1/requests/{id}/extend.
type RequestExtend struct {
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
}

// RequestReply is the body of POST /api/v1/requests/{id}/reply.
type RequestReply struct {
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// RequestRefuse is the body of POST /api/v1/requests/{id}/refuse.
type RequestRefuse struct {
	Partial         bool             `json:"partial"`
	Ground          request.Ground   `json:"ground"`
	Interest        request.Interest `json:"interest"`
	Explanation     string           `json:"explanation"`
	At              time.Time        `json:"at"`
	PublicAuthority bool             `json:"public_authority"`
}

// RequestStateChange is the body of POST /api/v1/requests/{id}/state.
type RequestStateChange struct {
	State request.State `json:"state"`
}

// RequestOut converts a stored request for the API (also used by exports).
func RequestOut(q *store.SubjectRequest, now time.Time) Request {
	out := Request{ID: q.ID, Reference: q.Reference, Rights: q.Rights, Channel: q.Channel, ReceivedAt: q.ReceivedAt,
		DueAt: q.DueAt, DueDate: deadline.DueDate(q.DueAt).Format("2006-01-02"), Late: request.Late(q.Request, now), State: q.State,
		Requester:   RequestPerson(q.Requester),
		ActivityIDs: q.ActivityIDs, Description: q.Description, AnsweredAt: q.AnsweredAt, ClosedAt: q.ClosedAt, Steps: q.Steps}
	if out.ActivityIDs == nil {
		out.ActivityIDs = []int64{}
	}
	if out.Steps == nil {
		out.Steps = []store.RequestStep{}
	}
	if q.Identity.Method != "" {
		out.Identity = &RequestIdentity{Method: q.Identity.Method, By: q.Identity.By, At: q.Identity.At, Note: q.Identity.Note}
	}
	if q.Extension != nil {
		out.Extension = &RequestExtension{At: q.Extension.At, Reason: q.Extension.Reason}
	}
	if q.Refusal != nil {
		out.Refusal = &RequestRefusal{Ground: q.Refusal.Ground, Interest: q.Refusal.Interest, Explanation: q.Refusal.Explanation}
	}
	return out
}

// requestRoutes are the endpoints of data subjects' requests.
func (a *API) requestRoutes() {
	a.Handle(Route{Method: "GET", Path: "/api/v1/requests", Perm: org.ViewAdministration, Tag: "requests", Query: []string{"year", "open"},
		Summary: "Requests of data subjects, by id (each with its deadline)", Paging: PagedByKey, Response: []Request{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			f := store.RequestFilter{OpenOnly: r.URL.Query().Get("open") == "true" || r.URL.Query().Get("open") == "1", Page: p}
			f.Year, _ = strconv.Atoi(r.URL.Query().Get("year"))
			qs, err := a.Store.Requests(r.Context(), c.Org.ID, f)
			if err != nil {
				return nil, err
			}
			qs = page(w, r, p, qs, func(q *store.SubjectRequest) int64 { return q.ID })
			out := make([]Request, len(qs))
			for i := range qs {
				out[i] = RequestOut(&qs[i], a.Store.Now())
			}
			return out, nil
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/requests/{id}", Perm: org.ViewAdministration, Tag: "requests", Summary: "One request", Response: Request{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			q, err := a.Store.Request(r.Context(), c.Org.ID, id)
			if err != nil {
				return nil, err
			}
			return RequestOut(q, a.Store.Now()), nil
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/requests", Perm: org.EditAdministration, Tag: "requests",
		Summary: "Record a request; the due date is computed (one month, Reg. 1182/71, Dutch holidays)", Request: NewRequest{}, Response: Request{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in NewRequest
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			q := &store.SubjectRequest{}
			q.Reference, q.Rights, q.Channel, q.ReceivedAt = in.Reference, in.Rights, in.Channel, in.ReceivedAt
			q.Requester = request.Requester(in.Requester)
			q.ActivityIDs, q.Description = in.ActivityIDs, in.Description
			if in.Identity != nil {
				q.Identity = request.Identity{Method: in.Identity.Method, By: in.Identity.By, At: in.Identity.At, Note: in.Identity.Note}
			}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateRequest(r.Context(), c.Org.ID, q) }); err != nil {
				return nil, err
			}
			return Created{RequestOut(q, a.Store.Now())}, nil
		})
	a.requestAction("extend", "Extend by two months (only within the first month, with reasons)", RequestExtend{},
		func(r *http.Request, tx *store.Tx, c *Ctx, id int64) (*store.SubjectRequest, error) {
			var in RequestExtend
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			return tx.ExtendRequest(r.Context(), c.Org.ID, id, in.At, in.Reason)
		})
	a.requestAction("steps", "Record a forward to a processor, a processor's answer or a note", store.RequestStep{},
		func(r *http.Request, tx *store.Tx, c *Ctx, id int64) (*store.SubjectRequest, error) {
			var in store.RequestStep
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			in.By = c.User.Email
			return tx.AddRequestStep(r.Context(), c.Org.ID, id, in)
		})
	a.requestAction("reply", "Record the reply with its date and a copy", RequestReply{},
		func(r *http.Request, tx *store.Tx, c *Ctx, id int64) (*store.SubjectRequest, error) {
			var in RequestReply
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			return tx.ReplyRequest(r.Context(), c.Org.ID, id, in.At, in.Text, c.User.Email)
		})
	a.requestAction("refuse", "Record a (partial) refusal with its ground; the art. 12(4) text is added", RequestRefuse{},
		func(r *http.Request, tx *store.Tx, c *Ctx, id int64) (*store.SubjectRequest, error) {
			var in RequestRefuse
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			f := request.Refusal{Ground: in.Ground, Interest: in.Interest, Explanation: in.Explanation}
			return tx.RefuseRequest(r.Context(), c.Org.ID, id, in.Partial, f, in.At, request.ComplaintInfo("nl", in.PublicAuthority), c.User.Email)
		})
	a.requestAction("state", "Move to identity_check, in_progress or closed", RequestStateChange{},
		func(r *http.Request, tx *store.Tx, c *Ctx, id int64) (*store.SubjectRequest, error) {
			var in RequestStateChange
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			return tx.SetRequestState(r.Context(), c.Org.ID, id, in.State)
		})
}

// requestAction registers POST /api/v1/requests/{id}/NAME.
func (a *API) requestAction(name, summary string, body any, do func(r *http.Request, tx *store.Tx, c *Ctx, id int64) (*store.SubjectRequest, error)) {
	a.Handle(Route{Method: "POST", Path: "/api/v1/requests/{id}/" + name, Perm: org.EditAdministration, Tag: "requests", Summary: summary, Request: body, Response: Request{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			var q *store.SubjectRequest
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) { q, err = do(r, tx, c, id); return }); err != nil {
				return nil, err
			}
			return RequestOut(q, a.Store.Now()), nil
		})
}
