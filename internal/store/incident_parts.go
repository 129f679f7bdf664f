package store

import (
	"context"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/incident"
)

// IncidentEvent is one line of a case's timeline.
type IncidentEvent struct {
	ID    int64     `json:"id"`
	At    time.Time `json:"at"`
	Actor string    `json:"actor"`
	Kind  string    `json:"kind"` // reported, updated, note, phase, decided, notified, ...
	Text  string    `json:"text"`
}

// AddIncidentEvent writes a timeline entry by the actor of ctx. The
// timeline is part of the case, so the entry is audited with it.
func (tx *Tx) AddIncidentEvent(ctx context.Context, orgID, incidentID int64, kind, text string) error {
	e := IncidentEvent{At: tx.s.now(), Actor: audit.ActorFrom(ctx).Name, Kind: kind, Text: strings.TrimSpace(text)}
	id, err := tx.insert(ctx, "INSERT INTO incident_events (org_id, incident_id, at, actor, kind, text) VALUES (?, ?, ?, ?, ?, ?)",
		orgID, incidentID, e.At, e.Actor, e.Kind, e.Text)
	if err != nil {
		return err
	}
	e.ID = id
	return tx.Audit(ctx, orgID, audit.Create, "incident_event", id, nil, e)
}

// AddIncidentNote puts a free note on the timeline of an open case.
func (tx *Tx) AddIncidentNote(ctx context.Context, orgID, incidentID int64, text string) error {
	if strings.TrimSpace(text) == "" {
		return apperr.Invalidf("note", "Write the note.")
	}
	if err := tx.openCase(ctx, orgID, incidentID); err != nil {
		return err
	}
	return tx.AddIncidentEvent(ctx, orgID, incidentID, "note", text)
}

// openCase fails unless the case exists in the organisation and is open.
func (tx *Tx) openCase(ctx context.Context, orgID, incidentID int64) error {
	i, err := tx.incidentForUpdate(ctx, orgID, incidentID)
	if err != nil {
		return err
	}
	if i.Closed() {
		return apperr.New(apperr.Conflict, "This case is closed and read-only; reopen it first.")
	}
	return nil
}

// IncidentEvents returns a case's timeline, oldest first.
func (s *Store) IncidentEvents(ctx context.Context, orgID, incidentID int64) ([]IncidentEvent, error) {
	rows, err := s.query(ctx, "SELECT id, at, actor, kind, text FROM incident_events WHERE org_id = ? AND incident_id = ? ORDER BY at, id", orgID, incidentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IncidentEvent
	for rows.Next() {
		var e IncidentEvent
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Kind, &e.Text); err != nil {
			return nil, mapErr(err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// AffectedController is a controller the organisation, as processor, must
// tell about the breach. Until the agreements area can say which
// controllers an activity serves and with which hours, the privacy
// officer enters them on the case.
// TODO(agreements): fill Name and ContractHours from the agreements of the
// case's processing activities (migration 00003).
type AffectedController struct {
	ID            int64      `json:"id"`
	IncidentID    int64      `json:"incident_id"`
	Name          string     `json:"name"`
	ContractHours *int       `json:"contract_hours"` // nil: "without delay"
	TargetHours   int        `json:"target_hours"`   // the organisation's own target for "without delay"
	DueAt         time.Time  `json:"due_at"`
	NotifiedAt    *time.Time `json:"notified_at"`
}

// AddAffectedController records a controller to tell. The clock starts at
// the case's discovery: the seeds' agreements count from the first
// discovery ("na de eerste ontdekking", seed 001).
func (tx *Tx) AddAffectedController(ctx context.Context, orgID, incidentID int64, c *AffectedController) error {
	i, err := tx.incidentForUpdate(ctx, orgID, incidentID)
	if err != nil {
		return err
	}
	if i.Closed() {
		return apperr.New(apperr.Conflict, "This case is closed and read-only; reopen it first.")
	}
	c.Name = strings.TrimSpace(c.Name)
	var errs apperr.List
	if c.Name == "" {
		errs = append(errs, apperr.Invalidf("controller_name", "Name the controller."))
	}
	if c.ContractHours != nil && (*c.ContractHours <= 0 || *c.ContractHours > 24*31) {
		errs = append(errs, apperr.Invalidf("contract_hours", "Give the contract's hours as a whole number from 1 to 744, or leave it empty for \"without delay\"."))
	}
	if c.TargetHours < 0 || c.TargetHours > 24*31 {
		errs = append(errs, apperr.Invalidf("target_hours", "Give the target as a whole number from 1 to 744."))
	}
	if err := errs.Err(); err != nil {
		return err
	}
	c.IncidentID = incidentID
	c.DueAt = incident.ControllerDeadline(i.DiscoveredAt, c.ContractHours, c.TargetHours)
	if c.ContractHours == nil && c.TargetHours == 0 {
		c.TargetHours = incident.DefaultWithoutDelayHours
	}
	var hours any
	if c.ContractHours != nil {
		hours = *c.ContractHours
	}
	id, err := tx.insert(ctx, "INSERT INTO incident_controllers (org_id, incident_id, name, contract_hours, target_hours, due_at) VALUES (?, ?, ?, ?, ?, ?)",
		orgID, incidentID, c.Name, hours, c.TargetHours, c.DueAt)
	if err != nil {
		return err
	}
	c.ID = id
	if err := tx.Audit(ctx, orgID, audit.Create, "incident_controller", id, nil, c); err != nil {
		return err
	}
	return tx.AddIncidentEvent(ctx, orgID, incidentID, "controller_added", c.Name)
}

// MarkControllerNotified records when the controller was told.
func (tx *Tx) MarkControllerNotified(ctx context.Context, orgID, incidentID, controllerID int64, at time.Time) error {
	if err := tx.openCase(ctx, orgID, incidentID); err != nil {
		return err
	}
	if at.IsZero() {
		return apperr.Invalidf("notified_at", "Say when the controller was told.")
	}
	if at.After(tx.s.now()) {
		return apperr.Invalidf("notified_at", "The notification cannot lie in the future.")
	}
	cs, err := tx.controllers(ctx, orgID, incidentID)
	if err != nil {
		return err
	}
	var before *AffectedController
	for k := range cs {
		if cs[k].ID == controllerID {
			before = &cs[k]
		}
	}
	if before == nil {
		return apperr.NotFoundf("controller not found")
	}
	after := *before
	at = at.UTC().Truncate(time.Microsecond)
	after.NotifiedAt = &at
	if _, err := tx.exec(ctx, "UPDATE incident_controllers SET notified_at = ? WHERE org_id = ? AND incident_id = ? AND id = ?", at, orgID, incidentID, controllerID); err != nil {
		return err
	}
	if err := tx.Audit(ctx, orgID, audit.Update, "incident_controller", controllerID, before, &after); err != nil {
		return err
	}
	return tx.AddIncidentEvent(ctx, orgID, incidentID, "controller_notified", before.Name)
}

const controllerCols = "id, incident_id, name, contract_hours, target_hours, due_at, notified_at"

func scanControllers(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}) ([]AffectedController, error) {
	defer rows.Close()
	var out []AffectedController
	for rows.Next() {
		var c AffectedController
		var hours *int64
		if err := rows.Scan(&c.ID, &c.IncidentID, &c.Name, &hours, &c.TargetHours, &c.DueAt, &c.NotifiedAt); err != nil {
			return nil, mapErr(err)
		}
		if hours != nil {
			h := int(*hours)
			c.ContractHours = &h
		}
		c.DueAt = c.DueAt.UTC()
		if c.NotifiedAt != nil {
			t := c.NotifiedAt.UTC()
			c.NotifiedAt = &t
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

func (tx *Tx) controllers(ctx context.Context, orgID, incidentID int64) ([]AffectedController, error) {
	rows, err := tx.query(ctx, "SELECT "+controllerCols+" FROM incident_controllers WHERE org_id = ? AND incident_id = ? ORDER BY id", orgID, incidentID)
	if err != nil {
		return nil, err
	}
	return scanControllers(rows)
}

// AffectedControllers lists the controllers of a case.
func (s *Store) AffectedControllers(ctx context.Context, orgID, incidentID int64) ([]AffectedController, error) {
	rows, err := s.query(ctx, "SELECT "+controllerCols+" FROM incident_controllers WHERE org_id = ? AND incident_id = ? ORDER BY id", orgID, incidentID)
	if err != nil {
		return nil, err
	}
	return scanControllers(rows)
}

// Notification kinds: the first notification to the AP and its follow-ups
// (the AP form's "aanvullen, aanpassen, intrekken"), as the incident
// package names them.
const (
	NotifyNew        = incident.NoticeNew
	NotifySupplement = incident.NoticeSupplement
	NotifyAmend      = incident.NoticeAmend
	NotifyWithdraw   = incident.NoticeWithdraw
)

// AuthorityNotification is a notification sent to the AP.
type AuthorityNotification struct {
	ID         int64     `json:"id"`
	IncidentID int64     `json:"incident_id"`
	Kind       string    `json:"kind"`
	SentAt     time.Time `json:"sent_at"`
	Reference  string    `json:"reference"` // the AP's meldingsnummer
	Note       string    `json:"note"`
	FileName   string    `json:"file_name"` // the confirmation, when attached
	FileType   string    `json:"file_type"`
	File       []byte    `json:"-"`
	// Text is the notification as sent, rendered from the case as it
	// stood when it was recorded; empty for those recorded before it was kept.
	Text string `json:"text,omitempty"`
}

// RecordAuthorityNotification records a notification to the AP. The first
// one sets the case's notification time and reference, and needs the
// reason for a delay past the 72 hours (art. 33(1)).
func (tx *Tx) RecordAuthorityNotification(ctx context.Context, orgID, incidentID int64, n *AuthorityNotification, lateReason string) error {
	switch n.Kind {
	case NotifyNew, NotifySupplement, NotifyAmend, NotifyWithdraw:
	default:
		return apperr.Invalidf("kind", "Unknown value %q.", n.Kind)
	}
	if n.SentAt.IsZero() {
		return apperr.Invalidf("sent_at", "Say when the notification was sent.")
	}
	n.SentAt = n.SentAt.UTC().Truncate(time.Microsecond)
	n.Reference, n.Note = strings.TrimSpace(n.Reference), strings.TrimSpace(n.Note)
	// Lock the case first: two notifications recorded at once must not
	// both count none before them and both be the first.
	if _, err := tx.incidentForUpdate(ctx, orgID, incidentID); err != nil {
		return err
	}
	var existing int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM incident_notifications WHERE org_id = ? AND incident_id = ?", orgID, incidentID).Scan(&existing); err != nil {
		return mapErr(err)
	}
	if n.Kind == NotifyNew && existing > 0 {
		return apperr.Invalidf("kind", "The AP was already notified: record a follow-up instead.")
	}
	if n.Kind != NotifyNew && existing == 0 {
		return apperr.Invalidf("kind", "Record the first notification before a follow-up.")
	}
	i, err := tx.UpdateIncident(ctx, orgID, incidentID, "", func(i *Incident) error {
		if n.Kind != NotifyNew {
			if n.SentAt.After(tx.s.now()) {
				return apperr.Invalidf("sent_at", "The notification cannot lie in the future.")
			}
			return nil
		}
		i.NotifiedAuthorityAt = &n.SentAt
		i.AuthorityReference = n.Reference
		if strings.TrimSpace(lateReason) != "" {
			i.LateReason = strings.TrimSpace(lateReason)
		}
		return nil
	})
	if err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO incident_notifications (org_id, incident_id, kind, sent_at, reference, note, file_name, file_type, file_data, text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, orgID, incidentID, n.Kind, n.SentAt, n.Reference, n.Note, n.FileName, n.FileType, n.File, n.Text)
	if err != nil {
		return err
	}
	n.ID, n.IncidentID = id, incidentID
	if err := tx.Audit(ctx, orgID, audit.Create, "incident_notification", id, nil, n); err != nil {
		return err
	}
	if err := tx.webhookAuthorityNotified(ctx, orgID, i, n); err != nil {
		return err
	}
	return tx.AddIncidentEvent(ctx, orgID, incidentID, "notified_"+n.Kind, n.Reference)
}

// AuthorityNotifications lists a case's notifications to the AP.
func (s *Store) AuthorityNotifications(ctx context.Context, orgID, incidentID int64) ([]AuthorityNotification, error) {
	rows, err := s.query(ctx, "SELECT id, incident_id, kind, sent_at, reference, note, file_name, file_type FROM incident_notifications WHERE org_id = ? AND incident_id = ? ORDER BY sent_at, id", orgID, incidentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuthorityNotification
	for rows.Next() {
		var n AuthorityNotification
		if err := rows.Scan(&n.ID, &n.IncidentID, &n.Kind, &n.SentAt, &n.Reference, &n.Note, &n.FileName, &n.FileType); err != nil {
			return nil, mapErr(err)
		}
		n.SentAt = n.SentAt.UTC()
		out = append(out, n)
	}
	return out, mapErr(rows.Err())
}

// NotificationFile returns the attached confirmation of a notification.
// NotificationText returns one notification with the text it was sent with.
func (s *Store) NotificationText(ctx context.Context, orgID, incidentID, id int64) (*AuthorityNotification, error) {
	var n AuthorityNotification
	err := s.queryRow(ctx, "SELECT id, incident_id, kind, sent_at, reference, text FROM incident_notifications WHERE org_id = ? AND incident_id = ? AND id = ?",
		orgID, incidentID, id).Scan(&n.ID, &n.IncidentID, &n.Kind, &n.SentAt, &n.Reference, &n.Text)
	if err != nil {
		return nil, mapErr(err)
	}
	n.SentAt = n.SentAt.UTC()
	return &n, nil
}

func (s *Store) NotificationFile(ctx context.Context, orgID, incidentID, id int64) (*AuthorityNotification, error) {
	var n AuthorityNotification
	err := s.queryRow(ctx, "SELECT id, incident_id, file_name, file_type, file_data FROM incident_notifications WHERE org_id = ? AND incident_id = ? AND id = ? AND file_name <> ''",
		orgID, incidentID, id).Scan(&n.ID, &n.IncidentID, &n.FileName, &n.FileType, &n.File)
	if err != nil {
		return nil, apperr.NotFoundf("file not found")
	}
	return &n, nil
}
