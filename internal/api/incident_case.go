package api

import (
	"net/http"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// The work on a case, as the case page does it: phases, the decision,
// notifications to the AP, the controllers to tell, closing. Each route
// has the permission of its web route and makes the same store call.

// PhaseChange is the body of PUT /api/v1/incidents/{id}/phases/{phase}.
type PhaseChange struct {
	State incident.PhaseState `json:"state"` // not_started, in_progress, done
}

// DecisionInput is the body of PUT /api/v1/incidents/{id}/decision: the
// decision aid's answers and, to record another outcome than the one it
// proposes, that outcome with the reason.
type DecisionInput struct {
	Assessment     incident.Assessment `json:"assessment"`
	Outcome        incident.Outcome    `json:"outcome"`
	OverrideReason string              `json:"override_reason"`
}

// Message is a text filled in, in the caller's language, with a stable
// code for programs.
type Message struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Proposal is what the decision aid proposes for given answers.
type Proposal struct {
	Outcome             incident.Outcome `json:"outcome"`
	Risk                incident.Risk    `json:"risk"`
	PublicCommunication bool             `json:"public_communication"`
	Reasons             []Message        `json:"reasons"` // code: the English text
}

// NewNotification is the body of POST /api/v1/incidents/{id}/notifications.
type NewNotification struct {
	Kind       string    `json:"kind"` // new, supplement, amend, withdraw
	SentAt     time.Time `json:"sent_at"`
	Reference  string    `json:"reference"` // the AP's meldingsnummer
	Note       string    `json:"note"`
	LateReason string    `json:"late_reason"` // the first notification, after the 72 hours (art. 33(1))
}

// NewController is the body of POST /api/v1/incidents/{id}/controllers.
type NewController struct {
	Name          string `json:"name"`
	ContractHours *int   `json:"contract_hours"` // absent: the agreement says "without delay"
	TargetHours   int    `json:"target_hours"`   // own target for "without delay"; 0: the default
}

// ControllerNotified is the body of POST .../controllers/{ctl}/notified.
type ControllerNotified struct {
	NotifiedAt *time.Time `json:"notified_at"` // absent: now
}

// Reopening is the body of POST /api/v1/incidents/{id}/reopen.
type Reopening struct {
	Reason string `json:"reason"`
}

// IncidentText is a text of a case, filled in in the caller's language.
type IncidentText struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

func (a *API) incidentCaseRoutes() {
	view, edit, report := org.ViewAdministration, org.EditAdministration, org.ReportIncident
	a.Handle(Route{Method: "PUT", Path: "/api/v1/incidents/{id}", Perm: report, OrPerm: &view, Tag: "incidents",
		Summary: "Change the case's details (the AP form's sections, as the case form); a case as GET returns it is accepted, and what the procedure records (phases, decision, notifications, measures) is kept. For the privacy officer and the assigned technicus",
		Request: store.Incident{}, Response: store.Incident{}}, a.putIncident)
	a.Handle(Route{Method: "PUT", Path: "/api/v1/incidents/{id}/phases/{phase}", Perm: report, OrPerm: &view, Tag: "incidents",
		Summary: "Move a phase (discover, inventory, qualify, repair, notify) to a state; for the privacy officer and the assigned technicus. Archive by closing the case",
		Request: PhaseChange{}, Response: store.Incident{}}, a.incidentPhase)
	a.Handle(Route{Method: "GET", Path: "/api/v1/incidents/{id}/assessment", Perm: edit, Tag: "incidents",
		Summary:  "The decision aid's answers as the case page starts them: those of the recorded decision, else pre-filled from the case's facts",
		Response: incident.Assessment{}}, a.incidentAssessment)
	a.Handle(Route{Method: "POST", Path: "/api/v1/incidents/{id}/assessment", Perm: edit, Tag: "incidents",
		Summary: "What the decision aid proposes for the answers (records nothing); reasons in the caller's language",
		Request: incident.Assessment{}, Response: Proposal{}}, a.incidentAssess)
	a.Handle(Route{Method: "PUT", Path: "/api/v1/incidents/{id}/decision", Perm: edit, Tag: "incidents",
		Summary: "Record the decision of phase 3: the proposed outcome, or another with override_reason",
		Request: DecisionInput{}, Response: store.IncidentDecision{}}, a.incidentDecide)
	a.Handle(Route{Method: "GET", Path: "/api/v1/incidents/{id}/notifications", Perm: view, Tag: "incidents",
		Summary: "The case's notifications to the AP", Response: []store.AuthorityNotification{}}, a.incidentNotifications)
	a.Handle(Route{Method: "POST", Path: "/api/v1/incidents/{id}/notifications", Perm: edit, Tag: "incidents",
		Summary: "Record a notification to the AP (new, supplement, amend, withdraw); its text is kept as sent, in the caller's language",
		Request: NewNotification{}, Response: store.AuthorityNotification{}}, a.incidentNotify)
	a.Handle(Route{Method: "GET", Path: "/api/v1/incidents/{id}/notifications/{n}", Perm: view, Tag: "incidents",
		Summary: "One notification to the AP with the text as it was sent", Response: store.AuthorityNotification{}}, a.incidentNotification)
	a.Handle(Route{Method: "GET", Path: "/api/v1/incidents/{id}/texts/{kind}", Perm: view, Tag: "incidents", Query: []string{"notice"},
		Summary:  "A text to send, from the case as it stands: authority (notice: new, supplement, amend, withdraw), subjects or controller",
		Response: IncidentText{}}, a.incidentText)
	a.Handle(Route{Method: "POST", Path: "/api/v1/incidents/{id}/measures", Perm: report, OrPerm: &view, Tag: "incidents",
		Summary: "Add a measure taken (done_at) or planned; for the privacy officer and the assigned technicus", Request: incident.Measure{}, Response: store.Incident{}}, a.incidentMeasure)
	a.Handle(Route{Method: "PUT", Path: "/api/v1/incidents/{id}/subjects", Perm: edit, Tag: "incidents",
		Summary: "Record whether, when and how the people concerned were told (art. 34)", Request: incident.Informing{}, Response: store.Incident{}}, a.incidentSubjects)
	a.Handle(Route{Method: "GET", Path: "/api/v1/incidents/{id}/controllers", Perm: view, Tag: "incidents",
		Summary: "The controllers to tell (the organisation is the processor), with their deadlines", Response: []store.AffectedController{}}, a.incidentControllers)
	a.Handle(Route{Method: "POST", Path: "/api/v1/incidents/{id}/controllers", Perm: edit, Tag: "incidents",
		Summary: "Add a controller to tell; its deadline counts from the discovery", Request: NewController{}, Response: store.AffectedController{}}, a.incidentAddController)
	a.Handle(Route{Method: "POST", Path: "/api/v1/incidents/{id}/controllers/{ctl}/notified", Perm: edit, Tag: "incidents",
		Summary: "Record when the controller was told", Request: ControllerNotified{}, Response: []store.AffectedController{}}, a.incidentControllerNotified)
	a.Handle(Route{Method: "POST", Path: "/api/v1/incidents/{id}/close", Perm: edit, Tag: "incidents",
		Summary: "Close (archive) the case once every other phase is done; it becomes read-only", Response: store.Incident{}}, a.incidentClose)
	a.Handle(Route{Method: "POST", Path: "/api/v1/incidents/{id}/reopen", Perm: edit, Tag: "incidents",
		Summary: "Reopen a closed case, with the reason", Request: Reopening{}, Response: store.Incident{}}, a.incidentReopen)
}

// loadIncident reads the case of the path; a case of another organisation,
// or one the caller may not see, is not found.
func (a *API) loadIncident(r *http.Request, c *Ctx) (*store.Incident, error) {
	id, err := PathID(r, "id")
	if err != nil {
		return nil, err
	}
	i, err := a.Store.Incident(r.Context(), c.Org.ID, id)
	if err != nil {
		return nil, err
	}
	if !incident.MemberOf(c.User.ID, c.Role).CanSee(i.ReporterID, i.AssigneeID) {
		return nil, apperr.NotFoundf("incident not found")
	}
	return i, nil
}

// workIncident loads the case for a change by someone who may work on it.
func (a *API) workIncident(r *http.Request, c *Ctx) (*store.Incident, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	if !incident.MemberOf(c.User.ID, c.Role).CanWork(i.AssigneeID) {
		return nil, apperr.New(apperr.Forbidden, "your role does not allow this")
	}
	return i, nil
}

func (a *API) putIncident(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.workIncident(r, c)
	if err != nil {
		return nil, err
	}
	var in store.Incident
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	var out *store.Incident
	err = a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		out, err = tx.UpdateIncident(r.Context(), c.Org.ID, i.ID, "updated", func(x *store.Incident) error { x.SetDetails(&in); return nil })
		return err
	})
	return out, err
}

func (a *API) incidentPhase(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.workIncident(r, c)
	if err != nil {
		return nil, err
	}
	var in PhaseChange
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	p := incident.Phase(r.PathValue("phase"))
	var out *store.Incident
	err = a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		out, err = tx.UpdateIncident(r.Context(), c.Org.ID, i.ID, "phase", func(x *store.Incident) error { return x.MovePhase(p, in.State) })
		return err
	})
	return out, err
}

func (a *API) incidentAssessment(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	if i.Decision != nil {
		return i.Decision.Assessment, nil
	}
	return i.ProposeAssessment(), nil
}

func (a *API) incidentAssess(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	if _, err := a.loadIncident(r, c); err != nil {
		return nil, err
	}
	var in incident.Assessment
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	d, _, err := incident.Decide(in, "", "")
	if err != nil {
		return nil, err
	}
	p := Proposal{Outcome: d.Outcome, Risk: d.Risk, PublicCommunication: d.PublicCommunication, Reasons: []Message{}}
	for _, m := range d.Reasons {
		p.Reasons = append(p.Reasons, Message{Code: m, Message: c.T(m)})
	}
	return p, nil
}

func (a *API) incidentDecide(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	var in DecisionInput
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	var out *store.Incident
	err = a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		out, err = tx.DecideIncident(r.Context(), c.Org.ID, i.ID, in.Assessment, in.Outcome, in.OverrideReason)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out.Decision, nil
}

func (a *API) incidentNotifications(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	return nonNil(a.Store.AuthorityNotifications(r.Context(), c.Org.ID, i.ID))
}

func (a *API) incidentNotify(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	var in NewNotification
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	n := &store.AuthorityNotification{Kind: in.Kind, SentAt: in.SentAt, Reference: in.Reference, Note: in.Note}
	if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.NotifyAuthority(r.Context(), c.Org, c.Lang, i.ID, n, in.LateReason)
	}); err != nil {
		return nil, err
	}
	return Created{n}, nil
}

func (a *API) incidentNotification(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	nid, err := PathID(r, "n")
	if err != nil {
		return nil, err
	}
	return a.Store.NotificationText(r.Context(), c.Org.ID, i.ID, nid)
}

func (a *API) incidentText(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	kind := r.PathValue("kind")
	text, ok := incident.Text(kind, r.URL.Query().Get("notice"), i.Incident, incident.OrgInfoOf(c.Org), c.Lang)
	if !ok {
		return nil, apperr.NotFoundf("no such text; use authority, subjects or controller")
	}
	return IncidentText{Kind: kind, Text: text}, nil
}

func (a *API) incidentMeasure(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.workIncident(r, c)
	if err != nil {
		return nil, err
	}
	var in incident.Measure
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	var out *store.Incident
	err = a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		out, err = tx.UpdateIncident(r.Context(), c.Org.ID, i.ID, "measure", func(x *store.Incident) error { return x.AddMeasure(in, a.Store.Now()) })
		return err
	})
	return out, err
}

func (a *API) incidentSubjects(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	var in incident.Informing
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	var out *store.Incident
	err = a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		out, err = tx.RecordInforming(r.Context(), c.Org.ID, i.ID, in)
		return err
	})
	return out, err
}

func (a *API) incidentControllers(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	return nonNil(a.Store.AffectedControllers(r.Context(), c.Org.ID, i.ID))
}

func (a *API) incidentAddController(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	var in NewController
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	ct := &store.AffectedController{Name: in.Name, ContractHours: in.ContractHours, TargetHours: in.TargetHours}
	if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.AddAffectedController(r.Context(), c.Org.ID, i.ID, ct) }); err != nil {
		return nil, err
	}
	return Created{ct}, nil
}

func (a *API) incidentControllerNotified(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	cid, err := PathID(r, "ctl")
	if err != nil {
		return nil, err
	}
	var in ControllerNotified
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	at := a.Store.Now()
	if in.NotifiedAt != nil {
		at = *in.NotifiedAt
	}
	if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.MarkControllerNotified(r.Context(), c.Org.ID, i.ID, cid, at)
	}); err != nil {
		return nil, err
	}
	return nonNil(a.Store.AffectedControllers(r.Context(), c.Org.ID, i.ID))
}

func (a *API) incidentClose(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CloseIncident(r.Context(), c.Org.ID, i.ID) }); err != nil {
		return nil, err
	}
	return a.Store.Incident(r.Context(), c.Org.ID, i.ID)
}

func (a *API) incidentReopen(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
	i, err := a.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	var in Reopening
	if err := Decode(r, &in); err != nil {
		return nil, err
	}
	if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.ReopenIncident(r.Context(), c.Org.ID, i.ID, in.Reason) }); err != nil {
		return nil, err
	}
	return a.Store.Incident(r.Context(), c.Org.ID, i.ID)
}
