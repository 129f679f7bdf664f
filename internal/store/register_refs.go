package store

import (
	"context"
	"database/sql"
	"fmt"

	"privacyregister/internal/apperr"
	"privacyregister/internal/register"
)

// refRows runs a query of (id, name) pairs.
type refRows func(ctx context.Context, q string, args ...any) (*sql.Rows, error)

func loadRefs(ctx context.Context, query refRows, orgID int64) (register.Refs, error) {
	refs := register.Refs{Agreements: map[int64]string{}}
	rows, err := query(ctx, "SELECT id, org_id, name, description, kind FROM measures WHERE org_id = ? ORDER BY kind DESC, LOWER(name), id", orgID)
	if err != nil {
		return refs, err
	}
	for rows.Next() {
		var m register.Measure
		if err := rows.Scan(&m.ID, &m.OrgID, &m.Name, &m.Description, &m.Kind); err != nil {
			rows.Close()
			return refs, mapErr(err)
		}
		refs.Measures = append(refs.Measures, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return refs, mapErr(err)
	}
	rows, err = query(ctx, "SELECT id, title FROM agreements WHERE org_id = ?", orgID)
	if err != nil {
		return refs, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var title string
		if err := rows.Scan(&id, &title); err != nil {
			return refs, mapErr(err)
		}
		refs.Agreements[id] = title
	}
	return refs, mapErr(rows.Err())
}

// RegisterRefs returns the organisation's measures and agreement titles,
// which register exports write instead of ids and imports resolve.
func (s *Store) RegisterRefs(ctx context.Context, orgID int64) (register.Refs, error) {
	return loadRefs(ctx, s.query, orgID)
}

func (tx *Tx) registerRefs(ctx context.Context, orgID int64) (register.Refs, error) {
	return loadRefs(ctx, tx.query, orgID)
}

// checkAgreementRefs refuses a processor linked to an agreement that is not
// the organisation's: an id in a request body is only a claim.
func (tx *Tx) checkAgreementRefs(ctx context.Context, orgID int64, ps []register.ProcessorRef) error {
	var l apperr.List
	for i, p := range ps {
		if p.AgreementID == nil {
			continue
		}
		var one int
		err := tx.queryRow(ctx, "SELECT 1 FROM agreements WHERE org_id = ? AND id = ?", orgID, *p.AgreementID).Scan(&one)
		if apperr.Is(mapErr(err), apperr.NotFound) {
			l = append(l, apperr.Invalidf(fmt.Sprintf("processors[%d].agreement_id", i), "Unknown processor agreement %d.", *p.AgreementID))
		} else if err != nil {
			return mapErr(err)
		}
	}
	return l.Err()
}
