package store

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/register"
)

// RegisterFacts returns the activities matching f (its Missing, Limit and
// Offset ignored), in f's order, holding only what the dashboard's figures
// and the register's gap filter look at: id, code, name, status, owner,
// DPIA answer, purposes, retention, the data categories' retention and
// the processors. The database reads those parts out of the JSON, so a
// large register is not sent whole.
func (s *Store) RegisterFacts(ctx context.Context, orgID int64, f ActivityFilter) ([]register.Activity, error) {
	f.Missing, f.Limit, f.Offset = "", 0, 0
	where, args, err := s.activityWhere(orgID, f)
	if err != nil {
		return nil, err
	}
	order, err := orderBy(f.Sort)
	if err != nil {
		return nil, err
	}
	return s.registerFacts(ctx, orgID, where+order, args)
}

// RegisterFactsOf is RegisterFacts for the activities ids, retired ones
// included (an activity retired since is then seen as retired).
func (s *Store) RegisterFactsOf(ctx context.Context, orgID int64, ids []int64) ([]register.Activity, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{orgID}
	for _, id := range ids {
		args = append(args, id)
	}
	return s.registerFacts(ctx, orgID, " WHERE a.org_id = ? AND a.id IN (?"+strings.Repeat(", ?", len(ids)-1)+")", args)
}

// ChangedSince returns the ids of the organisation's entities of kind
// entity that the audit trail records a change of after seq, at most
// limit (and more reports that there were more).
func (s *Store) ChangedSince(ctx context.Context, orgID, seq int64, entity string, limit int) (ids []int64, more bool, err error) {
	ids, err = scanIDs(s.query(ctx, "SELECT DISTINCT entity_id FROM audit_log WHERE org_id = ? AND seq > ? AND entity = ? LIMIT ?", orgID, seq, entity, limit+1))
	if len(ids) > limit {
		return ids[:limit], true, err
	}
	return ids, false, err
}

func (s *Store) registerFacts(ctx context.Context, orgID int64, where string, args []any) ([]register.Activity, error) {
	rows, err := s.query(ctx, "SELECT a.id, a.code, a.name, a.status, a.owner, a.dpia_needed, "+
		s.dialect.JSONFields("a.data", "purposes", "retention", "data_categories", "processors")+
		" FROM activities a"+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []register.Activity{}
	for rows.Next() {
		var a register.Activity
		var parts string
		if err := rows.Scan(&a.ID, &a.Code, &a.Name, &a.Status, &a.Owner, &a.DPIANeeded, &parts); err != nil {
			return nil, mapErr(err)
		}
		var raw []json.RawMessage
		err := json.Unmarshal([]byte(parts), &raw)
		for i, dst := range []any{&a.Purposes, &a.Retention, &a.DataCategories, &a.Processors} {
			if err == nil && i < len(raw) {
				err = json.Unmarshal(raw[i], dst)
			}
		}
		if err != nil {
			return nil, apperr.Wrap(err, apperr.Invalid, "activity %d has unreadable data", a.ID)
		}
		a.OrgID = orgID
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}

// activitiesWithGap is Activities for a filter with Missing set: the gap
// is a rule of the register package (Gap.In), so the store reads the facts
// of every match, keeps those with the gap, and reads whole records only
// for the page asked.
func (s *Store) activitiesWithGap(ctx context.Context, orgID int64, f ActivityFilter) ([]register.Activity, int, error) {
	if !register.ValidGap(f.Missing) {
		return nil, 0, apperr.Invalidf("missing", "Unknown gap %q: use purpose, basis, retention or owner.", f.Missing)
	}
	facts, err := s.RegisterFacts(ctx, orgID, f)
	if err != nil {
		return nil, 0, err
	}
	facts = slices.DeleteFunc(facts, func(a register.Activity) bool { return !f.Missing.In(&a) })
	total := len(facts)
	page := facts
	if f.Limit > 0 {
		lo := min(max(f.Offset, 0), total)
		page = facts[lo:min(lo+f.Limit, total)]
	}
	out := make([]register.Activity, 0, len(page))
	if len(page) == 0 {
		return out, total, nil
	}
	ids := make([]any, 0, len(page)+1)
	ids = append(ids, orgID)
	for _, a := range page {
		ids = append(ids, a.ID)
	}
	rows, err := s.query(ctx, "SELECT "+activityCols+" FROM activities a WHERE a.org_id = ? AND a.id IN (?"+strings.Repeat(", ?", len(page)-1)+")", ids...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	byID := make(map[int64]register.Activity, len(page))
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, 0, err
		}
		byID[a.ID] = *a
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapErr(err)
	}
	for _, a := range page {
		if full, ok := byID[a.ID]; ok {
			out = append(out, full)
		}
	}
	return out, total, nil
}
