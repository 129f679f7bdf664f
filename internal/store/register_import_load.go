package store

import (
	"context"
	"database/sql"
	"strings"

	"privacyregister/internal/register"
)

// queryFunc is s.query or tx.query: the import's lookups run inside the
// import's transaction, the dry run's outside any.
type queryFunc func(ctx context.Context, q string, args ...any) (*sql.Rows, error)

// activityKeys returns the id, number and name of each of the
// organisation's activities: all an import needs to match its rows. The
// whole records of the ones it updates are read a chunk at a time
// (activitiesByID), so re-importing a register of 100,000 rows does not
// hold all of them at once.
func activityKeys(ctx context.Context, query queryFunc, orgID int64) ([]register.Key, error) {
	rows, err := query(ctx, "SELECT id, code, name FROM activities WHERE org_id = ? ORDER BY code, id", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []register.Key
	for rows.Next() {
		var k register.Key
		if err := rows.Scan(&k.ID, &k.Code, &k.Name); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, k)
	}
	return out, mapErr(rows.Err())
}

// activitiesByID returns the organisation's activities with the given ids
// (at most a chunk's: one placeholder each).
func activitiesByID(ctx context.Context, query queryFunc, orgID int64, ids []int64) (map[int64]*register.Activity, error) {
	out := make(map[int64]*register.Activity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(ids)+1)
	args = append(args, orgID)
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := query(ctx, "SELECT "+activityCols+" FROM activities a WHERE a.org_id = ? AND a.id IN (?"+strings.Repeat(", ?", len(ids)-1)+")", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, err
		}
		out[a.ID] = a
	}
	return out, mapErr(rows.Err())
}

// planner matches t's rows to the organisation's activities (by their keys)
// and returns it with the loader of the whole records a chunk updates.
func planner(ctx context.Context, query queryFunc, orgID int64, t *register.Table, m register.Mapping, refs register.Refs) (*register.Planner, register.Loader, error) {
	keys, err := activityKeys(ctx, query, orgID)
	if err != nil {
		return nil, nil, err
	}
	pl, err := register.NewPlanner(t, m, keys, refs)
	if err != nil {
		return nil, nil, err
	}
	load := func(ids []int64) (map[int64]*register.Activity, error) { return activitiesByID(ctx, query, orgID, ids) }
	return pl, load, nil
}
