package store

import (
	"context"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/profile"
)

// What a subscriber records of a profile served by another installation
// (issue 16, "across installations"). The fetching and the signature
// check are internal/subscription's; these methods only write what it
// decided, each change audited on the customer's trail.

// LockProfileLink reads one of the customer's links and holds its row
// until the transaction ends, so two processes polling the same link at
// once cannot both apply a version (on PostgreSQL; SQLite has one writer).
func (tx *Tx) LockProfileLink(ctx context.Context, orgID, id int64) (*ProfileLink, error) {
	var got int64
	if err := tx.queryRow(ctx, "SELECT id FROM profile_links WHERE id = ? AND org_id = ?"+tx.d.ForUpdate(), id, orgID).Scan(&got); err != nil {
		return nil, orNotFound(err, "link not found")
	}
	return tx.link(ctx, orgID, id)
}

// RecordCheck notes one poll: when, the ETag to send next time (empty
// keeps the one there) and what went wrong, if anything ("" clears it).
// A problem recorded here is passing (the network, the other server); the
// link stays as it is.
func (tx *Tx) RecordCheck(ctx context.Context, l *ProfileLink, etag, problem string) error {
	before := *l
	now := tx.s.now()
	if etag != "" {
		l.ETag = etag
	}
	l.CheckedAt, l.Problem, l.UpdatedAt = &now, problem, now
	if _, err := tx.exec(ctx, "UPDATE profile_links SET etag = ?, checked_at = ?, problem = ?, updated_at = ? WHERE id = ? AND org_id = ?",
		l.ETag, now, problem, now, l.ID, l.OrgID); err != nil {
		return err
	}
	// A poll that found nothing new is delivery, not administration: the
	// trail records what changed (a new document, a problem come or gone),
	// not every look, or a link would add four rows a day.
	if before.ETag == l.ETag && before.Problem == l.Problem {
		return nil
	}
	return tx.Audit(ctx, l.OrgID, audit.Update, EntityProfileLink, l.ID, before, l)
}

// BlockLink stops a link from following its profile: the document did not
// verify, or verified with another key than the one pinned. The document
// is kept (held) for the privacy officer to decide on; until then nothing
// of it is applied and the link is not polled automatically.
func (tx *Tx) BlockLink(ctx context.Context, l *ProfileLink, problem, held string) error {
	before := *l
	now := tx.s.now()
	l.Status, l.Problem, l.Held, l.CheckedAt, l.UpdatedAt = LinkBlocked, problem, held, &now, now
	if _, err := tx.exec(ctx, "UPDATE profile_links SET status = ?, problem = ?, held = ?, checked_at = ?, updated_at = ? WHERE id = ? AND org_id = ?",
		l.Status, problem, held, now, now, l.ID, l.OrgID); err != nil {
		return err
	}
	return tx.Audit(ctx, l.OrgID, audit.Update, EntityProfileLink, l.ID, before, l)
}

// TrustHeldKey pins the key of a verified document and applies it: the
// privacy officer accepted a new key, or the pinned key verifies again
// after a bad document. The link is active again, the held document and
// the problem cleared, and the ETag forgotten so the next poll fetches in
// full.
func (tx *Tx) TrustHeldKey(ctx context.Context, l *ProfileLink, v *profile.Verified) error {
	if l.URL == "" {
		return apperr.Invalidf("link", "This link follows a profile on this installation; it has no key to trust.")
	}
	before := *l
	now := tx.s.now()
	l.Status, l.PinnedKey, l.Held, l.Problem, l.ETag, l.CheckedAt, l.UpdatedAt = LinkActive, v.PublicKey, "", "", "", &now, now
	if _, err := tx.exec(ctx, "UPDATE profile_links SET status = ?, pinned_key = ?, held = '', problem = '', etag = '', checked_at = ?, updated_at = ? WHERE id = ? AND org_id = ?",
		l.Status, l.PinnedKey, now, now, l.ID, l.OrgID); err != nil {
		return err
	}
	if err := tx.Audit(ctx, l.OrgID, audit.Update, EntityProfileLink, l.ID, before, l); err != nil {
		return err
	}
	return tx.ApplyProfileVersion(ctx, l, v.Document.Newest())
}

// RemoteLinksDue lists the active links to other installations, of every
// organisation, not checked since before: the background poll's work
// list, and nothing else's (it crosses organisations). Blocked links wait
// for their privacy officer.
func (s *Store) RemoteLinksDue(ctx context.Context, before time.Time) ([]ProfileLink, error) {
	return scanLinks(s.query(ctx, "SELECT "+linkCols+linkFrom+" WHERE l.url <> '' AND l.status = ? AND (l.checked_at IS NULL OR l.checked_at < ?) ORDER BY l.checked_at, l.id",
		LinkActive, before.UTC()))
}
