package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/register"
)

// ---- the catalogue of security measures (art. 32), per organisation ----

func validateMeasure(m *register.Measure) error {
	l := register.CheckText(m)
	m.Name, m.Description = strings.TrimSpace(m.Name), strings.TrimSpace(m.Description)
	if m.Name == "" {
		l = append(l, apperr.Invalidf("name", "Name the measure."))
	}
	switch m.Kind {
	case register.Technical, register.Organisational:
	case "":
		m.Kind = register.Organisational
	default:
		l = append(l, apperr.Invalidf("kind", "Unknown kind of measure %q: technical or organisational.", m.Kind))
	}
	return l.Err()
}

// Measures lists the organisation's catalogue of security measures.
func (s *Store) Measures(ctx context.Context, orgID int64) ([]register.Measure, error) {
	return s.MeasuresPage(ctx, orgID, Page{})
}

// MeasuresPage lists a page of the catalogue (by id), or all of it with
// the zero Page.
func (s *Store) MeasuresPage(ctx context.Context, orgID int64, p Page) ([]register.Measure, error) {
	q, args := p.keyset("SELECT id, org_id, name, description, kind FROM measures WHERE org_id = ?", []any{orgID}, "id", false, "kind DESC, name, id")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []register.Measure{}
	for rows.Next() {
		var m register.Measure
		if err := rows.Scan(&m.ID, &m.OrgID, &m.Name, &m.Description, &m.Kind); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

func (tx *Tx) measure(ctx context.Context, orgID, id int64) (*register.Measure, error) {
	var m register.Measure
	err := tx.queryRow(ctx, "SELECT id, org_id, name, description, kind FROM measures WHERE org_id = ? AND id = ?", orgID, id).
		Scan(&m.ID, &m.OrgID, &m.Name, &m.Description, &m.Kind)
	if err != nil {
		if apperr.Is(mapErr(err), apperr.NotFound) {
			return nil, apperr.NotFoundf("security measure not found")
		}
		return nil, mapErr(err)
	}
	return &m, nil
}

// CreateMeasure adds a measure to the catalogue.
func (tx *Tx) CreateMeasure(ctx context.Context, orgID int64, m *register.Measure) error {
	if err := validateMeasure(m); err != nil {
		return err
	}
	now := tx.s.now()
	id, err := tx.insert(ctx, "INSERT INTO measures (org_id, name, description, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
		orgID, m.Name, m.Description, string(m.Kind), now, now)
	if err != nil {
		return err
	}
	m.ID, m.OrgID = id, orgID
	return tx.Audit(ctx, orgID, audit.Create, EntityMeasure, id, nil, m)
}

// UpdateMeasure changes a measure of the catalogue.
func (tx *Tx) UpdateMeasure(ctx context.Context, orgID int64, m *register.Measure) error {
	before, err := tx.measure(ctx, orgID, m.ID)
	if err != nil {
		return err
	}
	if err := validateMeasure(m); err != nil {
		return err
	}
	m.OrgID = orgID
	if _, err := tx.exec(ctx, "UPDATE measures SET name = ?, description = ?, kind = ?, updated_at = ? WHERE org_id = ? AND id = ?",
		m.Name, m.Description, string(m.Kind), tx.s.now(), orgID, m.ID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Update, EntityMeasure, m.ID, before, m)
}

// DeleteMeasure removes a measure no activity uses.
func (tx *Tx) DeleteMeasure(ctx context.Context, orgID, id int64) error {
	before, err := tx.measure(ctx, orgID, id)
	if err != nil {
		return err
	}
	var n int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM activity_measures WHERE measure_id = ?", id).Scan(&n); err != nil {
		return mapErr(err)
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, "%d processing activities use this measure; remove it from them first.", n)
	}
	if _, err := tx.exec(ctx, "DELETE FROM measures WHERE org_id = ? AND id = ?", orgID, id); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, EntityMeasure, id, before, nil)
}

// ---- the processor's register (art. 30(2)) ----

func scanProcessorRecord(row interface{ Scan(...any) error }) (*register.ProcessorRecord, error) {
	var (
		id, orgID    int64
		data         string
		created, upd time.Time
	)
	if err := row.Scan(&id, &orgID, &data, &created, &upd); err != nil {
		return nil, mapErr(err)
	}
	p := &register.ProcessorRecord{}
	if err := json.Unmarshal([]byte(data), p); err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "processor record %d has unreadable data", id)
	}
	p.ID, p.OrgID, p.CreatedAt, p.UpdatedAt = id, orgID, created.UTC(), upd.UTC()
	return p, nil
}

// ProcessorRecords lists the organisation's records as a processor, one
// per controller it works for.
func (s *Store) ProcessorRecords(ctx context.Context, orgID int64) ([]register.ProcessorRecord, error) {
	rows, err := s.query(ctx, "SELECT id, org_id, data, created_at, updated_at FROM processor_records WHERE org_id = ? ORDER BY LOWER(controller_name), id", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []register.ProcessorRecord{}
	for rows.Next() {
		p, err := scanProcessorRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, mapErr(rows.Err())
}

// ProcessorRecord returns one record of the organisation.
func (s *Store) ProcessorRecord(ctx context.Context, orgID, id int64) (*register.ProcessorRecord, error) {
	p, err := scanProcessorRecord(s.queryRow(ctx, "SELECT id, org_id, data, created_at, updated_at FROM processor_records WHERE org_id = ? AND id = ?", orgID, id))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("processor record not found")
	}
	return p, err
}

func (tx *Tx) processorRecord(ctx context.Context, orgID, id int64) (*register.ProcessorRecord, error) {
	p, err := scanProcessorRecord(tx.queryRow(ctx, "SELECT id, org_id, data, created_at, updated_at FROM processor_records WHERE org_id = ? AND id = ?"+tx.d.ForUpdate(), orgID, id))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("processor record not found")
	}
	return p, err
}

func processorBody(p *register.ProcessorRecord) (string, error) {
	c := *p
	c.ID, c.OrgID, c.CreatedAt, c.UpdatedAt = 0, 0, time.Time{}, time.Time{}
	b, err := json.Marshal(&c)
	return string(b), err
}

func (tx *Tx) checkMeasureIDs(ctx context.Context, orgID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	known, err := tx.measureIDs(ctx, orgID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !known[id] {
			return apperr.Invalidf("measure_ids", "Unknown security measure %d.", id)
		}
	}
	return nil
}

// checkProcessorRefs refuses measures and an agreement that are not the
// organisation's own.
func (tx *Tx) checkProcessorRefs(ctx context.Context, orgID int64, p *register.ProcessorRecord) error {
	if err := tx.checkMeasureIDs(ctx, orgID, p.MeasureIDs); err != nil {
		return err
	}
	if p.AgreementID != nil {
		if _, err := tx.agreement(ctx, orgID, *p.AgreementID); err != nil {
			return apperr.Invalidf("agreement_id", "Unknown agreement %d.", *p.AgreementID)
		}
	}
	return nil
}

// CreateProcessorRecord adds a record of processing for a controller.
func (tx *Tx) CreateProcessorRecord(ctx context.Context, orgID int64, p *register.ProcessorRecord) error {
	if err := register.ValidateProcessorRecord(p); err != nil {
		return err
	}
	if err := tx.checkProcessorRefs(ctx, orgID, p); err != nil {
		return err
	}
	now := tx.s.now()
	p.OrgID, p.CreatedAt, p.UpdatedAt = orgID, now, now
	data, err := processorBody(p)
	if err != nil {
		return err
	}
	id, err := tx.insert(ctx, "INSERT INTO processor_records (org_id, controller_name, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
		orgID, p.ControllerName, data, now, now)
	if err != nil {
		return err
	}
	p.ID = id
	return tx.Audit(ctx, orgID, audit.Create, EntityProcessorRecord, id, nil, p)
}

// UpdateProcessorRecord saves a record (found by p.ID in the organisation).
func (tx *Tx) UpdateProcessorRecord(ctx context.Context, orgID int64, p *register.ProcessorRecord) error {
	before, err := tx.processorRecord(ctx, orgID, p.ID)
	if err != nil {
		return err
	}
	if err := register.ValidateProcessorRecord(p); err != nil {
		return err
	}
	if err := tx.checkProcessorRefs(ctx, orgID, p); err != nil {
		return err
	}
	p.OrgID, p.CreatedAt, p.UpdatedAt = orgID, before.CreatedAt, tx.s.now()
	data, err := processorBody(p)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "UPDATE processor_records SET controller_name = ?, data = ?, updated_at = ? WHERE org_id = ? AND id = ?",
		p.ControllerName, data, p.UpdatedAt, orgID, p.ID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Update, EntityProcessorRecord, p.ID, before, p)
}

// DeleteProcessorRecord removes a record (the work for that controller
// has ended); the audit trail keeps what it said.
func (tx *Tx) DeleteProcessorRecord(ctx context.Context, orgID, id int64) error {
	before, err := tx.processorRecord(ctx, orgID, id)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM processor_records WHERE org_id = ? AND id = ?", orgID, id); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, EntityProcessorRecord, id, before, nil)
}
