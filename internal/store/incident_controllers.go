package store

import (
	"context"
	"strings"

	"privacyregister/internal/agreement"
)

// ControllerSuggestion is a controller the organisation, as processor,
// probably must tell of a breach: the other party of an agreement in which
// it is the processor, linked to a processing activity of the case.
type ControllerSuggestion struct {
	AgreementID int64
	Name        string
	Hours       *int // the agreement's breach notice hours; nil: without delay or unknown
}

// ControllersFromAgreements lists, once per controller, the agreements
// where this organisation is the processor that are linked to one of the
// activities, and still in force.
func (s *Store) ControllersFromAgreements(ctx context.Context, orgID int64, activityIDs []int64) ([]ControllerSuggestion, error) {
	if len(activityIDs) == 0 {
		return nil, nil
	}
	q := "SELECT DISTINCT " + agreementCols + " JOIN activity_agreements l ON l.agreement_id = a.id AND l.org_id = a.org_id" +
		" WHERE a.org_id = ? AND a.our_role = ? AND a.status <> ? AND l.activity_id IN (?" + strings.Repeat(", ?", len(activityIDs)-1) + ") ORDER BY a.id"
	args := []any{orgID, agreement.RoleProcessor, agreement.StatusEnded}
	for _, id := range activityIDs {
		args = append(args, id)
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ControllerSuggestion
	seen := map[string]bool{}
	for rows.Next() {
		a, err := scanAgreement(orgID, rows)
		if err != nil {
			return nil, mapErr(err)
		}
		name := a.PartyName
		if name == "" {
			name = a.Title
		}
		if seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		out = append(out, ControllerSuggestion{AgreementID: a.ID, Name: name, Hours: a.Terms.BreachNotification.Hours})
	}
	return out, mapErr(rows.Err())
}
