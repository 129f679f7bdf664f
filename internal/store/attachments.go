package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
)

// Attachment is a stored document. Content is only loaded for downloads.
type Attachment struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"org_id"`
	AgreementID *int64    `json:"agreement_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
	Content     []byte    `json:"-"`
}

// AddAttachment checks and stores a file, optionally with an agreement of
// the organisation. max <= 0 means agreement.MaxAttachment.
func (tx *Tx) AddAttachment(ctx context.Context, orgID int64, agreementID *int64, name string, data []byte, max int64) (*Attachment, error) {
	ct, err := agreement.CheckFile(name, data, max)
	if err != nil {
		return nil, err
	}
	if agreementID != nil {
		var n int
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM agreements WHERE id = ? AND org_id = ?", *agreementID, orgID).Scan(&n); err != nil {
			return nil, mapErr(err)
		}
		if n == 0 {
			return nil, apperr.NotFoundf("agreement not found")
		}
	}
	sum := sha256.Sum256(data)
	at := &Attachment{OrgID: orgID, AgreementID: agreementID, Name: cleanName(name), ContentType: ct, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), CreatedAt: tx.s.now()}
	id, err := tx.insert(ctx, "INSERT INTO attachments (org_id, agreement_id, name, content_type, size, sha256, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		orgID, agreementID, at.Name, at.ContentType, at.Size, at.SHA256, data, at.CreatedAt)
	if err != nil {
		return nil, err
	}
	at.ID = id
	return at, tx.Audit(ctx, orgID, audit.Create, "attachment", id, nil, at)
}

// cleanName keeps the base name, without path or control characters.
func cleanName(name string) string {
	out := make([]rune, 0, len(name))
	for _, r := range name {
		switch {
		case r == '/' || r == '\\':
			out = out[:0]
		case r < 0x20 || r == 0x7f || r == '"':
		default:
			out = append(out, r)
		}
	}
	if len(out) > 200 {
		out = out[len(out)-200:]
	}
	return string(out)
}

// DeleteAttachment removes a file.
func (tx *Tx) DeleteAttachment(ctx context.Context, orgID, id int64) error {
	before := &Attachment{OrgID: orgID}
	if err := tx.queryRow(ctx, "SELECT id, name, size, sha256 FROM attachments WHERE id = ? AND org_id = ?", id, orgID).Scan(&before.ID, &before.Name, &before.Size, &before.SHA256); err != nil {
		return orNotFound(err, "file not found")
	}
	if _, err := tx.exec(ctx, "DELETE FROM attachments WHERE id = ? AND org_id = ?", id, orgID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, "attachment", id, before, nil)
}

// Attachment returns a file with its content.
func (s *Store) Attachment(ctx context.Context, orgID, id int64) (*Attachment, error) {
	return s.attachment(ctx, orgID, id, true)
}

func (s *Store) attachment(ctx context.Context, orgID, id int64, content bool) (*Attachment, error) {
	cols := "id, agreement_id, name, content_type, size, sha256, created_at"
	if content {
		cols += ", content"
	}
	a := &Attachment{OrgID: orgID}
	dst := []any{&a.ID, &a.AgreementID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.CreatedAt}
	if content {
		dst = append(dst, &a.Content)
	}
	if err := s.queryRow(ctx, "SELECT "+cols+" FROM attachments WHERE id = ? AND org_id = ?", id, orgID).Scan(dst...); err != nil {
		return nil, orNotFound(err, "file not found")
	}
	return a, nil
}

// Attachments lists an agreement's files without their content.
func (s *Store) Attachments(ctx context.Context, orgID, agreementID int64) ([]Attachment, error) {
	return s.AttachmentsPage(ctx, orgID, agreementID, Page{})
}

// AttachmentsPage lists a page of an agreement's files (by id), or all of
// them with the zero Page.
func (s *Store) AttachmentsPage(ctx context.Context, orgID, agreementID int64, p Page) ([]Attachment, error) {
	q, args := p.keyset("SELECT id, agreement_id, name, content_type, size, sha256, created_at FROM attachments WHERE org_id = ? AND agreement_id = ?", []any{orgID, agreementID}, "id", false, "id")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		a := Attachment{OrgID: orgID}
		if err := rows.Scan(&a.ID, &a.AgreementID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.CreatedAt); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}

// AttachToAgreement gives a file uploaded for analysis (not yet with an
// agreement) to an agreement of the same organisation.
func (tx *Tx) AttachToAgreement(ctx context.Context, orgID, attachmentID, agreementID int64) error {
	res, err := tx.exec(ctx, `UPDATE attachments SET agreement_id = ? WHERE id = ? AND org_id = ? AND agreement_id IS NULL
		AND EXISTS (SELECT 1 FROM agreements WHERE id = ? AND org_id = ?)`, agreementID, attachmentID, orgID, agreementID, orgID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.NotFoundf("file not found")
	}
	return tx.Audit(ctx, orgID, audit.Update, "attachment", attachmentID, map[string]any{"agreement_id": nil}, map[string]any{"agreement_id": agreementID})
}

// DeleteUnattached removes files uploaded for analysis that never became
// part of an agreement and are older than before, so abandoned uploads do
// not pile up. Each removal is audited.
func (tx *Tx) DeleteUnattached(ctx context.Context, orgID int64, before time.Time) error {
	rows, err := tx.query(ctx, "SELECT id, name, size, sha256 FROM attachments WHERE org_id = ? AND agreement_id IS NULL AND created_at < ?", orgID, before.UTC())
	if err != nil {
		return err
	}
	var old []Attachment
	for rows.Next() {
		a := Attachment{OrgID: orgID}
		if err := rows.Scan(&a.ID, &a.Name, &a.Size, &a.SHA256); err != nil {
			rows.Close()
			return mapErr(err)
		}
		old = append(old, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	for i := range old {
		if _, err := tx.exec(ctx, "DELETE FROM attachments WHERE id = ? AND org_id = ?", old[i].ID, orgID); err != nil {
			return err
		}
		if err := tx.Audit(ctx, orgID, audit.Delete, "attachment", old[i].ID, &old[i], nil); err != nil {
			return err
		}
	}
	return nil
}
