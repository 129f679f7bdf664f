package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/country"
	"privacyregister/internal/register"
)

// The register of processing activities (AVG art. 30). An activity is kept
// as JSON in activities.data; what the register is filtered and sorted on
// is copied into columns in the same statement, so the two never disagree.
// Full-text search: PostgreSQL has a generated tsvector column (Dutch
// stemming) with a GIN index; SQLite an FTS5 table that these methods keep
// in step inside the caller's transaction. On both, each search word is
// also looked up by its Dutch stem (searchVariants).

// EntityActivity is the audit-trail entity name of an activity.
const (
	EntityActivity        = "activity"
	EntityMeasure         = "measure"
	EntityProcessorRecord = "processor_record"
	EntityRegister        = "register_settings"
)

// ActivityFilter narrows and orders the register; register.FilterFromQuery
// reads one from the query of the register page or the API.
type ActivityFilter = register.Filter

// SortKeys are the accepted ActivityFilter.Sort values (without "-").
var SortKeys = []string{"code", "name", "department", "status", "next_review", "updated"}

var sortColumns = map[string]string{
	"code": "LOWER(a.code)", "name": "LOWER(a.name)", "department": "LOWER(a.department)", "status": "a.status",
	"next_review": "a.next_review_at", "updated": "a.updated_at",
}

const activityCols = "a.id, a.org_id, a.data, a.last_reviewed_at, a.last_reviewed_by, a.next_review_at, a.created_at, a.updated_at"

func scanActivity(row interface{ Scan(...any) error }) (*register.Activity, error) {
	var (
		id, orgID    int64
		data         string
		last, next   sql.NullTime
		by           string
		created, upd time.Time
	)
	if err := row.Scan(&id, &orgID, &data, &last, &by, &next, &created, &upd); err != nil {
		return nil, mapErr(err)
	}
	a := &register.Activity{}
	if err := json.Unmarshal([]byte(data), a); err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "activity %d has unreadable data", id)
	}
	a.ID, a.OrgID, a.LastReviewedBy = id, orgID, by
	a.CreatedAt, a.UpdatedAt = created.UTC(), upd.UTC()
	a.LastReviewedAt, a.NextReviewAt = nullTime(last), nullTime(next)
	return a, nil
}

func nullTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func timeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// where builds the WHERE clause of f for organisation orgID.
func (s *Store) activityWhere(orgID int64, f ActivityFilter) (string, []any, error) {
	w := []string{"a.org_id = ?"}
	args := []any{orgID}
	if q := ftsWords(f.Query); len(q) > 0 {
		if s.dialect.Name() == "postgres" {
			// Each word as a Dutch stem (nieuwsbrieven finds nieuwsbrief)
			// or as the start of a word (loon finds loonadministratie,
			// which stemming alone would miss).
			terms := make([]string, len(q))
			for i, t := range q {
				terms[i] = "(to_tsquery('dutch', ?) || to_tsquery('simple', ?)"
				args = append(args, t+":*", t+":*")
				for _, v := range searchVariants(t) {
					terms[i] += " || to_tsquery('simple', ?)"
					args = append(args, v+":*")
				}
				terms[i] += ")"
			}
			w = append(w, "a.search_tsv @@ ("+strings.Join(terms, " && ")+")")
		} else {
			terms := make([]string, len(q))
			for i, t := range q {
				alts := []string{`"` + t + `"*`}
				for _, v := range searchVariants(t) {
					alts = append(alts, `"`+v+`"*`)
				}
				terms[i] = "(" + strings.Join(alts, " OR ") + ")"
			}
			w = append(w, "a.id IN (SELECT rowid FROM activities_fts WHERE activities_fts MATCH ?)")
			args = append(args, strings.Join(terms, " AND "))
		}
	}
	if f.Department != "" {
		w = append(w, "a.department = ?")
		args = append(args, f.Department)
	}
	if f.LawfulBasis != "" {
		if !register.ValidBasis(f.LawfulBasis) {
			return "", nil, apperr.Invalidf("lawful_basis", "Unknown lawful basis %q: use a letter a-f of art. 6(1).", f.LawfulBasis)
		}
		w = append(w, "a.lawful_bases LIKE ?")
		args = append(args, "%,"+string(f.LawfulBasis)+",%")
	}
	yn := func(field, v, col string) error {
		switch v {
		case "":
		case "yes":
			w = append(w, col)
		case "no":
			w = append(w, "NOT ("+col+")")
		default:
			return apperr.Invalidf(field, "Use yes or no, not %q.", v)
		}
		return nil
	}
	if err := yn("special", f.Special, "a.has_special OR a.has_criminal"); err != nil {
		return "", nil, err
	}
	if err := yn("outside_eea", f.OutsideEEA, "a.outside_eea"); err != nil {
		return "", nil, err
	}
	if f.DPIA != "" {
		switch f.DPIA {
		case register.DPIAYes, register.DPIANo, register.DPIAToAssess:
		default:
			return "", nil, apperr.Invalidf("dpia", "Unknown DPIA answer %q.", f.DPIA)
		}
		w = append(w, "a.dpia_needed = ?")
		args = append(args, string(f.DPIA))
	}
	if f.AgreementStatus != "" {
		switch f.AgreementStatus {
		case register.AgreementNone, register.AgreementDraftSent, register.AgreementNegotiating, register.AgreementSigned, register.AgreementNotNeeded:
		default:
			return "", nil, apperr.Invalidf("agreement_status", "Unknown agreement status %q.", f.AgreementStatus)
		}
		w = append(w, "a.agreement_status LIKE ?")
		args = append(args, "%,"+string(f.AgreementStatus)+",%")
	}
	switch f.Status {
	case "":
		if !f.IncludeRetired {
			w = append(w, "a.status <> 'retired'")
		}
	case register.StatusConcept, register.StatusInReview, register.StatusEstablished, register.StatusRetired:
		w = append(w, "a.status = ?")
		args = append(args, string(f.Status))
	default:
		return "", nil, apperr.Invalidf("status", "Unknown status %q.", f.Status)
	}
	if f.ReviewOverdue {
		now := f.Now
		if now.IsZero() {
			now = s.now()
		}
		w = append(w, "a.status <> 'retired' AND (a.next_review_at IS NULL OR a.next_review_at < ?)")
		args = append(args, now.UTC())
	}
	return " WHERE " + strings.Join(w, " AND "), args, nil
}

func orderBy(sort string) (string, error) {
	desc := strings.HasPrefix(sort, "-")
	key := strings.TrimPrefix(sort, "-")
	if key == "" {
		key = "code"
	}
	col, ok := sortColumns[key]
	if !ok {
		return "", apperr.Invalidf("sort", "Cannot sort on %q.", key)
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	// Activities without a review date come first when sorting by it:
	// they have never been planned.
	nulls := ""
	if key == "next_review" {
		nulls = " NULLS FIRST"
		if desc {
			nulls = " NULLS LAST"
		}
	}
	return " ORDER BY " + col + dir + nulls + ", a.id" + dir, nil
}

// Activities returns a page of the organisation's register and the number
// of activities matching f in all.
func (s *Store) Activities(ctx context.Context, orgID int64, f ActivityFilter) ([]register.Activity, int, error) {
	if f.Missing != "" {
		return s.activitiesWithGap(ctx, orgID, f)
	}
	where, args, err := s.activityWhere(orgID, f)
	if err != nil {
		return nil, 0, err
	}
	order, err := orderBy(f.Sort)
	if err != nil {
		return nil, 0, err
	}
	q := "SELECT " + activityCols + " FROM activities a" + where + order
	pargs := args
	if f.Limit > 0 {
		q += " LIMIT ? OFFSET ?"
		pargs = append(slices.Clone(args), f.Limit, max(f.Offset, 0))
	}
	rows, err := s.query(ctx, q, pargs...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []register.Activity{}
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapErr(err)
	}
	total := len(out)
	if f.Limit > 0 && (f.Offset > 0 || total == f.Limit) {
		if err := s.queryRow(ctx, "SELECT COUNT(*) FROM activities a"+where, args...).Scan(&total); err != nil {
			return nil, 0, mapErr(err)
		}
	}
	return out, total, nil
}

// Activity returns one activity of the organisation.
func (s *Store) Activity(ctx context.Context, orgID, id int64) (*register.Activity, error) {
	return activityBy(ctx, s.read, s.dialect, orgID, id, "")
}

func activityBy(ctx context.Context, q querier, d Dialect, orgID, id int64, lock string) (*register.Activity, error) {
	a, err := scanActivity(q.QueryRowContext(ctx, d.Rebind("SELECT "+activityCols+" FROM activities a WHERE a.org_id = ? AND a.id = ?"+lock), orgID, id))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("processing activity not found")
	}
	return a, err
}

// Activity reads one activity inside the transaction.
func (tx *Tx) Activity(ctx context.Context, orgID, id int64) (*register.Activity, error) {
	return activityBy(ctx, tx.tx, tx.d, orgID, id, tx.d.ForUpdate())
}

// Departments lists the departments in use, for the filter.
func (s *Store) Departments(ctx context.Context, orgID int64) ([]string, error) {
	rows, err := s.query(ctx, "SELECT department FROM activities WHERE org_id = ? AND department <> '' GROUP BY department ORDER BY LOWER(department), department", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

// derived are the columns copied out of an activity.
type derived struct {
	hasSpecial, hasCriminal, outsideEEA bool
	agreements, bases, search           string
}

func derive(a *register.Activity) derived {
	d := derived{hasSpecial: a.HasKind(register.KindSpecial), hasCriminal: a.HasKind(register.KindCriminal)}
	for _, t := range a.Transfers {
		if t.Class != country.EEA {
			d.outsideEEA = true
		}
	}
	if a.InEU == register.AnswerNo {
		d.outsideEEA = true
	}
	set := func(vals []string) string {
		slices.Sort(vals)
		vals = slices.Compact(vals)
		if len(vals) == 0 {
			return ""
		}
		return "," + strings.Join(vals, ",") + ","
	}
	var ag, bs []string
	for _, p := range a.Processors {
		if p.AgreementStatus != "" {
			ag = append(ag, string(p.AgreementStatus))
		}
	}
	for _, p := range a.Purposes {
		if p.LawfulBasis != "" {
			bs = append(bs, string(p.LawfulBasis))
		}
	}
	d.agreements, d.bases = set(ag), set(bs)
	parts := []string{a.Code, a.Name, a.Department, a.Domain, a.Owner, a.Contact, a.Description, a.CleanupMoment, a.DPIARef, a.ConsentRecords, a.Retention.Text, a.Retention.StartEvent}
	for _, p := range a.Purposes {
		parts = append(parts, p.Description)
	}
	for _, dc := range a.DataCategories {
		parts = append(parts, dc.Name)
	}
	for _, p := range a.Processors {
		parts = append(parts, p.Name, p.AgreementWith, p.Note)
	}
	for _, j := range a.JointControllers {
		parts = append(parts, j.Name, j.Arrangement)
	}
	parts = append(parts, a.SubjectCategories...)
	parts = append(parts, a.Systems...)
	parts = append(parts, a.Recipients...)
	for _, k := range sortedKeys(a.Extra) {
		parts = append(parts, a.Extra[k])
	}
	var b strings.Builder
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString(p)
			b.WriteString(" \n")
		}
	}
	d.search = b.String()
	return d
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// ftsWords splits a search into words of letters and digits, so nothing a
// user types can change the query syntax.
func ftsWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(out) == 8 {
			break
		}
		out = append(out, w)
	}
	return out
}

// body is what is stored as JSON: the activity without what has columns
// of its own only.
func body(a *register.Activity) (string, error) {
	c := *a
	c.ID, c.OrgID = 0, 0
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	c.LastReviewedAt, c.NextReviewAt, c.LastReviewedBy = nil, nil, ""
	b, err := json.Marshal(&c)
	return string(b), err
}

// prepare validates a and checks that what it refers to belongs to the
// organisation (measures), then normalises it.
func (tx *Tx) prepareActivity(ctx context.Context, orgID int64, a *register.Activity) error {
	if a.Status == "" {
		a.Status = register.StatusConcept
	}
	a.Name, a.Code = strings.TrimSpace(a.Name), strings.TrimSpace(a.Code)
	if err := register.ValidateStored(a); err != nil {
		return err
	}
	if len(a.MeasureIDs) > 0 {
		a.MeasureIDs = slices.Compact(slices.Sorted(slices.Values(a.MeasureIDs)))
		known, err := tx.measureIDs(ctx, orgID)
		if err != nil {
			return err
		}
		for i, id := range a.MeasureIDs {
			if !known[id] {
				return apperr.Invalidf(fmt.Sprintf("measure_ids[%d]", i), "Unknown security measure %d.", id)
			}
		}
	}
	if err := tx.checkAgreementRefs(ctx, orgID, a.Processors); err != nil {
		return err
	}
	if a.Code != "" {
		var other int64
		err := tx.queryRow(ctx, "SELECT id FROM activities WHERE org_id = ? AND code = ? AND id <> ? LIMIT 1", orgID, a.Code, a.ID).Scan(&other)
		if err == nil {
			return apperr.Invalidf("code", "Number %s is already used by another processing activity.", a.Code)
		} else if !apperr.Is(mapErr(err), apperr.NotFound) {
			return mapErr(err)
		}
	}
	return nil
}

func (tx *Tx) measureIDs(ctx context.Context, orgID int64) (map[int64]bool, error) {
	rows, err := tx.query(ctx, "SELECT id FROM measures WHERE org_id = ?", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr(err)
		}
		m[id] = true
	}
	return m, mapErr(rows.Err())
}

// CreateActivity validates and stores a new activity and audits it. When no
// next review is set, the first one is due one review period from now.
func (tx *Tx) CreateActivity(ctx context.Context, orgID int64, a *register.Activity) error {
	a.ID = 0
	if err := tx.prepareActivity(ctx, orgID, a); err != nil {
		return err
	}
	months, err := tx.reviewMonths(ctx, orgID)
	if err != nil {
		return err
	}
	return tx.activityWriter(orgID, false).insert(ctx, a, months)
}

func (w *actWriter) insert(ctx context.Context, a *register.Activity, months int) error {
	tx, orgID := w.tx, w.orgID
	now := tx.s.now()
	a.OrgID, a.CreatedAt, a.UpdatedAt = orgID, now, now
	if a.NextReviewAt == nil {
		base := now
		if a.LastReviewedAt != nil {
			base = *a.LastReviewedAt
		}
		n := register.NextReview(base, months)
		a.NextReviewAt = &n
	}
	data, err := body(a)
	if err != nil {
		return err
	}
	d := derive(a)
	id, err := w.insertID(ctx, `INSERT INTO activities (org_id, code, name, department, domain, owner, status, dpia_needed,
		has_special, has_criminal, outside_eea, agreement_status, lawful_bases, data, search_text,
		last_reviewed_at, last_reviewed_by, next_review_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, a.Code, a.Name, a.Department, a.Domain, a.Owner, string(a.Status), string(a.DPIANeeded),
		d.hasSpecial, d.hasCriminal, d.outsideEEA, d.agreements, d.bases, data, d.search,
		timeArg(a.LastReviewedAt), a.LastReviewedBy, timeArg(a.NextReviewAt), now, now)
	if err != nil {
		return err
	}
	a.ID = id
	if err := w.syncIndex(ctx, a, d, true); err != nil {
		return err
	}
	return w.audit(ctx, audit.Create, id, nil, a)
}

// syncActivityIndex keeps the SQLite full-text table and the measure links
// in step with the row.
func (w *actWriter) syncIndex(ctx context.Context, a *register.Activity, d derived, isNew bool) error {
	if w.tx.d.Name() == "sqlite" && w.batch {
		// FTS5 flushes its pending terms at every statement of a
		// transaction; an import indexes its rows batchSize at a time, in
		// one statement each (flushIndex): not one per row, and not all
		// at the end, whose pending terms grow with the import.
		w.indexed = append(w.indexed, a.ID)
		if !isNew {
			w.reindexed = append(w.reindexed, a.ID)
		}
		if len(w.indexed) >= batchSize {
			if err := w.flushIndex(ctx); err != nil {
				return err
			}
		}
	} else if w.tx.d.Name() == "sqlite" {
		if !isNew {
			if _, err := w.exec(ctx, "DELETE FROM activities_fts WHERE rowid = ?", a.ID); err != nil {
				return err
			}
		}
		if _, err := w.exec(ctx, "INSERT INTO activities_fts (rowid, body) VALUES (?, ?)", a.ID, d.search); err != nil {
			return err
		}
	}
	if !isNew {
		if _, err := w.exec(ctx, "DELETE FROM activity_measures WHERE activity_id = ?", a.ID); err != nil {
			return err
		}
	}
	for _, m := range a.MeasureIDs {
		if _, err := w.exec(ctx, "INSERT INTO activity_measures (activity_id, measure_id) VALUES (?, ?)", a.ID, m); err != nil {
			return err
		}
	}
	return nil
}

// UpdateActivity saves every field of a (found by a.ID within the
// organisation) and audits the change. Review dates are kept as they are
// unless a sets them; MarkReviewed is the way to record a review.
func (tx *Tx) UpdateActivity(ctx context.Context, orgID int64, a *register.Activity) error {
	before, err := tx.Activity(ctx, orgID, a.ID)
	if err != nil {
		return err
	}
	// a.UpdatedAt is the version the editor started from (the form's or the
	// GET's); when someone saved the activity since, their change would be
	// overwritten without anyone knowing. Zero: no check (a client that
	// does not send it replaces whatever is there).
	if !a.UpdatedAt.IsZero() && !a.UpdatedAt.Equal(before.UpdatedAt) {
		return &apperr.Error{Code: apperr.Conflict, Field: "updated_at",
			Msg: "Someone else changed this processing activity after you opened it. Open it again to see their change, then make yours."}
	}
	if a.Status != before.Status && a.Status != "" && !register.CanTransition(before.Status, a.Status) {
		return apperr.Invalidf("status", "Cannot change the status from %s to %s.", before.Status, a.Status)
	}
	if err := tx.prepareActivity(ctx, orgID, a); err != nil {
		return err
	}
	return tx.activityWriter(orgID, false).update(ctx, before, a)
}

// setDPIANeeded records a screening's conclusion on the activity (audited
// as a change of the activity), without the checks of a whole edit: a
// register imported with gaps must still take its screenings.
func (tx *Tx) setDPIANeeded(ctx context.Context, orgID, id int64, v register.DPIA) error {
	before, err := tx.Activity(ctx, orgID, id)
	if err != nil || before.DPIANeeded == v {
		return err
	}
	after := *before
	after.DPIANeeded = v
	return tx.activityWriter(orgID, false).update(ctx, before, &after)
}

func (w *actWriter) update(ctx context.Context, before, a *register.Activity) error {
	tx, orgID := w.tx, w.orgID
	a.OrgID, a.CreatedAt, a.UpdatedAt = orgID, before.CreatedAt, tx.s.now()
	if a.LastReviewedAt == nil {
		a.LastReviewedAt, a.LastReviewedBy = before.LastReviewedAt, before.LastReviewedBy
	}
	if a.NextReviewAt == nil {
		a.NextReviewAt = before.NextReviewAt
	}
	data, err := body(a)
	if err != nil {
		return err
	}
	d := derive(a)
	if _, err := w.exec(ctx, `UPDATE activities SET code = ?, name = ?, department = ?, domain = ?, owner = ?, status = ?, dpia_needed = ?,
		has_special = ?, has_criminal = ?, outside_eea = ?, agreement_status = ?, lawful_bases = ?, data = ?, search_text = ?,
		last_reviewed_at = ?, last_reviewed_by = ?, next_review_at = ?, updated_at = ?
		WHERE org_id = ? AND id = ?`,
		a.Code, a.Name, a.Department, a.Domain, a.Owner, string(a.Status), string(a.DPIANeeded),
		d.hasSpecial, d.hasCriminal, d.outsideEEA, d.agreements, d.bases, data, d.search,
		timeArg(a.LastReviewedAt), a.LastReviewedBy, timeArg(a.NextReviewAt), a.UpdatedAt, orgID, a.ID); err != nil {
		return err
	}
	if err := w.syncIndex(ctx, a, d, false); err != nil {
		return err
	}
	return w.audit(ctx, audit.Update, a.ID, before, a)
}

// RetireActivity marks an activity as no longer carried out (vervallen). It
// stays in the register and its history.
func (tx *Tx) RetireActivity(ctx context.Context, orgID, id int64) (*register.Activity, error) {
	before, err := tx.Activity(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	a := *before
	if err := register.Retire(&a, tx.s.now()); err != nil {
		return nil, err
	}
	return &a, tx.activityWriter(orgID, false).update(ctx, before, &a)
}

// MarkReviewed records that by reviewed the activity now and plans the
// next review one review period later.
func (tx *Tx) MarkReviewed(ctx context.Context, orgID, id int64, by string) (*register.Activity, error) {
	before, err := tx.Activity(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	if before.Status == register.StatusRetired {
		return nil, apperr.New(apperr.Conflict, "A retired processing activity is not reviewed.")
	}
	months, err := tx.reviewMonths(ctx, orgID)
	if err != nil {
		return nil, err
	}
	a := *before
	now := tx.s.now()
	next := register.NextReview(now, months)
	a.LastReviewedAt, a.LastReviewedBy, a.NextReviewAt = &now, by, &next
	return &a, tx.activityWriter(orgID, false).update(ctx, before, &a)
}

// CopyOf returns a new concept activity with the content of a, to be
// created with CreateActivity: no number (numbers are unique), the name
// marked as a copy, no review history.
func CopyOf(a register.Activity, suffix string) register.Activity {
	c := a
	c.ID, c.Code, c.Status = 0, "", register.StatusConcept
	c.Name = strings.TrimSpace(a.Name + " " + suffix)
	c.LastReviewedAt, c.LastReviewedBy, c.NextReviewAt = nil, "", nil
	c.Purposes = slices.Clone(a.Purposes)
	c.SubjectCategories = slices.Clone(a.SubjectCategories)
	c.DataCategories = slices.Clone(a.DataCategories)
	c.Systems = slices.Clone(a.Systems)
	c.Processors = slices.Clone(a.Processors)
	c.Recipients = slices.Clone(a.Recipients)
	c.Transfers = slices.Clone(a.Transfers)
	c.MeasureIDs = slices.Clone(a.MeasureIDs)
	c.JointControllers = slices.Clone(a.JointControllers)
	if a.Extra != nil {
		c.Extra = make(map[string]string, len(a.Extra))
		for k, v := range a.Extra {
			c.Extra[k] = v
		}
	}
	return c
}

// actWriter writes activities and their audit rows. For a single change it
// runs each statement directly; for an import (batch) it prepares each
// statement once, so 10,000 rows take seconds, not tens of seconds. The
// audit rows of both are written when the transaction commits (tx.Audit).
type actWriter struct {
	tx    *Tx
	orgID int64
	batch bool
	stmts map[string]*sql.Stmt
	// indexed are the activities a batch wrote, reindexed those of them
	// that were in the full-text index already (SQLite).
	indexed, reindexed []int64
}

func (tx *Tx) activityWriter(orgID int64, batch bool) *actWriter {
	return &actWriter{tx: tx, orgID: orgID, batch: batch, stmts: map[string]*sql.Stmt{}}
}

func (w *actWriter) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.tx.tx.PrepareContext(ctx, w.tx.d.Rebind(q))
	if err != nil {
		return nil, mapErr(err)
	}
	w.stmts[q] = st
	return st, nil
}

func (w *actWriter) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if !w.batch {
		return w.tx.exec(ctx, q, args...)
	}
	st, err := w.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	r, err := st.ExecContext(ctx, args...)
	return r, opErr(q, err)
}

func (w *actWriter) insertID(ctx context.Context, q string, args ...any) (int64, error) {
	if !w.batch {
		return w.tx.insert(ctx, q, args...)
	}
	st, err := w.stmt(ctx, q+" RETURNING id")
	if err != nil {
		return 0, err
	}
	var id int64
	return id, opErr(q, st.QueryRowContext(ctx, args...).Scan(&id))
}

func (w *actWriter) audit(ctx context.Context, action string, id int64, before, after any) error {
	if err := w.tx.Audit(ctx, w.orgID, action, EntityActivity, id, before, after); err != nil {
		return err
	}
	if w.batch && len(w.tx.audits) >= batchSize {
		// An import writes its audit rows batchSize at a time, so the
		// pending rows do not grow with it. From its first batch on it holds
		// the organisation's chain head until it commits; a concurrent edit
		// of a row it touches later can then deadlock with it, which
		// PostgreSQL resolves by aborting one, and InTx runs that one again.
		return w.tx.flushAudit(ctx)
	}
	return nil
}

// batchSize is how many rows of an import are indexed and audited in one
// go: memory stays bounded and time linear in the size of the import.
const batchSize = 1000

// flushIndex adds the activities of a batch to the SQLite full-text index,
// in one statement each for removing the old entries and adding the new.
func (w *actWriter) flushIndex(ctx context.Context) error {
	if len(w.indexed) == 0 {
		return nil
	}
	ids := func(v []int64) string { b, _ := json.Marshal(v); return string(b) }
	if len(w.reindexed) > 0 {
		if _, err := w.tx.exec(ctx, "DELETE FROM activities_fts WHERE rowid IN (SELECT value FROM json_each(?))", ids(w.reindexed)); err != nil {
			return err
		}
	}
	_, err := w.tx.exec(ctx, `INSERT INTO activities_fts (rowid, body)
		SELECT id, search_text FROM activities WHERE org_id = ? AND id IN (SELECT value FROM json_each(?))`, w.orgID, ids(w.indexed))
	w.indexed, w.reindexed = nil, nil
	return err
}

func (w *actWriter) closeStmts() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// ---- review cadence ----

// RegisterSettings are an organisation's settings of the register.
type RegisterSettings struct {
	ReviewMonths int `json:"review_months"` // review the register every so many months
}

// RegisterSettings returns the organisation's settings, with the default
// cadence (quarterly) when none were saved.
func (s *Store) RegisterSettings(ctx context.Context, orgID int64) (RegisterSettings, error) {
	rs := RegisterSettings{ReviewMonths: register.DefaultReviewMonths}
	err := s.queryRow(ctx, "SELECT review_months FROM register_settings WHERE org_id = ?", orgID).Scan(&rs.ReviewMonths)
	if err != nil && !apperr.Is(mapErr(err), apperr.NotFound) {
		return rs, mapErr(err)
	}
	return rs, nil
}

func (tx *Tx) reviewMonths(ctx context.Context, orgID int64) (int, error) {
	m := register.DefaultReviewMonths
	err := tx.queryRow(ctx, "SELECT review_months FROM register_settings WHERE org_id = ?", orgID).Scan(&m)
	if err != nil && !apperr.Is(mapErr(err), apperr.NotFound) {
		return 0, mapErr(err)
	}
	return m, nil
}

// SetRegisterSettings saves the review cadence and re-plans the next review
// of every reviewed activity from its last review.
func (tx *Tx) SetRegisterSettings(ctx context.Context, orgID int64, rs RegisterSettings) error {
	if rs.ReviewMonths < 1 || rs.ReviewMonths > 36 {
		return apperr.Invalidf("review_months", "Give the review period in months, from 1 to 36.")
	}
	before, err := tx.reviewMonths(ctx, orgID)
	if err != nil {
		return err
	}
	now := tx.s.now()
	if _, err := tx.exec(ctx, `INSERT INTO register_settings (org_id, review_months, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (org_id) DO UPDATE SET review_months = excluded.review_months, updated_at = excluded.updated_at`, orgID, rs.ReviewMonths, now); err != nil {
		return err
	}
	if before != rs.ReviewMonths {
		rows, err := tx.query(ctx, "SELECT id, last_reviewed_at FROM activities WHERE org_id = ? AND last_reviewed_at IS NOT NULL", orgID)
		if err != nil {
			return err
		}
		type plan struct {
			id   int64
			next time.Time
		}
		var plans []plan
		for rows.Next() {
			var id int64
			var last time.Time
			if err := rows.Scan(&id, &last); err != nil {
				rows.Close()
				return mapErr(err)
			}
			plans = append(plans, plan{id, register.NextReview(last.UTC(), rs.ReviewMonths)})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return mapErr(err)
		}
		for _, p := range plans {
			if _, err := tx.exec(ctx, "UPDATE activities SET next_review_at = ? WHERE org_id = ? AND id = ?", p.next, orgID, p.id); err != nil {
				return err
			}
		}
	}
	return tx.Audit(ctx, orgID, audit.Update, EntityRegister, orgID, RegisterSettings{ReviewMonths: before}, rs)
}

// ---- import ----

// PlanImport is the dry run of an import: what each row of t would do to
// the organisation's register, with every error and warning.
// It plans with the same function, against the same references (the
// organisation's activities, measures and agreements), as Import does, so
// it reports every error the import would.
func (s *Store) PlanImport(ctx context.Context, orgID int64, t *register.Table, m register.Mapping) (*register.Summary, error) {
	refs, err := s.RegisterRefs(ctx, orgID)
	if err != nil {
		return nil, err
	}
	pl, load, err := planner(ctx, s.query, orgID, t, m, refs)
	if err != nil {
		return nil, err
	}
	return pl.Summary(load)
}

// ImportResult counts what an import did.
type ImportResult struct {
	Created int `json:"created"`
	Updated int `json:"updated"`
}

// Import plans t against the register as it is inside the transaction and
// applies it: every row is created or updated (by number, else by name) and
// audited, or, when any row has an error, the returned error lists every
// row's errors and the caller's transaction must roll back what was
// written. It plans and writes importChunk rows at a time and keeps of each
// row only what a report of the import shows (see written), so memory
// stays bounded whatever the size of the file
// (it returns a register.Summary, not the plan).
func (tx *Tx) Import(ctx context.Context, orgID int64, t *register.Table, m register.Mapping) (*register.Summary, ImportResult, error) {
	var res ImportResult
	refs, err := tx.registerRefs(ctx, orgID)
	if err != nil {
		return nil, res, err
	}
	pl, load, err := planner(ctx, tx.query, orgID, t, m, refs)
	if err != nil {
		return nil, res, err
	}
	months, err := tx.reviewMonths(ctx, orgID)
	if err != nil {
		return nil, res, err
	}
	w := tx.activityWriter(orgID, true)
	defer w.closeStmts()
	im := importer{tx: tx, w: w, orgID: orgID, months: months, measures: map[string]int64{}}
	p := pl.Empty()
	failed := false
	for from := 0; from < pl.Len(); from += register.SummaryChunk {
		to := min(from+register.SummaryChunk, pl.Len())
		before, err := pl.Load(load, from, to)
		if err != nil {
			return p, res, err
		}
		rows := pl.Rows(from, to, before)
		failed = failed || !rowsOK(rows)
		if !failed { // after the first error, plan on only to report every error
			if err := im.write(ctx, rows, before, &res); err != nil {
				return p, res, err
			}
		}
		for i := range rows {
			p.Rows = append(p.Rows, rows[i].Summary())
		}
	}
	if err := p.Err(); err != nil {
		for i := range p.Rows { // the caller rolls back what was written
			if p.Rows[i].ExistingID == 0 {
				p.Rows[i].ID = 0
			}
		}
		return p, ImportResult{}, err
	}
	if err := w.flushIndex(ctx); err != nil {
		return p, res, err
	}
	return p, res, nil
}

func rowsOK(rows []register.PlannedRow) bool {
	for _, r := range rows {
		if len(r.Errors) > 0 {
			return false
		}
	}
	return true
}

// importer writes the planned rows of one import.
type importer struct {
	tx       *Tx
	w        *actWriter
	orgID    int64
	months   int
	measures map[string]int64 // measures the import added, by folded name
}

// write adds the measures the rows name that the catalogue lacks (once
// each, audited), then creates or updates each row's activity.
// before holds the activities the rows update, as they were.
func (im *importer) write(ctx context.Context, rows []register.PlannedRow, before map[int64]*register.Activity, res *ImportResult) error {
	for _, r := range rows {
		for _, nm := range r.NewMeasures {
			k := register.FoldName(nm.Name)
			if _, ok := im.measures[k]; ok {
				continue
			}
			m := nm
			if err := im.tx.CreateMeasure(ctx, im.orgID, &m); err != nil {
				return rowErr(r.Row, err)
			}
			im.measures[k] = m.ID
		}
	}
	for i := range rows {
		r := &rows[i]
		a := &r.Activity
		if a.Status == "" {
			a.Status = register.StatusConcept
		}
		for _, nm := range r.NewMeasures {
			a.MeasureIDs = append(a.MeasureIDs, im.measures[register.FoldName(nm.Name)])
		}
		a.MeasureIDs = slices.Compact(slices.Sorted(slices.Values(a.MeasureIDs)))
		if r.ExistingID == 0 {
			if err := im.w.insert(ctx, a, im.months); err != nil {
				return rowErr(r.Row, err)
			}
			res.Created++
			continue
		}
		old, ok := before[r.ExistingID]
		if !ok { // the plan only refers to activities it was given
			return apperr.NotFoundf("processing activity not found")
		}
		a.ID = r.ExistingID
		if err := im.w.update(ctx, old, a); err != nil {
			return rowErr(r.Row, err)
		}
		res.Updated++
	}
	return nil
}

func rowErr(row int, err error) error {
	var e *apperr.Error
	if errors.As(err, &e) && e.Code == apperr.Invalid {
		c := *e
		c.Field = fmt.Sprintf("row %d", row)
		return &c
	}
	return err
}

// ---- dashboard ----

// ReviewDue lists the organisation's activities whose review is due before
// until (overdue ones first), at most limit, and how many there are in all.
func (s *Store) ReviewDue(ctx context.Context, orgID int64, until time.Time, limit int) ([]register.Activity, int, error) {
	return s.Activities(ctx, orgID, ActivityFilter{ReviewOverdue: true, Now: until, Sort: "next_review", Limit: limit})
}

// ExemptionInput returns the organisation's activities that are not
// retired, holding only what art. 30(5) looks at (name, DPIA answer,
// special or criminal data, occasional), for register.Exemption. It reads
// columns rather than whole records, so it stays fast on a large register.
func (s *Store) ExemptionInput(ctx context.Context, orgID int64) ([]register.Activity, error) {
	rows, err := s.query(ctx, `SELECT name, dpia_needed, has_special, has_criminal, data LIKE '%"occasional":true%'
		FROM activities WHERE org_id = ? AND status <> 'retired' ORDER BY LOWER(code), LOWER(name)`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []register.Activity
	for rows.Next() {
		var a register.Activity
		var special, criminal bool
		if err := rows.Scan(&a.Name, &a.DPIANeeded, &special, &criminal, &a.Occasional); err != nil {
			return nil, mapErr(err)
		}
		if special {
			a.DataCategories = append(a.DataCategories, register.DataCategory{Kind: register.KindSpecial})
		}
		if criminal {
			a.DataCategories = append(a.DataCategories, register.DataCategory{Kind: register.KindCriminal})
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}
