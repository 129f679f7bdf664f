package store

import (
	"context"
	"fmt"

	"privacyregister/internal/apperr"

	"privacyregister/internal/register"
)

// FillRegister adds measures and activities to an organisation's register
// in the caller's transaction, as the demo data and the benchmarks need
// them: validated and audited like CreateActivity, written as a batch like
// an import. The activities' MeasureIDs refer to the given measures' IDs (as
// register.Generate and register.GenerateMeasures number them); they are
// translated to the IDs the new measures get.
func (tx *Tx) FillRegister(ctx context.Context, orgID int64, measures []register.Measure, acts []register.Activity) error {
	ids := make(map[int64]int64, len(measures))
	for _, m := range measures {
		old := m.ID
		if err := tx.CreateMeasure(ctx, orgID, &m); err != nil {
			return err
		}
		ids[old] = m.ID
	}
	codes := map[string]bool{}
	rows, err := tx.query(ctx, "SELECT code FROM activities WHERE org_id = ? AND code <> ''", orgID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return mapErr(err)
		}
		codes[c] = true
	}
	rows.Close()
	months, err := tx.reviewMonths(ctx, orgID)
	if err != nil {
		return err
	}
	w := tx.activityWriter(orgID, true)
	defer w.closeStmts()
	for i := range acts {
		a := &acts[i]
		var mids []int64
		for _, id := range a.MeasureIDs {
			if n, ok := ids[id]; ok {
				mids = append(mids, n)
			}
		}
		a.ID, a.MeasureIDs = 0, mids
		if a.Status == "" {
			a.Status = register.StatusConcept
		}
		if err := register.ValidateStored(a); err != nil {
			return fmt.Errorf("activity %d (%s): %w", i+1, a.Name, err)
		}
		if a.Code != "" {
			if codes[a.Code] {
				return apperr.Invalidf("code", "Number %s is already used by another processing activity.", a.Code)
			}
			codes[a.Code] = true
		}
		if err := w.insert(ctx, a, months); err != nil {
			return err
		}
	}
	return w.flushIndex(ctx)
}
