package store

import (
	"context"
	"encoding/json"

	"privacyregister/internal/agreement"
	"privacyregister/internal/audit"
)

// CreateParty adds a counterparty after validating it.
func (tx *Tx) CreateParty(ctx context.Context, p *agreement.Party) error {
	p.Normalise()
	if err := p.Validate(); err != nil {
		return err
	}
	p.CreatedAt, p.UpdatedAt = tx.s.now(), tx.s.now()
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	id, err := tx.insert(ctx, "INSERT INTO parties (org_id, name, kind, country, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		p.OrgID, p.Name, string(p.Kind), p.Country, string(data), p.CreatedAt, p.UpdatedAt)
	if err != nil {
		return err
	}
	p.ID = id
	return tx.Audit(ctx, p.OrgID, audit.Create, "party", id, nil, p)
}

// UpdateParty saves a changed party of p.OrgID.
func (tx *Tx) UpdateParty(ctx context.Context, p *agreement.Party) error {
	before, err := tx.party(ctx, p.OrgID, p.ID)
	if err != nil {
		return err
	}
	p.Normalise()
	if err := p.Validate(); err != nil {
		return err
	}
	p.CreatedAt, p.UpdatedAt = before.CreatedAt, tx.s.now()
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "UPDATE parties SET name = ?, kind = ?, country = ?, data = ?, updated_at = ? WHERE id = ? AND org_id = ?",
		p.Name, string(p.Kind), p.Country, string(data), p.UpdatedAt, p.ID, p.OrgID); err != nil {
		return err
	}
	return tx.Audit(ctx, p.OrgID, audit.Update, "party", p.ID, before, p)
}

// DeleteParty removes a party; its agreements keep their terms but lose the link.
func (tx *Tx) DeleteParty(ctx context.Context, orgID, id int64) error {
	before, err := tx.party(ctx, orgID, id)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "UPDATE agreements SET party_id = NULL WHERE party_id = ? AND org_id = ?", id, orgID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM parties WHERE id = ? AND org_id = ?", id, orgID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, "party", id, before, nil)
}

// party reads a party inside the transaction.
func (tx *Tx) party(ctx context.Context, orgID, id int64) (*agreement.Party, error) {
	var data string
	if err := tx.queryRow(ctx, "SELECT data FROM parties WHERE id = ? AND org_id = ?", id, orgID).Scan(&data); err != nil {
		return nil, orNotFound(err, "party not found")
	}
	return decodeParty(id, orgID, data)
}

// Party returns one party of the organisation.
func (s *Store) Party(ctx context.Context, orgID, id int64) (*agreement.Party, error) {
	var data string
	if err := s.queryRow(ctx, "SELECT data FROM parties WHERE id = ? AND org_id = ?", id, orgID).Scan(&data); err != nil {
		return nil, orNotFound(err, "party not found")
	}
	return decodeParty(id, orgID, data)
}

func decodeParty(id, orgID int64, data string) (*agreement.Party, error) {
	var p agreement.Party
	if err := json.Unmarshal([]byte(data), &p); err != nil {
		return nil, err
	}
	p.ID, p.OrgID = id, orgID
	return &p, nil
}

// Parties lists the organisation's parties by name.
func (s *Store) Parties(ctx context.Context, orgID int64) ([]agreement.Party, error) {
	return s.PartiesPage(ctx, orgID, Page{})
}

// PartiesPage lists a page of the organisation's parties (by id), or all
// of them by name with the zero Page.
func (s *Store) PartiesPage(ctx context.Context, orgID int64, p Page) ([]agreement.Party, error) {
	q, args := p.keyset("SELECT id, data FROM parties WHERE org_id = ?", []any{orgID}, "id", false, "LOWER(name), id")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []agreement.Party
	for rows.Next() {
		var id int64
		var data string
		if err := rows.Scan(&id, &data); err != nil {
			return nil, mapErr(err)
		}
		p, err := decodeParty(id, orgID, data)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, mapErr(rows.Err())
}
