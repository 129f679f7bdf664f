package store

import (
	"context"
	"strings"

	"privacyregister/internal/incident"
)

// nameQueries read the human name of an object of each kind by id: what
// the audit trail shows instead of "incident 7". Every query keeps to the
// organisation; users are named through their membership.
var nameQueries = map[string]string{
	EntityActivity:        "SELECT id, CASE WHEN code = '' THEN name ELSE code || ' ' || name END FROM activities WHERE org_id = ?",
	"agreement":           "SELECT id, title FROM agreements WHERE org_id = ?",
	"party":               "SELECT id, name FROM parties WHERE org_id = ?",
	"request":             "SELECT id, reference FROM subject_requests WHERE org_id = ?",
	"dpia":                "SELECT id, title FROM dpias WHERE org_id = ?",
	"task":                "SELECT id, title FROM tasks WHERE org_id = ?",
	EntityMeasure:         "SELECT id, name FROM measures WHERE org_id = ?",
	EntityProcessorRecord: "SELECT id, controller_name FROM processor_records WHERE org_id = ?",
	"user":                "SELECT u.id, u.email FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.org_id = ?",
}

// ObjectNames returns the names of the objects ids names by kind ("activity",
// "incident", ...): the dossier number of an incident, the reference of a
// request, code and name of an activity, the title or name of the others.
// A part of a case (its timeline, controllers, notifications) goes by the
// case's dossier number. Objects that no longer exist, or of kinds without
// a name, are left out.
func (s *Store) ObjectNames(ctx context.Context, orgID int64, ids map[string][]int64) (map[string]map[int64]string, error) {
	out := map[string]map[int64]string{}
	for kind, list := range ids {
		if len(list) == 0 {
			continue
		}
		q, ok := nameQueries[kind]
		idCol, dossier := "id", false
		switch kind {
		case "incident":
			q, ok, dossier = "SELECT id, year, seq FROM incidents WHERE org_id = ?", true, true
		case "incident_event", "incident_controller", "incident_notification":
			// A part of a case goes by the case's dossier number.
			q = "SELECT x.id, i.year, i.seq FROM " + kind + "s x JOIN incidents i ON i.id = x.incident_id AND i.org_id = x.org_id WHERE x.org_id = ?"
			ok, dossier, idCol = true, true, "x.id"
		case "user":
			idCol = "u.id"
		}
		if !ok {
			continue
		}
		args := []any{orgID}
		for _, id := range list {
			args = append(args, id)
		}
		q += " AND " + idCol + " IN (?" + strings.Repeat(", ?", len(list)-1) + ")"
		rows, err := s.query(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		names := map[int64]string{}
		for rows.Next() {
			var id int64
			var name string
			if dossier {
				var year, seq int
				err = rows.Scan(&id, &year, &seq)
				name = incident.FormatDossier(year, seq)
			} else {
				err = rows.Scan(&id, &name)
			}
			if err != nil {
				rows.Close()
				return nil, mapErr(err)
			}
			names[id] = name
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, mapErr(err)
		}
		out[kind] = names
	}
	return out, nil
}
