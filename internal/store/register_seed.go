package store

import (
	"context"

	"privacyregister/internal/register"
)

// FillRegister adds measures and activities to an organisation's register
// in the caller's transaction, as the demo data and the benchmarks need
// them. The activities' MeasureIDs refer to the given measures' IDs (as
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
	for i := range acts {
		a := &acts[i]
		var mids []int64
		for _, id := range a.MeasureIDs {
			if n, ok := ids[id]; ok {
				mids = append(mids, n)
			}
		}
		a.MeasureIDs = mids
		if err := tx.CreateActivity(ctx, orgID, a); err != nil {
			return err
		}
	}
	return nil
}
