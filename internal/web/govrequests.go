package web

import (
	"net/http"
	"strconv"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/govrequest"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// The government data requests pages (seed 001 art. 9). The processor
// records each request against its agreement with the customer, sees
// which customers were not told in time, and the controller reads what
// its processors on this installation recorded about its data.

func init() {
	formFields["govrequest_form"] = map[string]formField{
		"agreement_id": {Label: "Customer (agreement)"}, "authority": {Label: "Authority"}, "authority_kind": {Label: "Kind of authority"},
		"legal_basis": {Label: "Legal basis given"}, "received_at": {Label: "Received"}, "data_asked": {Label: "Data asked for"},
		"decision": {Label: "Decision"}, "told_at": {Label: "Controller told"}, "gag": {Label: "Forbidden to tell the controller (gag)"},
		"gag_reason": {Label: "What forbids telling"}, "gag_lifted_at": {Label: "Gag lifted"}, "legal_check_at": {Label: "Legal check done"},
		"legal_check_note": {Label: "Outcome of the legal check"}, "provided": {Label: "What was provided"}, "answered_at": {Label: "Provided on"},
		"necessity_note": {Label: "Why this was strictly necessary"},
	}
	objectLabels["govrequests"] = "Government request"
	subPages["customers"], subPages["about-us"] = true, true
	trailKinds = append(trailKinds, struct{ Kind, Label string }{store.EntityGovRequest, "Government request"})
}

func govURL(c *Ctx) string { return "/o/" + c.Org.Short + "/govrequests" }

// govRow is a request as the list shows it, its enums in words.
type govRow struct {
	store.GovRequest
	KindText, DecisionText, StatusText, StatusClass string
}

func govRows(c *Ctx, gs []store.GovRequest) []govRow {
	out := make([]govRow, len(gs))
	for i, g := range gs {
		class := "ok"
		switch g.Status {
		case govrequest.StatusOverdue, govrequest.StatusGagCheck:
			class = "bad"
		case govrequest.StatusToTell, govrequest.StatusGagChecked:
			class = "warn"
		}
		out[i] = govRow{GovRequest: g, KindText: govrequest.Label(c.Lang, g.AuthorityKind), DecisionText: govrequest.Label(c.Lang, g.Decision),
			StatusText: govrequest.Label(c.Lang, g.Status), StatusClass: class}
	}
	return out
}

// govRequestList lists the processor's requests, newest first; ?agreement=
// narrows it to one customer.
func (s *Server) govRequestList(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	var agID int64
	if v := r.URL.Query().Get("agreement"); v != "" {
		agID, _ = strconv.ParseInt(v, 10, 64)
	}
	gs, err := s.Store.GovRequests(r.Context(), c.Org.ID, agID, store.Page{})
	if err != nil {
		return err
	}
	data := map[string]any{"Rows": govRows(c, gs), "CanEdit": c.Can(org.EditAdministration), "Hours": govrequest.DefaultTellHours}
	if agID > 0 && len(gs) > 0 {
		data["Customer"] = gs[0].Customer
	}
	s.render(w, r, c, "govrequest_list", "Government requests", data)
	return nil
}

// govRequestCustomers is the per-customer overview: how many requests,
// how many overdue or under a gag.
func (s *Server) govRequestCustomers(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	cs, err := s.Store.GovRequestsByCustomer(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	s.render(w, r, c, "govrequest_customers", "Government requests per customer", map[string]any{"Customers": cs})
	return nil
}

// govRequestsAboutUs is the controller's page: what processors on this
// installation recorded about its data and may show it.
func (s *Server) govRequestsAboutUs(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	cs, err := s.Store.GovRequestsForController(r.Context(), c.Org.ID, store.Page{})
	if err != nil {
		return err
	}
	type row struct {
		store.ControllerGovRequest
		KindText, DecisionText string
	}
	rows := make([]row, len(cs))
	for i, x := range cs {
		rows[i] = row{x, govrequest.Label(c.Lang, x.AuthorityKind), govrequest.Label(c.Lang, x.Decision)}
	}
	s.render(w, r, c, "govrequest_about", "Government requests to our processors", map[string]any{"Rows": rows})
	return nil
}

// localTime is t as a datetime-local input shows it, in Amsterdam.
func localTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(Amsterdam).Format("2006-01-02T15:04")
}

// govFormData fills the form's choices: the agreements in which we are
// the processor, the kinds and the decisions.
func (s *Server) govFormData(r *http.Request, c *Ctx, g *store.GovRequest) (map[string]any, error) {
	ags, err := s.Store.Agreements(r.Context(), c.Org.ID, store.AgreementFilter{})
	if err != nil {
		return nil, err
	}
	var agOpts, kinds, decisions []option
	for _, a := range ags {
		if a.OurRole != agreement.RoleProcessor {
			continue
		}
		label := a.Title
		if a.PartyName != "" {
			label = a.PartyName + " – " + a.Title
		}
		agOpts = append(agOpts, option{strconv.FormatInt(a.ID, 10), label, a.ID == g.AgreementID})
	}
	for _, k := range govrequest.Kinds {
		kinds = append(kinds, option{string(k), govrequest.Label(c.Lang, k), k == g.AuthorityKind})
	}
	for _, d := range govrequest.Decisions {
		decisions = append(decisions, option{string(d), govrequest.Label(c.Lang, d), d == g.Decision})
	}
	received := &g.ReceivedAt
	times := map[string]string{"received_at": localTime(received), "told_at": localTime(g.ToldAt), "gag_lifted_at": localTime(g.GagLiftedAt),
		"legal_check_at": localTime(g.LegalCheckAt), "answered_at": localTime(g.AnsweredAt)}
	return map[string]any{"G": g, "Agreements": agOpts, "Kinds": kinds, "Decisions": decisions, "Times": times,
		"CanEdit": c.Can(org.EditAdministration), "StatusText": govrequest.Label(c.Lang, g.Status)}, nil
}

// readGovForm reads the form into g, naming the field of bad input.
func readGovForm(r *http.Request, g *store.GovRequest) error {
	f := newForm(r)
	if id := f.optID("agreement_id"); id != nil {
		g.AgreementID = *id
	} else {
		g.AgreementID = 0
	}
	g.Authority, g.AuthorityKind, g.LegalBasis = f.str("authority"), govrequest.AuthorityKind(f.str("authority_kind")), f.str("legal_basis")
	g.ReceivedAt = time.Time{}
	if t := f.when("received_at"); t != nil {
		g.ReceivedAt = *t
	}
	g.DataAsked, g.Decision = f.str("data_asked"), govrequest.Decision(f.str("decision"))
	g.ToldAt, g.GagLiftedAt, g.LegalCheckAt, g.AnsweredAt = f.when("told_at"), f.when("gag_lifted_at"), f.when("legal_check_at"), f.when("answered_at")
	g.Gag, g.GagReason, g.LegalCheckNote = f.check("gag"), f.str("gag_reason"), f.str("legal_check_note")
	g.Provided, g.NecessityNote = f.str("provided"), f.str("necessity_note")
	return f.err()
}

func (s *Server) govRequestNew(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	g := &store.GovRequest{Request: govrequest.Request{ReceivedAt: s.Store.Now().UTC(), Decision: govrequest.Pending, AuthorityKind: govrequest.Investigation}}
	data, err := s.govFormData(r, c, g)
	if err != nil {
		return err
	}
	s.render(w, r, c, "govrequest_form", "New government request", data)
	return nil
}

func (s *Server) govRequestCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	g := &store.GovRequest{}
	err := readGovForm(r, g)
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateGovRequest(r.Context(), c.Org.ID, g) })
	}
	if err != nil {
		return s.govFormFail(w, r, c, "New government request", g, err)
	}
	redirectFlash(w, r, govURL(c)+"/"+strconv.FormatInt(g.ID, 10), "created")
	return nil
}

func (s *Server) govFormFail(w http.ResponseWriter, r *http.Request, c *Ctx, title string, g *store.GovRequest, err error) error {
	data, derr := s.govFormData(r, c, g)
	if derr != nil {
		return derr
	}
	return s.formError(w, r, c, "govrequest_form", title, data, err)
}

func (s *Server) loadGov(r *http.Request, c *Ctx) (*store.GovRequest, error) {
	id, err := pathID(r, "govrequest")
	if err != nil {
		return nil, err
	}
	return s.Store.GovRequest(r.Context(), c.Org.ID, id)
}

// govRequestPage shows a request in its form, with its history.
func (s *Server) govRequestPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	g, err := s.loadGov(r, c)
	if err != nil {
		return err
	}
	data, err := s.govFormData(r, c, g)
	if err != nil {
		return err
	}
	if data["Trail"], err = s.history(r.Context(), c, store.EntityGovRequest, g.ID); err != nil {
		return err
	}
	s.render(w, r, c, "govrequest_form", "Government request", data)
	return nil
}

func (s *Server) govRequestSave(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	g, err := s.loadGov(r, c)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	form := *g
	err = readGovForm(r, &form)
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			_, err := tx.UpdateGovRequest(r.Context(), c.Org.ID, g.ID, func(x *store.GovRequest) error { x.Request = form.Request; return nil })
			return err
		})
	}
	if err != nil {
		if status(err) == http.StatusNotFound {
			return err
		}
		return s.govFormFail(w, r, c, "Government request", &form, err)
	}
	redirectFlash(w, r, govURL(c)+"/"+strconv.FormatInt(g.ID, 10), "saved")
	return nil
}
