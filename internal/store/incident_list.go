package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/incident"
)

// IncidentFilter narrows the breach register.
type IncidentFilter struct {
	Year       int
	State      string // "open", "closed" or ""
	Notified   string // "yes", "no" or ""
	ActivityID int64
	Processor  string // the other organisation involved, substring
	Query      string // dossier, title, description, ...
	ReporterID int64  // only the cases this member reported (medewerker)
	AssigneeID int64  // only the cases assigned to this member (technicus)
	Limit      int    // 0: 100
	Offset     int
}

// IncidentRow is a case as the register lists it, without its form content.
type IncidentRow struct {
	ID                  int64            `json:"id"`
	Dossier             string           `json:"dossier"`
	Title               string           `json:"title"`
	Source              string           `json:"source"`
	Role                incident.Role    `json:"role"`
	Outcome             incident.Outcome `json:"outcome"`
	Processor           string           `json:"processor"`
	DiscoveredAt        time.Time        `json:"discovered_at"`
	AwareAt             *time.Time       `json:"aware_at"`
	APDueAt             *time.Time       `json:"ap_due_at"`
	NotifiedAuthorityAt *time.Time       `json:"notified_authority_at"`
	ClosedAt            *time.Time       `json:"closed_at"`
}

func (f IncidentFilter) where(orgID int64) (string, []any) {
	w := []string{"i.org_id = ?"}
	args := []any{orgID}
	add := func(cond string, a ...any) { w = append(w, cond); args = append(args, a...) }
	if f.Year != 0 {
		add("i.year = ?", f.Year)
	}
	switch f.State {
	case "open":
		add("i.closed_at IS NULL")
	case "closed":
		add("i.closed_at IS NOT NULL")
	}
	switch f.Notified {
	case "yes":
		add("i.notified_authority_at IS NOT NULL")
	case "no":
		add("i.notified_authority_at IS NULL")
	}
	if f.ActivityID != 0 {
		add("EXISTS (SELECT 1 FROM incident_activities a WHERE a.org_id = ? AND a.incident_id = i.id AND a.activity_id = ?)", orgID, f.ActivityID)
	}
	if p := strings.TrimSpace(f.Processor); p != "" {
		add("LOWER(i.processor) LIKE ?", "%"+strings.ToLower(p)+"%")
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		add("i.search_text LIKE ?", "%"+strings.ToLower(q)+"%")
	}
	if f.ReporterID != 0 {
		add("i.reporter_user_id = ?", f.ReporterID)
	}
	if f.AssigneeID != 0 {
		add("i.assignee_user_id = ?", f.AssigneeID)
	}
	return " WHERE " + strings.Join(w, " AND "), args
}

// Incidents lists a page of the register, newest dossier first, and the
// number of cases matching the filter.
func (s *Store) Incidents(ctx context.Context, orgID int64, f IncidentFilter) ([]IncidentRow, int, error) {
	where, args := f.where(orgID)
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	// A text search reads every row anyway, so COUNT(*) OVER () gives the
	// total in the same pass; otherwise a separate count on the indexes is
	// cheaper and the page stops early at the limit.
	totalCol, total := "COUNT(*) OVER ()", 0
	if strings.TrimSpace(f.Query) == "" && strings.TrimSpace(f.Processor) == "" {
		if err := s.queryRow(ctx, "SELECT COUNT(*) FROM incidents i"+where, args...).Scan(&total); err != nil {
			return nil, 0, mapErr(err)
		}
		totalCol = strconv.Itoa(total)
	}
	rows, err := s.query(ctx, `SELECT i.id, i.dossier, i.title, i.source, i.role, i.outcome, i.processor, i.discovered_at, i.aware_at, i.ap_due_at,
		i.notified_authority_at, i.closed_at, `+totalCol+` FROM incidents i`+where+" ORDER BY i.year DESC, i.seq DESC LIMIT ? OFFSET ?", append(args, limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []IncidentRow
	for rows.Next() {
		var r IncidentRow
		if err := rows.Scan(&r.ID, &r.Dossier, &r.Title, &r.Source, &r.Role, &r.Outcome, &r.Processor, &r.DiscoveredAt, &r.AwareAt, &r.APDueAt, &r.NotifiedAuthorityAt, &r.ClosedAt, &total); err != nil {
			return nil, 0, mapErr(err)
		}
		r.DiscoveredAt = r.DiscoveredAt.UTC()
		for _, t := range []**time.Time{&r.AwareAt, &r.APDueAt, &r.NotifiedAuthorityAt, &r.ClosedAt} {
			if *t != nil {
				u := (*t).UTC()
				*t = &u
			}
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapErr(err)
	}
	if len(out) == 0 && f.Offset > 0 {
		// Past the last page: the window gave no row to carry the total.
		if err := s.queryRow(ctx, "SELECT COUNT(*) FROM incidents i"+where, args...).Scan(&total); err != nil {
			return nil, 0, mapErr(err)
		}
	}
	return out, total, nil
}

// IncidentsFull returns the whole cases matching the filter (no paging),
// for exports and the yearly overview.
func (s *Store) IncidentsFull(ctx context.Context, orgID int64, f IncidentFilter) ([]Incident, error) {
	where, args := f.where(orgID)
	rows, err := s.query(ctx, "SELECT "+incidentColsI+" FROM incidents i"+where+" ORDER BY i.year, i.seq", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Incident
	for rows.Next() {
		i, err := scanIncident(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *i)
	}
	return out, mapErr(rows.Err())
}

// IncidentYears lists the years that have cases, newest first.
func (s *Store) IncidentYears(ctx context.Context, orgID int64) ([]int, error) {
	rows, err := s.query(ctx, "SELECT DISTINCT year FROM incidents WHERE org_id = ? ORDER BY year DESC", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, y)
	}
	return out, mapErr(rows.Err())
}

// IncidentOverview is the year's figures for the annual report.
func (s *Store) IncidentOverview(ctx context.Context, orgID int64, year int) (incident.Overview, error) {
	// Summarise counts by discovery year; cases are numbered by the
	// registration year, which can differ around New Year, so read both.
	all, err := s.IncidentsFull(ctx, orgID, IncidentFilter{})
	if err != nil {
		return incident.Overview{}, err
	}
	list := make([]incident.Incident, 0, len(all))
	for _, i := range all {
		list = append(list, i.Incident)
	}
	return incident.Summarise(list, year), nil
}

// OpenDeadline is a deadline of an open case still to be met: the AP's 72
// hours ("authority") or a controller's hours ("controller").
type OpenDeadline struct {
	OrgID        int64     `json:"org_id"`
	IncidentID   int64     `json:"incident_id"`
	Dossier      string    `json:"dossier"`
	Title        string    `json:"title"`
	Kind         string    `json:"kind"`
	ControllerID int64     `json:"controller_id"`
	Controller   string    `json:"controller"`
	DueAt        time.Time `json:"due_at"`
	AssigneeID   int64     `json:"assignee_id"`
	ReporterID   int64     `json:"reporter_id"`
}

// Deadline kinds.
const (
	DeadlineAuthority  = "authority"
	DeadlineController = "controller"
)

// OpenDeadlines lists the open deadlines due before until, over every
// organisation when orgID is 0 (the reminder job), else of one
// organisation (the dashboard). Both scans use the partial indexes on the
// due times.
// limit > 0 returns only the earliest ones.
func (s *Store) OpenDeadlines(ctx context.Context, orgID int64, until time.Time, limit int) ([]OpenDeadline, error) {
	orgCond, args := "", []any{until.UTC()}
	if orgID != 0 {
		orgCond, args = " AND i.org_id = ?", append(args, orgID)
	}
	lim := ""
	if limit > 0 {
		lim = " LIMIT " + strconv.Itoa(limit)
	}
	// Each branch is sorted and cut on its own index before the union, so
	// a dashboard never sorts every open deadline of a large register.
	// Which outcomes stop the AP clock is the incident package's rule.
	stoppers := quotedList(incident.StopsAuthorityClock())
	q := `SELECT * FROM (SELECT i.org_id, i.id, i.dossier, i.title, 'authority' AS kind, 0 AS controller_id, '' AS controller, i.ap_due_at AS due_at,
		COALESCE(i.assignee_user_id, 0) AS assignee, COALESCE(i.reporter_user_id, 0) AS reporter
		FROM incidents i WHERE i.closed_at IS NULL AND i.notified_authority_at IS NULL AND i.ap_due_at IS NOT NULL AND i.ap_due_at < ?` + orgCond + `
		AND i.outcome NOT IN (` + stoppers + `) ORDER BY i.ap_due_at` + lim + `) a
		UNION ALL
		SELECT * FROM (SELECT i.org_id, i.id, i.dossier, i.title, 'controller', c.id, c.name, c.due_at, COALESCE(i.assignee_user_id, 0), COALESCE(i.reporter_user_id, 0)
		FROM incident_controllers c JOIN incidents i ON i.id = c.incident_id AND i.org_id = c.org_id
		WHERE c.notified_at IS NULL AND c.due_at < ? AND i.closed_at IS NULL` + orgCond + ` ORDER BY c.due_at` + lim + `) b
		ORDER BY 8` + lim
	args = append(args, args...)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OpenDeadline
	for rows.Next() {
		var d OpenDeadline
		if err := rows.Scan(&d.OrgID, &d.IncidentID, &d.Dossier, &d.Title, &d.Kind, &d.ControllerID, &d.Controller, &d.DueAt, &d.AssigneeID, &d.ReporterID); err != nil {
			return nil, mapErr(err)
		}
		d.DueAt = d.DueAt.UTC()
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

// ClaimIncidentReminder records that the reminder leadHours before a deadline (0:
// the deadline passed) is being sent, and reports false when another
// process already did. Call it in the transaction that sends.
func (tx *Tx) ClaimIncidentReminder(ctx context.Context, d OpenDeadline, leadHours int) (bool, error) {
	key := d.Kind
	if d.Kind == DeadlineController {
		key += ":" + incItoa(d.ControllerID)
	}
	res, err := tx.exec(ctx, `INSERT INTO incident_reminders (org_id, incident_id, deadline, due_at, lead_hours, sent_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (incident_id, deadline, due_at, lead_hours) DO NOTHING`, d.OrgID, d.IncidentID, key, d.DueAt, leadHours, tx.s.now())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, mapErr(err)
}

func incItoa(n int64) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// PrivacyOfficers lists the addresses of an organisation's active privacy
// officers (the melders) by their language, for notices and reminders
// each reads in their own.
func (s *Store) PrivacyOfficers(ctx context.Context, orgID int64) (map[string][]string, error) {
	rows, err := s.query(ctx, privacyOfficersQuery, orgID, false)
	if err != nil {
		return nil, err
	}
	return scanByLang(rows)
}

// privacyOfficersQuery selects the active privacy officers' addresses and
// languages of an organisation.
const privacyOfficersQuery = `SELECT u.email, u.lang FROM memberships m JOIN users u ON u.id = m.user_id
	WHERE m.org_id = ? AND m.role = 'privacyofficer' AND u.disabled = ? AND m.deactivated_at IS NULL ORDER BY u.email`

func scanByLang(rows *sql.Rows) (map[string][]string, error) {
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var e, lang string
		if err := rows.Scan(&e, &lang); err != nil {
			return nil, mapErr(err)
		}
		out[lang] = append(out[lang], e)
	}
	return out, mapErr(rows.Err())
}

// IncidentActivityChoice is a processing activity a case can name.
type IncidentActivityChoice struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// IncidentActivityChoices lists the organisation's processing activities
// (the register of migration 00002) by name.
func (s *Store) IncidentActivityChoices(ctx context.Context, orgID int64) ([]IncidentActivityChoice, error) {
	rows, err := s.query(ctx, "SELECT id, name FROM activities WHERE org_id = ? ORDER BY LOWER(name), id", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IncidentActivityChoice
	for rows.Next() {
		var a IncidentActivityChoice
		if err := rows.Scan(&a.ID, &a.Name); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}

// IncidentActivityOwners returns the owners the register names for the
// given processing activities of the organisation, to propose a technicus.
func (s *Store) IncidentActivityOwners(ctx context.Context, orgID int64, ids []int64) ([]string, error) {
	var out []string
	for _, id := range ids {
		var owner string
		err := s.queryRow(ctx, "SELECT owner FROM activities WHERE org_id = ? AND id = ?", orgID, id).Scan(&owner)
		if err != nil {
			continue // removed from the register since; nothing to propose
		}
		if owner = strings.TrimSpace(owner); owner != "" {
			out = append(out, owner)
		}
	}
	return out, nil
}

// quotedList writes constant values as a SQL list of string literals; the
// values are the program's own identifiers, never input.
func quotedList[T ~string](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = "'" + strings.ReplaceAll(string(v), "'", "''") + "'"
	}
	return strings.Join(parts, ", ")
}
