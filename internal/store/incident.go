package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/deadline"
	"privacyregister/internal/incident"
)

// Incident is a case of the breach register as stored: the form content of
// package incident plus who reported it, who works on it, the decision of
// the qualification phase and whether the case is closed.
type Incident struct {
	incident.Incident
	OrgID       int64  `json:"org_id"`
	Year        int    `json:"year"`
	Seq         int    `json:"seq"`
	Source      string `json:"source"` // web, intake, api, demo
	ReporterID  int64  `json:"reporter_id"`
	AssigneeID  int64  `json:"assignee_id"`
	SubjectsHow string `json:"subjects_how"` // how the people concerned were told
	System      string `json:"system"`       // the system involved, as the reporter names it
	// When a processor told us of the breach: when it became aware, when it
	// told us, and the hours its agreement gives it (0: "without delay").
	ProcessorAwareAt *time.Time        `json:"processor_aware_at"`
	ProcessorToldAt  *time.Time        `json:"processor_told_at"`
	ProcessorHours   int               `json:"processor_hours"`
	Decision         *IncidentDecision `json:"decision,omitempty"`
	ClosedAt         *time.Time        `json:"closed_at"`
	CreatedAt        time.Time         `json:"created_at"`
	UpdatedAt        time.Time         `json:"updated_at"`
}

// IncidentDecision is the melder's decision in phase 3 with the answers of
// the decision aid, what it proposed and why, and any override.
type IncidentDecision struct {
	Assessment     incident.Assessment `json:"assessment"`
	Proposed       incident.Decision   `json:"proposed"`
	Outcome        incident.Outcome    `json:"outcome"`
	OverrideReason string              `json:"override_reason"`
	DecidedAt      time.Time           `json:"decided_at"`
	DecidedBy      string              `json:"decided_by"`
}

// SetDetails copies what the case form edits from src (see
// incident.Incident.SetDetails), with the case's own fields of the
// system and the processor that told us.
func (i *Incident) SetDetails(src *Incident) {
	i.Incident.SetDetails(src.Incident)
	i.System, i.ProcessorAwareAt, i.ProcessorToldAt, i.ProcessorHours = src.System, src.ProcessorAwareAt, src.ProcessorToldAt, src.ProcessorHours
}

// Closed reports whether the case is archived (read-only).
func (i *Incident) Closed() bool { return i.ClosedAt != nil }

// APDue is the end of the hours to notify the AP (incident.AuthorityDue).
func (i *Incident) APDue() *time.Time { return i.AuthorityDue() }

// Incident sources.
const (
	SourceWeb    = "web"
	SourceIntake = "intake"
	SourceAPI    = "api"
	SourceDemo   = "demo"
)

const incidentCols = "id, org_id, year, seq, dossier, source, COALESCE(reporter_user_id, 0), COALESCE(assignee_user_id, 0), data, decision, closed_at, created_at, updated_at"

// incidentColsI is incidentCols for a query that names the table "i".
const incidentColsI = "i.id, i.org_id, i.year, i.seq, i.dossier, i.source, COALESCE(i.reporter_user_id, 0), COALESCE(i.assignee_user_id, 0), i.data, i.decision, i.closed_at, i.created_at, i.updated_at"

func scanIncident(row interface{ Scan(...any) error }) (*Incident, error) {
	var i Incident
	var data, decision string
	if err := row.Scan(&i.ID, &i.OrgID, &i.Year, &i.Seq, &i.Dossier, &i.Source, &i.ReporterID, &i.AssigneeID, &data, &decision, &i.ClosedAt, &i.CreatedAt, &i.UpdatedAt); err != nil {
		return nil, mapErr(err)
	}
	id, dossier := i.ID, i.Dossier
	var extra struct {
		SubjectsHow      string     `json:"subjects_how"`
		System           string     `json:"system"`
		ProcessorAwareAt *time.Time `json:"processor_aware_at"`
		ProcessorToldAt  *time.Time `json:"processor_told_at"`
		ProcessorHours   int        `json:"processor_hours"`
	}
	if err := json.Unmarshal(snakeKeys([]byte(data)), &i.Incident); err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "incident %d has unreadable data", id)
	}
	_ = json.Unmarshal([]byte(data), &extra)
	i.System = extra.System
	i.SubjectsHow, i.ProcessorAwareAt, i.ProcessorToldAt, i.ProcessorHours = extra.SubjectsHow, extra.ProcessorAwareAt, extra.ProcessorToldAt, extra.ProcessorHours
	i.ID, i.Dossier = id, dossier
	if decision != "" && decision != "{}" {
		i.Decision = &IncidentDecision{}
		if err := json.Unmarshal(snakeKeys([]byte(decision)), i.Decision); err != nil {
			return nil, apperr.Wrap(err, apperr.Invalid, "incident %d has an unreadable decision", id)
		}
	}
	i.CreatedAt, i.UpdatedAt = i.CreatedAt.UTC(), i.UpdatedAt.UTC()
	if i.ClosedAt != nil {
		t := i.ClosedAt.UTC()
		i.ClosedAt = &t
	}
	return &i, nil
}

// dataJSON is the data column: the incident's form content plus the few
// case fields without a column of their own.
func (i *Incident) dataJSON() (string, string, error) {
	m := map[string]any{}
	b, err := json.Marshal(i.Incident)
	if err != nil {
		return "", "", err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return "", "", err
	}
	m["subjects_how"], m["processor_hours"], m["system"] = i.SubjectsHow, i.ProcessorHours, i.System
	m["processor_aware_at"], m["processor_told_at"] = i.ProcessorAwareAt, i.ProcessorToldAt
	data, err := json.Marshal(m)
	if err != nil {
		return "", "", err
	}
	dec := []byte("{}")
	if i.Decision != nil {
		if dec, err = json.Marshal(i.Decision); err != nil {
			return "", "", err
		}
	}
	return string(data), string(dec), nil
}

func (i *Incident) searchText() string {
	return strings.ToLower(strings.Join([]string{i.Dossier, i.Title, i.Description, i.Cause, i.OtherOrganisation, i.Reporter.Name, i.System}, " "))
}

// ProcessorKept reports whether the processor that told us kept its
// contract's hours; nil when no processor told us.
func (i *Incident) ProcessorKept() *bool {
	if i.ProcessorAwareAt == nil || i.ProcessorToldAt == nil {
		return nil
	}
	ok := incident.ProcessorKeptDeadline(*i.ProcessorAwareAt, *i.ProcessorToldAt, i.ProcessorHours)
	return &ok
}

// validateCase checks what the store adds to package incident's checks.
func (i *Incident) validateCase(now time.Time) error {
	var errs apperr.List
	if err := incident.Validate(&i.Incident, now); err != nil {
		if l, ok := err.(apperr.List); ok {
			errs = append(errs, l...)
		} else {
			return err
		}
	}
	if i.ProcessorHours < 0 {
		errs = append(errs, apperr.Invalidf("processor_hours", "A number cannot be negative."))
	}
	if t := i.ProcessorToldAt; t != nil {
		switch {
		case t.After(now):
			errs = append(errs, apperr.Invalidf("processor_told_at", "The moment cannot lie in the future."))
		case i.ProcessorAwareAt != nil && t.Before(*i.ProcessorAwareAt):
			errs = append(errs, apperr.Invalidf("processor_told_at", "The processor cannot have told us before it became aware."))
		}
	}
	if i.ProcessorAwareAt != nil && i.ProcessorAwareAt.After(now) {
		errs = append(errs, apperr.Invalidf("processor_aware_at", "The moment cannot lie in the future."))
	}
	return errs.Err()
}

// Incident returns one case of the organisation.
func (s *Store) Incident(ctx context.Context, orgID, id int64) (*Incident, error) {
	i, err := scanIncident(s.queryRow(ctx, "SELECT "+incidentCols+" FROM incidents WHERE org_id = ? AND id = ?", orgID, id))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("incident not found")
	}
	return i, err
}

func (tx *Tx) incidentForUpdate(ctx context.Context, orgID, id int64) (*Incident, error) {
	i, err := scanIncident(tx.queryRow(ctx, "SELECT "+incidentCols+" FROM incidents WHERE org_id = ? AND id = ?"+tx.d.ForUpdate(), orgID, id))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("incident not found")
	}
	return i, err
}

// CreateIncident registers a new case: it checks the case, gives it the
// next dossier number of the organisation's year (Amsterdam time) and
// writes the first timeline entry and the audit row.
func (tx *Tx) CreateIncident(ctx context.Context, orgID int64, i *Incident) error {
	now := tx.s.now()
	i.OrgID = orgID
	if i.Regime == "" {
		i.Regime = incident.DefaultRegime
	}
	if i.Role == "" {
		i.Role = incident.Controller
	}
	if i.Timing == "" {
		i.Timing = incident.TimingUnknown
	}
	if i.Source == "" {
		i.Source = SourceWeb
	}
	if i.Phases == nil {
		i.Phases = map[incident.Phase]incident.PhaseState{incident.Discover: incident.Done, incident.Inventory: incident.InProgress}
	}
	i.Dossier = ""
	if err := i.validateCase(now); err != nil {
		return err
	}
	if err := tx.checkIncidentLinks(ctx, orgID, i); err != nil {
		return err
	}
	i.Year = now.In(deadline.Amsterdam).Year()
	// The upsert locks the counter row until commit on both engines, so
	// two concurrent reports never get the same number.
	if err := tx.queryRow(ctx, `INSERT INTO incident_counters (org_id, year, seq) VALUES (?, ?, 1)
		ON CONFLICT (org_id, year) DO UPDATE SET seq = incident_counters.seq + 1 RETURNING seq`, orgID, i.Year).Scan(&i.Seq); err != nil {
		return mapErr(err)
	}
	i.Dossier = incident.FormatDossier(i.Year, i.Seq)
	i.CreatedAt, i.UpdatedAt = now, now
	data, dec, err := i.dataJSON()
	if err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO incidents (org_id, year, seq, dossier, title, source, reporter_user_id, assignee_user_id, role, outcome, processor,
		discovered_at, aware_at, ap_due_at, notified_authority_at, closed_at, data, decision, search_text, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, i.Year, i.Seq, i.Dossier, i.Title, i.Source, incNullID(i.ReporterID), incNullID(i.AssigneeID), string(i.Role), string(i.Outcome), i.OtherOrganisation,
		i.DiscoveredAt.UTC(), incUTC(i.AwareAt), incUTC(i.APDue()), incUTC(i.NotifiedAuthorityAt), incUTC(i.ClosedAt), data, dec, i.searchText(), now, now)
	if err != nil {
		return err
	}
	i.ID = id
	if err := tx.setIncidentActivities(ctx, orgID, id, i.ActivityIDs); err != nil {
		return err
	}
	if err := tx.AddIncidentEvent(ctx, orgID, id, "reported", i.Source); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Create, "incident", id, nil, i)
}

// UpdateIncident loads a case with its row locked, lets fn change it,
// checks and saves it, and records the change on the timeline (event) and
// in the audit trail. A closed case is read-only.
func (tx *Tx) UpdateIncident(ctx context.Context, orgID, id int64, event string, fn func(i *Incident) error) (*Incident, error) {
	before, err := tx.incidentForUpdate(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	if before.Closed() {
		return nil, apperr.New(apperr.Conflict, "This case is closed and read-only; reopen it first.")
	}
	after, err := tx.incidentForUpdate(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	if err := fn(after); err != nil {
		return nil, err
	}
	if err := tx.saveIncident(ctx, orgID, before, after); err != nil {
		return nil, err
	}
	if event != "" {
		if err := tx.AddIncidentEvent(ctx, orgID, id, event, ""); err != nil {
			return nil, err
		}
	}
	return after, nil
}

func (tx *Tx) saveIncident(ctx context.Context, orgID int64, before, after *Incident) error {
	now := tx.s.now()
	after.ID, after.OrgID, after.Dossier, after.Year, after.Seq = before.ID, before.OrgID, before.Dossier, before.Year, before.Seq
	if err := after.validateCase(now); err != nil {
		return err
	}
	if err := tx.checkIncidentLinks(ctx, orgID, after); err != nil {
		return err
	}
	after.UpdatedAt = now
	data, dec, err := after.dataJSON()
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE incidents SET title = ?, assignee_user_id = ?, role = ?, outcome = ?, processor = ?, discovered_at = ?, aware_at = ?,
		ap_due_at = ?, notified_authority_at = ?, closed_at = ?, data = ?, decision = ?, search_text = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		after.Title, incNullID(after.AssigneeID), string(after.Role), string(after.Outcome), after.OtherOrganisation, after.DiscoveredAt.UTC(), incUTC(after.AwareAt),
		incUTC(after.APDue()), incUTC(after.NotifiedAuthorityAt), incUTC(after.ClosedAt), data, dec, after.searchText(), now, orgID, before.ID); err != nil {
		return err
	}
	if !incEqualIDs(before.ActivityIDs, after.ActivityIDs) {
		if err := tx.setIncidentActivities(ctx, orgID, before.ID, after.ActivityIDs); err != nil {
			return err
		}
	}
	return tx.Audit(ctx, orgID, audit.Update, "incident", before.ID, before, after)
}

// CloseIncident archives a case: the decisions of arts. 33 and 34 must be
// on record (incident.CheckClose) and every other phase done.
func (tx *Tx) CloseIncident(ctx context.Context, orgID, id int64) error {
	now := tx.s.now()
	cs, err := tx.controllers(ctx, orgID, id)
	if err != nil {
		return err
	}
	_, err = tx.UpdateIncident(ctx, orgID, id, "closed", func(i *Incident) error {
		if err := i.SetPhase(incident.Archive, incident.Done); err != nil {
			return err
		}
		if err := i.CheckClose(i.closing(cs)); err != nil {
			return err
		}
		i.ClosedAt = &now
		return nil
	})
	return err
}

// ReopenIncident makes a closed case editable again; the reason goes on
// the timeline and into the audit trail.
func (tx *Tx) ReopenIncident(ctx context.Context, orgID, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return apperr.Invalidf("reason", "Say why the case is reopened.")
	}
	before, err := tx.incidentForUpdate(ctx, orgID, id)
	if err != nil {
		return err
	}
	if !before.Closed() {
		return apperr.New(apperr.Conflict, "This case is not closed.")
	}
	after := *before
	after.ClosedAt = nil
	after.Phases = map[incident.Phase]incident.PhaseState{}
	for p, st := range before.Phases {
		after.Phases[p] = st
	}
	after.Phases[incident.Archive] = incident.NotStarted
	if err := tx.saveIncident(ctx, orgID, before, &after); err != nil {
		return err
	}
	return tx.AddIncidentEvent(ctx, orgID, id, "reopened", reason)
}

// DeleteIncident removes a case for good. Breach records are never removed
// automatically; the caller checks that a beheerder asks, and the audit
// trail keeps the whole case.
func (tx *Tx) DeleteIncident(ctx context.Context, orgID, id int64) error {
	before, err := tx.incidentForUpdate(ctx, orgID, id)
	if err != nil {
		return err
	}
	for _, t := range []string{"incident_reminders", "incident_notifications", "incident_controllers", "incident_events", "incident_activities"} {
		if _, err := tx.exec(ctx, "DELETE FROM "+t+" WHERE org_id = ? AND incident_id = ?", orgID, id); err != nil {
			return err
		}
	}
	if _, err := tx.exec(ctx, "DELETE FROM incidents WHERE org_id = ? AND id = ?", orgID, id); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, "incident", id, before, nil)
}

// checkIncidentLinks checks that the activities and the assignee of a case
// belong to the organisation.
func (tx *Tx) checkIncidentLinks(ctx context.Context, orgID int64, i *Incident) error {
	for n, aid := range i.ActivityIDs {
		var c int
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM activities WHERE org_id = ? AND id = ?", orgID, aid).Scan(&c); err != nil {
			return mapErr(err)
		}
		if c == 0 {
			return apperr.Invalidf(fmt.Sprintf("activity_ids[%d]", n), "Processing activity %d is not in this organisation's register.", aid)
		}
	}
	if i.AssigneeID != 0 {
		var c int
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND user_id = ?", orgID, i.AssigneeID).Scan(&c); err != nil {
			return mapErr(err)
		}
		if c == 0 {
			return apperr.Invalidf("assignee", "The assigned person is not a member of this organisation.")
		}
	}
	return nil
}

func (tx *Tx) setIncidentActivities(ctx context.Context, orgID, id int64, ids []int64) error {
	if _, err := tx.exec(ctx, "DELETE FROM incident_activities WHERE org_id = ? AND incident_id = ?", orgID, id); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for _, aid := range ids {
		if seen[aid] {
			continue
		}
		seen[aid] = true
		if _, err := tx.exec(ctx, "INSERT INTO incident_activities (incident_id, org_id, activity_id) VALUES (?, ?, ?)", id, orgID, aid); err != nil {
			return err
		}
	}
	return nil
}

func incEqualIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func incNullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func incUTC(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// closing is what CheckClose needs beside the case: the recorded
// decision's reasons and the controllers of a processor's case.
func (i *Incident) closing(cs []AffectedController) incident.Closing {
	var c incident.Closing
	if d := i.Decision; d != nil {
		c.Reasons = append(c.Reasons, d.Proposed.Reasons...)
		if d.OverrideReason != "" {
			c.Reasons = append(c.Reasons, d.OverrideReason)
		}
	}
	for _, ct := range cs {
		c.Controllers = append(c.Controllers, incident.ControllerTold{Name: ct.Name, At: ct.NotifiedAt})
	}
	return c
}
