package store

import (
	"context"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/org"
)

const orgCols = "id, short, name, roles, kvk, address, dpo_name, dpo_email, dpo_phone, employees, require_2fa, created_at, updated_at"

func scanOrg(row interface{ Scan(...any) error }) (*org.Organisation, error) {
	var o org.Organisation
	err := row.Scan(&o.ID, &o.Short, &o.Name, &o.Roles, &o.KvK, &o.Address, &o.DPOName, &o.DPOEmail, &o.DPOPhone, &o.Employees, &o.Require2FA, &o.CreatedAt, &o.UpdatedAt)
	if err != nil {
		return nil, mapErr(err)
	}
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	return &o, nil
}

// CreateOrg adds an organisation and records it as the first row of its
// own audit trail.
func (tx *Tx) CreateOrg(ctx context.Context, o *org.Organisation) error {
	if err := o.Validate(); err != nil {
		return err
	}
	now := tx.s.now()
	o.CreatedAt, o.UpdatedAt = now, now
	id, err := tx.insert(ctx, `INSERT INTO orgs (short, name, roles, kvk, address, dpo_name, dpo_email, dpo_phone, employees, require_2fa, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.Short, o.Name, o.Roles, o.KvK, o.Address, o.DPOName, o.DPOEmail, o.DPOPhone, o.Employees, o.Require2FA, now, now)
	if apperr.Is(err, apperr.Conflict) {
		return apperr.Invalidf("short", "an organisation with short name %q already exists", o.Short)
	}
	if err != nil {
		return err
	}
	o.ID = id
	return tx.Audit(ctx, id, audit.Create, "organisation", id, nil, o)
}

// Org returns one organisation by id.
func (s *Store) Org(ctx context.Context, orgID int64) (*org.Organisation, error) {
	o, err := scanOrg(s.queryRow(ctx, "SELECT "+orgCols+" FROM orgs WHERE id = ?", orgID))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("organisation not found")
	}
	return o, err
}

// OrgByShort returns an organisation by its short name.
func (s *Store) OrgByShort(ctx context.Context, short string) (*org.Organisation, error) {
	o, err := scanOrg(s.queryRow(ctx, "SELECT "+orgCols+" FROM orgs WHERE short = ?", short))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("organisation %q not found", short)
	}
	return o, err
}

// UpdateOrg saves an organisation's settings.
func (tx *Tx) UpdateOrg(ctx context.Context, o *org.Organisation) error {
	if err := o.Validate(); err != nil {
		return err
	}
	before, err := scanOrg(tx.queryRow(ctx, "SELECT "+orgCols+" FROM orgs WHERE id = ?", o.ID))
	if err != nil {
		return err
	}
	o.UpdatedAt = tx.s.now()
	o.CreatedAt = before.CreatedAt
	_, err = tx.exec(ctx, `UPDATE orgs SET short = ?, name = ?, roles = ?, kvk = ?, address = ?, dpo_name = ?, dpo_email = ?, dpo_phone = ?, employees = ?, require_2fa = ?, updated_at = ?
		WHERE id = ?`, o.Short, o.Name, o.Roles, o.KvK, o.Address, o.DPOName, o.DPOEmail, o.DPOPhone, o.Employees, o.Require2FA, o.UpdatedAt, o.ID)
	if apperr.Is(err, apperr.Conflict) {
		return apperr.Invalidf("short", "an organisation with short name %q already exists", o.Short)
	}
	if err != nil {
		return err
	}
	return tx.Audit(ctx, o.ID, audit.Update, "organisation", o.ID, before, o)
}

// Orgs lists all organisations (for the command line).
func (s *Store) Orgs(ctx context.Context) ([]org.Organisation, error) {
	rows, err := s.query(ctx, "SELECT "+orgCols+" FROM orgs ORDER BY LOWER(name)")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []org.Organisation
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *o)
	}
	return out, mapErr(rows.Err())
}
