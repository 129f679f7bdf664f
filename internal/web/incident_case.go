package web

import (
	"net/http"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// incPhaseRow is a phase with its state, for the case page.
type incPhaseRow struct {
	Phase incident.Phase
	Label string
	State incident.PhaseState
	Text  string
}

// incidentPage shows the case: clocks, phases, decision aid, timeline,
// notifications and the form with every field of the AP form.
func (s *Server) incidentPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	return s.renderIncident(w, r, c, i, map[string]any{})
}

func (s *Server) renderIncident(w http.ResponseWriter, r *http.Request, c *Ctx, i *store.Incident, data map[string]any) error {
	ctx := r.Context()
	events, err := s.Store.IncidentEvents(ctx, c.Org.ID, i.ID)
	if err != nil {
		return err
	}
	ctls, err := s.Store.AffectedControllers(ctx, c.Org.ID, i.ID)
	if err != nil {
		return err
	}
	notes, err := s.Store.AuthorityNotifications(ctx, c.Org.ID, i.ID)
	if err != nil {
		return err
	}
	acts, err := s.Store.IncidentActivityChoices(ctx, c.Org.ID)
	if err != nil {
		return err
	}
	now := s.Store.Now()
	var clocks []incClock
	if due := i.APDue(); due != nil && (i.Outcome.RunsAuthorityClock() || i.NotifiedAuthorityAt != nil) {
		clocks = append(clocks, newIncClock(c, c.T("Notify the AP (%d hours, art. 33(1))", incident.AuthorityHours), *due, i.NotifiedAuthorityAt, now))
	}
	for _, ct := range ctls {
		clocks = append(clocks, newIncClock(c, c.T("Notify controller %s", ct.Name), ct.DueAt, ct.NotifiedAt, now))
	}
	phases := make([]incPhaseRow, len(incident.Phases))
	for k, p := range incident.Phases {
		phases[k] = incPhaseRow{Phase: p, Label: incident.Label(c.Lang, p), State: i.PhaseOf(p), Text: incident.Label(c.Lang, i.PhaseOf(p))}
	}
	var assignees []org.Membership
	if c.Can(org.EditAdministration) {
		ms, err := s.Store.Members(ctx, c.Org.ID)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.Role.Can(org.WorkIncidents) {
				assignees = append(assignees, m)
			}
		}
	}
	// Propose the technicus the register names as owner of an activity
	// involved, when that owner is a member who works on incidents.
	var proposed int64
	if i.AssigneeID == 0 && len(assignees) > 0 && len(i.ActivityIDs) > 0 {
		owners, err := s.Store.IncidentActivityOwners(ctx, c.Org.ID, i.ActivityIDs)
		if err != nil {
			return err
		}
		for _, ow := range owners {
			for _, m := range assignees {
				if strings.EqualFold(ow, m.Email) || (m.Name != "" && strings.EqualFold(ow, m.Name)) {
					proposed = m.UserID
				}
			}
		}
	}
	data["ProposedAssignee"] = proposed
	a := incident.Assessment{}
	var proposal *incident.Decision
	if i.Decision != nil {
		a = i.Decision.Assessment
		proposal = &i.Decision.Proposed
	} else {
		a = i.ProposeAssessment()
	}
	if p, ok := data["Proposal"].(*incident.Decision); ok {
		proposal = p
	}
	var reasons []string
	if proposal != nil {
		reasons = proposal.Texts(c.Lang)
	}
	data["I"], data["Events"], data["Controllers"], data["Notifications"] = i, events, ctls, notes
	pending := false
	for _, ct := range ctls {
		pending = pending || ct.NotifiedAt == nil
	}
	data["ControllersPending"] = pending
	data["Clocks"], data["Phases"], data["Assignees"], data["A"] = clocks, phases, assignees, a
	data["Proposal"], data["Reasons"] = proposal, reasons
	data["C"] = incFormChoices(c.Lang, i, acts)
	data["CanWork"] = canWorkIncident(c, i) && !i.Closed()
	data["CanDecide"] = c.Can(org.EditAdministration) && !i.Closed()
	data["CanView"], data["CanEdit"] = c.Can(org.ViewAdministration), c.Can(org.EditAdministration)
	data["CanDelete"] = c.Can(org.ManageSettings) || c.Can(org.ManageUsers)
	data["Outcome"] = ""
	if i.Outcome != "" {
		data["Outcome"] = incident.Label(c.Lang, i.Outcome)
	}
	data["Times"] = map[string]string{"discovered_at": incLocalInput(&i.DiscoveredAt), "aware_at": incLocalInput(i.AwareAt), "started_at": incLocalInput(i.StartedAt),
		"ended_at": incLocalInput(i.EndedAt), "processor_aware_at": incLocalInput(i.ProcessorAwareAt), "processor_told_at": incLocalInput(i.ProcessorToldAt),
		"now": incLocalInput(incPtr(now))}
	data["ProcessorKept"] = ""
	if k := i.ProcessorKept(); k != nil {
		data["ProcessorKept"] = map[bool]string{true: "kept", false: "late"}[*k]
	}
	data["Outcomes"] = incOptions(c.Lang, []incident.Outcome{incident.SecurityIncident, incident.DocumentOnly, incident.NotifyAuthority, incident.NotifyAuthorityAndSubjects, incident.NotifyController}, []incident.Outcome{i.Outcome})
	data["IsProcessor"] = i.Role == incident.Processor || c.Org.IsProcessor()
	if data["IsProcessor"] == true {
		// Controllers bound by an agreement linked to the activities of the
		// case, not yet on it: one click adds each with its contract hours.
		sugg, err := s.Store.ControllersFromAgreements(ctx, c.Org.ID, i.ActivityIDs)
		if err != nil {
			return err
		}
		added := map[string]bool{}
		for _, ct := range ctls {
			added[strings.ToLower(ct.Name)] = true
		}
		var open []store.ControllerSuggestion
		for _, sg := range sugg {
			if !added[strings.ToLower(sg.Name)] {
				open = append(open, sg)
			}
		}
		data["SuggestedControllers"] = open
	}
	data["OutcomeLabels"], data["InformedLabels"], data["MeasureLabels"], data["NotifyKinds"] = incOutcomeLabels, incInformedLabels, incMeasureLabels, incNotifyKinds
	times := data["Times"].(map[string]string)
	times["subjects_informed_at"] = incLocalInput(i.SubjectsInformedAt)
	if _, ok := data["Errors"]; ok {
		// A refused form shows its times as typed.
		for k := range times {
			times[k] = typed(r, k, times[k])
		}
		times["now"] = typed(r, "sent_at", times["now"])
		if st, ok := data["Status"].(int); ok {
			w.WriteHeader(st)
		}
	}
	data["Tabs"] = incidentTabs(r, c, i, data).showErrors(data, "incident", incidentFieldTabs)
	// The history is the whole case's: those who see only what they
	// reported (an employee, a technician) do not get it.
	if data["Tabs"].(tabSet).Is("history") {
		if data["Trail"], err = s.history(r.Context(), c, "incident", i.ID); err != nil {
			return err
		}
	}
	s.render(w, r, c, "incident", "Incident", data)
	return nil
}

// Message ids of the enum values the case page shows.
var (
	incOutcomeLabels = map[incident.Outcome]string{incident.SecurityIncident: "security incident, no personal data breach", incident.DocumentOnly: "personal data breach, documented only",
		incident.NotifyAuthority: "notified to the AP", incident.NotifyAuthorityAndSubjects: "notified to the AP and the people concerned", incident.NotifyController: "notified to the controller"}
	incInformedLabels = map[incident.Informed]string{incident.InformedYes: "yes", incident.InformedPlanned: "planned", incident.InformedNo: "no"}
	incMeasureLabels  = map[incident.MeasureKind]string{incident.Immediate: "immediate", incident.Structural: "structural"}
	incNotifyKinds    = map[string]string{store.NotifyNew: "new notification", store.NotifySupplement: "follow-up: supplement", store.NotifyAmend: "follow-up: amend", store.NotifyWithdraw: "follow-up: withdraw"}
)

func incPtr[T any](v T) *T { return &v }

// incidentFail re-renders the case with the errors of err.
func (s *Server) incidentFail(w http.ResponseWriter, r *http.Request, c *Ctx, id int64, err error) error {
	return s.incidentFailTyped(w, r, c, id, err, nil)
}

// incidentFailTyped re-renders the case with the errors of err and, when
// typed is not nil, the refused form as typed (typed applies it to the case).
func (s *Server) incidentFailTyped(w http.ResponseWriter, r *http.Request, c *Ctx, id int64, err error, typed func(*store.Incident)) error {
	if st := status(err); st == http.StatusInternalServerError || st == http.StatusNotFound || st == http.StatusForbidden {
		return err
	}
	i, lerr := s.Store.Incident(r.Context(), c.Org.ID, id)
	if lerr != nil {
		return lerr
	}
	if typed != nil {
		typed(i)
	}
	data := map[string]any{"Status": status(err)}
	putErrors(c, data, "incident", err)
	return s.renderIncident(w, r, c, i, data)
}

// workIncident loads the case for a change by someone who may work on it.
func (s *Server) workIncident(r *http.Request, c *Ctx) (*store.Incident, error) {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return nil, err
	}
	if !canWorkIncident(c, i) {
		return nil, apperr.New(apperr.Forbidden, "your role does not allow this")
	}
	return i, nil
}

// update runs one change of a case in a transaction and redirects back.
func (s *Server) updateIncident(w http.ResponseWriter, r *http.Request, c *Ctx, id int64, event string, fn func(i *store.Incident) error) error {
	err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		_, err := tx.UpdateIncident(r.Context(), c.Org.ID, id, event, fn)
		return err
	})
	if err != nil {
		return s.incidentFail(w, r, c, id, err)
	}
	redirectFlash(w, r, incidentURL(c, id), "saved")
	return nil
}

// incidentSave stores the case form (all AP form fields).
func (s *Server) incidentSave(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.workIncident(r, c)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "The form could not be read.")
	}
	f := newForm(r)
	d := f.readDetails()
	err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		_, err := tx.UpdateIncident(r.Context(), c.Org.ID, i.ID, "updated", func(x *store.Incident) error {
			x.SetDetails(d)
			return f.errs.Err()
		})
		return err
	})
	if err != nil {
		return s.incidentFailTyped(w, r, c, i.ID, err, func(x *store.Incident) { x.SetDetails(d) })
	}
	redirectFlash(w, r, incidentURL(c, i.ID), "saved")
	return nil
}

func (s *Server) incidentPhase(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.workIncident(r, c)
	if err != nil {
		return err
	}
	p, st := incident.Phase(r.PostFormValue("phase")), incident.PhaseState(r.PostFormValue("state"))
	return s.updateIncident(w, r, c, i.ID, "phase", func(x *store.Incident) error { return x.MovePhase(p, st) })
}

func (s *Server) incidentMeasure(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.workIncident(r, c)
	if err != nil {
		return err
	}
	f := newForm(r)
	m := incident.Measure{Kind: incident.MeasureKind(f.str("kind")), Description: f.str("description"), DoneAt: f.when("done_at")}
	return s.updateIncident(w, r, c, i.ID, "measure", func(x *store.Incident) error {
		if err := f.errs.Err(); err != nil {
			return err
		}
		return x.AddMeasure(m, s.Store.Now())
	})
}

func (s *Server) incidentNote(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.workIncident(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.AddIncidentNote(r.Context(), c.Org.ID, i.ID, r.PostFormValue("note"))
	}); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	redirectFlash(w, r, incidentURL(c, i.ID), "saved")
	return nil
}

func (s *Server) incidentAssign(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	var uid int64
	if v := r.PostFormValue("assignee"); v != "" {
		if uid, err = strconv.ParseInt(v, 10, 64); err != nil {
			return s.incidentFail(w, r, c, i.ID, apperr.Invalidf("assignee", "Unknown value %q.", v))
		}
	}
	return s.updateIncident(w, r, c, i.ID, "assigned", func(x *store.Incident) error { x.AssigneeID = uid; return nil })
}

func (s *Server) incidentClose(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CloseIncident(r.Context(), c.Org.ID, i.ID) }); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	redirectFlash(w, r, incidentURL(c, i.ID), "saved")
	return nil
}

func (s *Server) incidentReopen(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.ReopenIncident(r.Context(), c.Org.ID, i.ID, r.PostFormValue("reason"))
	}); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	redirectFlash(w, r, incidentURL(c, i.ID), "saved")
	return nil
}

// incidentDelete removes a case: only the beheerder, never automatically,
// and the audit trail keeps what was removed.
func (s *Server) incidentDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	if r.PostFormValue("confirm") != i.Dossier {
		return s.incidentFail(w, r, c, i.ID, apperr.Invalidf("confirm", "Type the dossier number %s to confirm the removal.", i.Dossier))
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteIncident(r.Context(), c.Org.ID, i.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/incidents", "deleted")
	return nil
}

// incidentFieldTabs names the tab of the fields that a refusal names
// outside their own form (closing the case checks the whole case).
var incidentFieldTabs = map[string]string{
	"outcome": "decision", "override_reason": "decision",
	"consequences": "details", "consequence_other": "details", "advice_to_subjects": "details",
	"subjects_informed": "notify", "controllers": "notify", "sent_at": "notify", "late_reason": "notify",
	"measures": "measures",
}

// incidentTabs are the parts of a case: the overview with its clocks and
// phases, the AP form's details, the decision, the notifications, the
// measures, the timeline and the history; each only for who may see it.
func incidentTabs(r *http.Request, c *Ctx, i *store.Incident, data map[string]any) tabSet {
	pairs := []string{"overview", "Overview", "details", "Details"}
	if data["CanDecide"] == true || i.Decision != nil {
		pairs = append(pairs, "decision", "Decision")
	}
	if data["CanView"] == true {
		pairs = append(pairs, "notify", "Notifications")
	}
	pairs = append(pairs, "measures", "Measures", "timeline", "Timeline")
	if c.Can(org.ViewAdministration) {
		pairs = append(pairs, "history", "History")
	}
	return pageTabs(r, incidentURL(c, i.ID), pairs...)
}
