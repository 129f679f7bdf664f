package web

import (
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

// option is a choice in a select or a set of checkboxes.
type option struct {
	Value, Label string
	Checked      bool
}

func rightsText(lang string, rs []request.Right) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = request.Label(lang, r)
	}
	return strings.Join(parts, ", ")
}

// requestRow is a request as a page shows it.
type requestRow struct {
	*store.SubjectRequest
	RightsText string
	StateText  string
	ChannelTxt string
	Due        time.Time // the due calendar date's end
	Late       bool
	Open       bool
	Extendable bool
	LastDay    time.Time // last day on which an extension can be announced
	RefuseBy   time.Time // end of the first month: a refusal is due by then (art. 12(4))
	StrictDue  time.Time // the earlier end of the month without Good Friday and decree days, when it differs
}

func (s *Server) requestRow(c *Ctx, q *store.SubjectRequest) requestRow {
	now := s.Store.Now()
	row := requestRow{SubjectRequest: q, RightsText: rightsText(c.Lang, q.Rights), StateText: request.Label(c.Lang, q.State),
		Due: q.DueAt, Late: request.Late(q.Request, now), Open: q.IsOpen(), RefuseBy: request.RefusalDue(q.Request)}
	if q.Channel != "" {
		row.ChannelTxt = request.Label(c.Lang, q.Channel)
	}
	if q.Extension == nil {
		if sd := request.StrictDue(q.ReceivedAt); sd.Before(q.DueAt) {
			row.StrictDue = sd
		}
		// The stored due date is then the end of the first month on the
		// organisation's calendar (Store.Calendar), moved when its decree
		// days change: no calendar to load per row.
		row.LastDay = q.DueAt
	}
	row.Extendable = row.Open && q.Extension == nil && !now.After(row.LastDay)
	return row
}

func (s *Server) requestList(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	f := store.RequestFilter{OpenOnly: r.URL.Query().Get("open") == "1"}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y > 1900 && y < 3000 {
		f.Year = y
	}
	rs, err := s.Store.Requests(r.Context(), c.Org.ID, f)
	if err != nil {
		return err
	}
	rows := make([]requestRow, len(rs))
	late, answered := 0, 0
	for i := range rs {
		rows[i] = s.requestRow(c, &rs[i])
		if rows[i].Late {
			late++
		}
		if rs[i].AnsweredAt != nil {
			answered++
		}
	}
	s.render(w, r, c, "request_list", "Requests", map[string]any{"Rows": rows, "Filter": f, "Late": late, "Answered": answered,
		"ThisYear": s.Store.Now().In(Amsterdam).Year(), "CanEdit": c.Can(org.EditAdministration)})
	return nil
}

func (s *Server) requestFormData(r *http.Request, c *Ctx, q *store.SubjectRequest) (map[string]any, error) {
	acts, err := s.Store.ActivityNames(r.Context(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	chosen := map[string]bool{}
	for _, v := range q.Rights {
		chosen[string(v)] = true
	}
	var rights []option
	for _, v := range request.Rights {
		rights = append(rights, option{string(v), request.Label(c.Lang, v), chosen[string(v)]})
	}
	var channels []option
	for _, v := range []request.Channel{request.ByEmail, request.ByLetter, request.ByWebForm, request.InPerson, request.ByPhone, request.OtherRoute} {
		channels = append(channels, option{string(v), request.Label(c.Lang, v), v == q.Channel})
	}
	ids := map[int64]bool{}
	for _, id := range q.ActivityIDs {
		ids[id] = true
	}
	var actOpts []option
	for _, a := range acts {
		actOpts = append(actOpts, option{strconv.FormatInt(a.ID, 10), a.Name, ids[a.ID]})
	}
	received := ""
	if !q.ReceivedAt.IsZero() {
		received = q.ReceivedAt.In(Amsterdam).Format("2006-01-02")
	}
	return map[string]any{"Q": q, "Rights": rights, "Channels": channels, "Activities": actOpts, "Received": received,
		"Methods": identityMethods(c, q.Identity.Method)}, nil
}

func identityMethods(c *Ctx, cur request.IdentityMethod) []option {
	var out []option
	for _, v := range []request.IdentityMethod{request.IDShown, request.KnownContact, request.LoggedIn, request.OtherMethod} {
		out = append(out, option{string(v), request.Label(c.Lang, v), v == cur})
	}
	return out
}

func (s *Server) requestNew(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	q := &store.SubjectRequest{}
	q.ReceivedAt = s.Store.Now()
	data, err := s.requestFormData(r, c, q)
	if err != nil {
		return err
	}
	s.render(w, r, c, "request_new", "New request", data)
	return nil
}

func (s *Server) requestCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	q := &store.SubjectRequest{}
	f := newForm(r)
	for _, v := range f.values("rights") {
		q.Rights = append(q.Rights, request.Right(v))
	}
	q.Channel = request.Channel(f.str("channel"))
	q.Reference = f.str("reference")
	q.Description = f.str("description")
	q.Requester = request.Requester{Name: f.str("name"), Email: f.str("email"), Phone: f.str("phone"), Address: f.str("address"), OnBehalfOf: f.str("on_behalf_of")}
	for _, v := range f.values("activities") {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.bad("activity_ids", "Unknown processing activity.")
			continue
		}
		q.ActivityIDs = append(q.ActivityIDs, id)
	}
	q.ReceivedAt = f.day("received_at", true, s.Store.Now())
	if m := f.str("identity_method"); m != "" {
		q.Identity = request.Identity{Method: request.IdentityMethod(m), By: f.str("identity_by"), Note: f.str("identity_note")}
		if !q.ReceivedAt.IsZero() {
			at := q.ReceivedAt
			q.Identity.At = &at
		}
	}
	data, derr := s.requestFormData(r, c, q)
	if derr != nil {
		return derr
	}
	data["Received"] = f.str("received_at")
	if err := f.err(); err != nil {
		return s.formError(w, r, c, "request_new", "New request", data, err)
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateRequest(r.Context(), c.Org.ID, q) }); err != nil {
		return s.formError(w, r, c, "request_new", "New request", data, err)
	}
	redirectFlash(w, r, requestURL(c, q.ID), "created")
	return nil
}

func requestURL(c *Ctx, id int64) string {
	return "/o/" + c.Org.Short + "/requests/" + strconv.FormatInt(id, 10)
}

func (s *Server) loadRequest(r *http.Request, c *Ctx) (*store.SubjectRequest, error) {
	id, err := pathID(r, "request")
	if err != nil {
		return nil, err
	}
	return s.Store.Request(r.Context(), c.Org.ID, id)
}

func (s *Server) requestDetail(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	q, err := s.loadRequest(r, c)
	if err != nil {
		return err
	}
	return s.renderRequest(w, r, c, q, map[string]any{})
}

func (s *Server) renderRequest(w http.ResponseWriter, r *http.Request, c *Ctx, q *store.SubjectRequest, data map[string]any) error {
	acts, err := s.Store.ActivityNames(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, a := range acts {
		names[a.ID] = a.Name
	}
	var touched []string
	var processors []string // of the activities concerned, from the register
	seen := map[string]bool{}
	for _, id := range q.ActivityIDs {
		touched = append(touched, names[id])
		if a, err := s.Store.Activity(r.Context(), c.Org.ID, id); err == nil {
			for _, p := range a.Processors {
				if p.Name != "" && !seen[p.Name] {
					seen[p.Name] = true
					processors = append(processors, p.Name)
				}
			}
		}
	}
	data["Processors"] = processors
	var grounds []option
	for _, g := range []request.Ground{request.ManifestlyUnfounded, request.Excessive, request.IdentityNotEstablished, request.UAVG41} {
		grounds = append(grounds, option{Value: string(g), Label: request.Label(c.Lang, g)})
	}
	var interests []option
	for _, i := range request.Interests {
		interests = append(interests, option{Value: string(i), Label: string(i) + ". " + request.Label(c.Lang, i)})
	}
	steps := make([]map[string]any, len(q.Steps))
	for i, st := range q.Steps {
		steps[i] = map[string]any{"S": st, "Kind": stepLabel(st.Kind)}
	}
	data["R"] = s.requestRow(c, q)
	data["CanEdit"] = c.Can(org.EditAdministration)
	data["Activities"] = touched
	data["Grounds"], data["Interests"], data["Methods"] = grounds, interests, identityMethods(c, q.Identity.Method)
	data["Steps"] = steps
	data["Today"] = s.Store.Now().In(Amsterdam).Format("2006-01-02")
	data["Complaint"] = request.ComplaintInfo(c.Lang, false)
	data["ComplaintPublic"] = request.ComplaintInfo(c.Lang, true)
	if q.Identity.Method != "" {
		data["IdentityText"] = request.Label(c.Lang, q.Identity.Method)
	}
	if q.Refusal != nil {
		data["GroundText"] = request.Label(c.Lang, q.Refusal.Ground)
		if q.Refusal.Interest != "" {
			data["InterestText"] = request.Label(c.Lang, q.Refusal.Interest)
		}
	}
	trail, err := s.history(r.Context(), c, "request", q.ID)
	if err != nil {
		return err
	}
	data["Trail"] = trail
	data["Tabs"] = pageTabs(r, requestURL(c, q.ID), "overview", "Overview", "handle", "Handling", "history", "History")
	s.render(w, r, c, "request_detail", "Request", data)
	return nil
}

func stepLabel(kind string) string {
	switch kind {
	case store.StepForwarded:
		return "Forwarded to processor"
	case store.StepAnswer:
		return "Answer of processor"
	case store.StepReply:
		return "Reply to the requester"
	case store.StepRefusal:
		return "Refusal sent"
	}
	return "Note"
}

// requestForms name the fields of each form on the request page as its
// errors do: the forms share field names ("at"), the page tells them apart.
var requestForms = map[string]map[string]string{
	"steps":    {"at": "step.at", "kind": "step.kind", "text": "step.text"},
	"identity": {"at": "identity.at", "by": "identity.by", "method": "identity.method"},
	"extend":   {"at": "extension.at", "reason": "extension.reason", "extension": "extension.reason"},
	"reply":    {"at": "answered_at", "text": "reply.text"},
	"refuse":   {"at": "refusal.at", "ground": "refusal.ground", "interest": "refusal.interest", "explanation": "refusal.explanation"},
}

// requestFormErr names the fields of err after the form action posted.
func requestFormErr(action string, err error) error {
	list := errorList(err)
	if list == nil {
		return err
	}
	out := make(apperr.List, len(list))
	for i, e := range list {
		c := *e
		if k, ok := requestForms[action][e.Field]; ok {
			c.Field = k
		}
		out[i] = &c
	}
	return out
}

// requestAction runs a change on the request and redirects, or shows the
// detail page with the errors.
func (s *Server) requestAction(w http.ResponseWriter, r *http.Request, c *Ctx, change func(tx *store.Tx, id int64) error) error {
	q, err := s.loadRequest(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return change(tx, q.ID) }); err != nil {
		if status(err) == http.StatusInternalServerError || status(err) == http.StatusNotFound {
			return err
		}
		w.WriteHeader(status(err))
		data := map[string]any{"Action": path.Base(r.URL.Path)}
		putErrors(c, data, "request_detail", requestFormErr(path.Base(r.URL.Path), err))
		return s.renderRequest(w, r, c, q, data)
	}
	redirectFlash(w, r, requestURL(c, q.ID), "saved")
	return nil
}

func (s *Server) requestExtend(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.requestAction(w, r, c, func(tx *store.Tx, id int64) error {
		f := newForm(r)
		at, reason := f.day("at", true, s.Store.Now()), f.str("reason")
		if err := f.err(); err != nil {
			return err
		}
		_, err := tx.ExtendRequest(r.Context(), c.Org.ID, id, at, reason)
		return err
	})
}

func (s *Server) requestStep(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.requestAction(w, r, c, func(tx *store.Tx, id int64) error {
		f := newForm(r)
		st := store.RequestStep{Kind: f.str("kind"), At: f.day("at", true, s.Store.Now()),
			Processor: f.str("processor"), Contact: f.str("contact"), Text: f.str("text"), By: c.User.Email}
		if err := f.err(); err != nil {
			return err
		}
		_, err := tx.AddRequestStep(r.Context(), c.Org.ID, id, st)
		return err
	})
}

func (s *Server) requestIdentity(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.requestAction(w, r, c, func(tx *store.Tx, id int64) error {
		f := newForm(r)
		at := f.day("at", false, s.Store.Now())
		if err := f.err(); err != nil {
			return err
		}
		idc := request.Identity{Method: request.IdentityMethod(f.str("method")), By: f.str("by"), Note: f.str("note")}
		if !at.IsZero() {
			idc.At = &at
		}
		_, err := tx.SetRequestIdentity(r.Context(), c.Org.ID, id, idc)
		return err
	})
}

func (s *Server) requestReply(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.requestAction(w, r, c, func(tx *store.Tx, id int64) error {
		f := newForm(r)
		at, text := f.day("at", true, s.Store.Now()), f.str("text")
		if err := f.err(); err != nil {
			return err
		}
		_, err := tx.ReplyRequest(r.Context(), c.Org.ID, id, at, text, c.User.Email)
		return err
	})
}

func (s *Server) requestRefuse(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.requestAction(w, r, c, func(tx *store.Tx, id int64) error {
		f := newForm(r)
		at := f.day("at", true, s.Store.Now())
		if err := f.err(); err != nil {
			return err
		}
		ref := request.Refusal{Ground: request.Ground(f.str("ground")), Interest: request.Interest(f.str("interest")), Explanation: f.str("explanation")}
		if ref.Ground != request.UAVG41 {
			ref.Interest = ""
		}
		complaint := request.ComplaintInfo(c.Lang, f.check("public_authority"))
		_, err := tx.RefuseRequest(r.Context(), c.Org.ID, id, f.check("partial"), ref, at, complaint, c.User.Email)
		return err
	})
}

func (s *Server) requestState(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.requestAction(w, r, c, func(tx *store.Tx, id int64) error {
		_, err := tx.SetRequestState(r.Context(), c.Org.ID, id, request.State(newForm(r).str("state")))
		return err
	})
}
