package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/profile"
)

// EntityProfileLink is the audit trail's name for a link between an
// agreement and a processor's profile.
const EntityProfileLink = "profile_link"

// Link states: an active link turns each new version into notices; a
// blocked one (another installation's key changed, or a document did not
// verify) holds the update until the privacy officer decides.
const (
	LinkActive  = "linked"
	LinkBlocked = "blocked"
)

// ProfileLink ties a customer's agreement to a processor's profile: on
// this installation (ProcessorOrgID) or another (URL).
type ProfileLink struct {
	ID                   int64      `json:"id"`
	OrgID                int64      `json:"org_id"` // the customer
	AgreementID          int64      `json:"agreement_id"`
	ProcessorOrgID       *int64     `json:"processor_org_id"`
	ProcessorAgreementID *int64     `json:"processor_agreement_id"` // the processor's own agreement with this customer
	URL                  string     `json:"url"`
	Status               string     `json:"status"`
	PinnedKey            string     `json:"pinned_key"`
	SeenVersion          int        `json:"seen_version"`
	SeenData             string     `json:"-"` // the profile of SeenVersion, to tell what the next one changed
	ETag                 string     `json:"etag"`
	CheckedAt            *time.Time `json:"checked_at"`
	Problem              string     `json:"problem"`
	Held                 string     `json:"-"` // a fetched document waiting for the privacy officer
	CreatedAt            time.Time  `json:"created_at"`
	UpdatedAt            time.Time  `json:"updated_at"`
	ProcessorName        string     `json:"processor_name"` // read only
}

const linkCols = "l.id, l.org_id, l.agreement_id, l.processor_org_id, l.processor_agreement_id, l.url, l.status, l.pinned_key, l.seen_version, l.seen_data, l.etag, l.checked_at, l.problem, l.held, l.created_at, l.updated_at, COALESCE(p.name, '')"

const linkFrom = " FROM profile_links l LEFT JOIN orgs p ON p.id = l.processor_org_id"

func scanLink(row interface{ Scan(...any) error }) (*ProfileLink, error) {
	var l ProfileLink
	if err := row.Scan(&l.ID, &l.OrgID, &l.AgreementID, &l.ProcessorOrgID, &l.ProcessorAgreementID, &l.URL, &l.Status, &l.PinnedKey, &l.SeenVersion,
		&l.SeenData, &l.ETag, &l.CheckedAt, &l.Problem, &l.Held, &l.CreatedAt, &l.UpdatedAt, &l.ProcessorName); err != nil {
		return nil, err
	}
	l.CreatedAt, l.UpdatedAt = l.CreatedAt.UTC(), l.UpdatedAt.UTC()
	if l.ProcessorName == "" && l.SeenData != "" {
		var p profile.Profile
		if json.Unmarshal([]byte(l.SeenData), &p) == nil {
			l.ProcessorName = p.Name
		}
	}
	return &l, nil
}

func scanLinks(rows *sql.Rows, err error) ([]ProfileLink, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProfileLink
	for rows.Next() {
		l, err := scanLink(rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, *l)
	}
	return out, mapErr(rows.Err())
}

// ProfileLinks lists the customer's links, by id.
func (s *Store) ProfileLinks(ctx context.Context, orgID int64) ([]ProfileLink, error) {
	return s.ProfileLinksPage(ctx, orgID, Page{})
}

// ProfileLinksPage lists a page of the customer's links by id.
func (s *Store) ProfileLinksPage(ctx context.Context, orgID int64, p Page) ([]ProfileLink, error) {
	q, args := p.keyset("SELECT "+linkCols+linkFrom+" WHERE l.org_id = ?", []any{orgID}, "l.id", false, "l.id")
	return scanLinks(s.query(ctx, q, args...))
}

// ProfileLink returns one of the customer's links.
func (s *Store) ProfileLink(ctx context.Context, orgID, id int64) (*ProfileLink, error) {
	l, err := scanLink(s.queryRow(ctx, "SELECT "+linkCols+linkFrom+" WHERE l.id = ? AND l.org_id = ?", id, orgID))
	return l, orNotFound(err, "link not found")
}

// ProfileLinkOfAgreement returns the link of one agreement, if any.
func (s *Store) ProfileLinkOfAgreement(ctx context.Context, orgID, agreementID int64) (*ProfileLink, error) {
	l, err := scanLink(s.queryRow(ctx, "SELECT "+linkCols+linkFrom+" WHERE l.org_id = ? AND l.agreement_id = ?", orgID, agreementID))
	return l, orNotFound(err, "this agreement follows no profile")
}

func (tx *Tx) link(ctx context.Context, orgID, id int64) (*ProfileLink, error) {
	l, err := scanLink(tx.queryRow(ctx, "SELECT "+linkCols+linkFrom+" WHERE l.id = ? AND l.org_id = ?", id, orgID))
	return l, orNotFound(err, "link not found")
}

// linksOfProcessor lists the links to a processor on this installation.
func (tx *Tx) linksOfProcessor(ctx context.Context, processorOrgID int64) ([]ProfileLink, error) {
	return scanLinks(tx.query(ctx, "SELECT "+linkCols+linkFrom+" WHERE l.processor_org_id = ? ORDER BY l.org_id, l.id", processorOrgID))
}

// LinkLocalProfile links the customer's agreement to the profile of a
// processor on this installation, as the privacy officer confirmed it:
// the agreement's sub-processors and the party's certificates become the
// profile's, and every later version becomes notices. The processor's own
// agreement with this customer is found by chamber of commerce number or
// name, so its breach cases and data requests reach the customer.
func (tx *Tx) LinkLocalProfile(ctx context.Context, orgID, agreementID, processorOrgID int64) (*ProfileLink, error) {
	if err := tx.checkFollower(ctx, orgID, agreementID); err != nil {
		return nil, err
	}
	if processorOrgID == orgID {
		return nil, apperr.Invalidf("processor", "An organisation cannot follow its own profile.")
	}
	err := tx.lockProfile(ctx, processorOrgID)
	var v *profile.Version
	if err == nil {
		v, err = tx.latestProfile(ctx, processorOrgID)
	}
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.Invalidf("processor", "This processor has not published a profile.")
	} else if err != nil {
		return nil, err
	}
	pa, err := tx.matchProcessorAgreement(ctx, orgID, processorOrgID)
	if err != nil {
		return nil, err
	}
	l := &ProfileLink{OrgID: orgID, AgreementID: agreementID, ProcessorOrgID: &processorOrgID, ProcessorAgreementID: pa, Status: LinkActive}
	return l, tx.insertLink(ctx, l, *v)
}

// LinkRemoteProfile links the agreement to a profile served by another
// installation, with the key of the verified document pinned.
func (tx *Tx) LinkRemoteProfile(ctx context.Context, orgID, agreementID int64, url string, got *profile.Verified, etag string) (*ProfileLink, error) {
	if err := tx.checkFollower(ctx, orgID, agreementID); err != nil {
		return nil, err
	}
	now := tx.s.now()
	l := &ProfileLink{OrgID: orgID, AgreementID: agreementID, URL: url, Status: LinkActive, PinnedKey: got.PublicKey, ETag: etag, CheckedAt: &now}
	return l, tx.insertLink(ctx, l, got.Document.Newest())
}

// checkFollower accepts an agreement of the organisation with a processor
// of its own: only such an agreement follows a processor's profile.
func (tx *Tx) checkFollower(ctx context.Context, orgID, agreementID int64) error {
	a, err := tx.agreement(ctx, orgID, agreementID)
	if err != nil {
		return err
	}
	if a.OurRole != agreement.RoleController {
		return apperr.Invalidf("agreement_id", "Only an agreement with a processor of yours can follow its profile.")
	}
	return nil
}

func (tx *Tx) insertLink(ctx context.Context, l *ProfileLink, v profile.Version) error {
	var n int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM profile_links WHERE org_id = ? AND agreement_id = ?", l.OrgID, l.AgreementID).Scan(&n); err != nil {
		return mapErr(err)
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, "This agreement already follows a profile; unlink it first.")
	}
	now := tx.s.now()
	l.CreatedAt, l.UpdatedAt = now, now
	id, err := tx.insert(ctx, `INSERT INTO profile_links (org_id, agreement_id, processor_org_id, processor_agreement_id, url, status, pinned_key, etag, checked_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.OrgID, l.AgreementID, l.ProcessorOrgID, l.ProcessorAgreementID, l.URL, l.Status, l.PinnedKey, l.ETag, l.CheckedAt, now, now)
	if err != nil {
		return err
	}
	l.ID = id
	if err := tx.Audit(ctx, l.OrgID, audit.Create, EntityProfileLink, id, nil, l); err != nil {
		return err
	}
	return tx.ApplyProfileVersion(ctx, l, v)
}

// matchProcessorAgreement finds the processor's agreement with the
// customer: one in which the processor is the processor and whose party
// has the customer's chamber of commerce number or name. Nil when none or
// several match; the processor can still tell its customers apart by name.
func (tx *Tx) matchProcessorAgreement(ctx context.Context, customerID, processorOrgID int64) (*int64, error) {
	var name, kvk string
	if err := tx.queryRow(ctx, "SELECT name, kvk FROM orgs WHERE id = ?", customerID).Scan(&name, &kvk); err != nil {
		return nil, mapErr(err)
	}
	rows, err := tx.query(ctx, "SELECT "+agreementCols+" WHERE a.org_id = ? AND a.our_role = ? AND a.status <> ?", processorOrgID, agreement.RoleProcessor, agreement.StatusEnded)
	if err != nil {
		return nil, err
	}
	var found []int64
	for rows.Next() {
		a, err := scanAgreement(processorOrgID, rows)
		if err != nil {
			rows.Close()
			return nil, mapErr(err)
		}
		controller := ""
		if a.Terms.Parties.Controller != nil {
			controller = *a.Terms.Parties.Controller
		}
		if agreement.SameCompany(a.PartyName, name) || agreement.SameCompany(controller, name) {
			found = append(found, a.ID)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	if len(found) != 1 {
		return nil, nil
	}
	return &found[0], nil
}

// UnlinkProfile ends a link; its notices stay, as records of what was told.
func (tx *Tx) UnlinkProfile(ctx context.Context, orgID, id int64) error {
	l, err := tx.link(ctx, orgID, id)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM profile_links WHERE id = ? AND org_id = ?", id, orgID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, EntityProfileLink, id, l, nil)
}

// ApplyProfileVersion turns a version the link has not seen into what the
// customer must know: a notice per change to decide on (its deadline from
// the customer's own agreement), the removed sub-processors and the
// certificates taken over at once, and a mail to its privacy officers. A
// version seen already changes nothing, so a repeated poll is harmless.
// The first version a link sees becomes the agreement's list as it is.
func (tx *Tx) ApplyProfileVersion(ctx context.Context, l *ProfileLink, v profile.Version) error {
	if v.Number <= l.SeenVersion {
		return nil
	}
	var prev *profile.Profile
	if l.SeenData != "" {
		prev = &profile.Profile{}
		if err := json.Unmarshal([]byte(l.SeenData), prev); err != nil {
			return err
		}
	}
	// The agreement is locked before it is read: a version changes its
	// list, and an edit the customer saves meanwhile must not be lost.
	var locked int64
	if err := tx.queryRow(ctx, "SELECT id FROM agreements WHERE id = ? AND org_id = ?"+tx.d.ForUpdate(), l.AgreementID, l.OrgID).Scan(&locked); err != nil {
		return orNotFound(err, "agreement not found")
	}
	a, err := tx.agreement(ctx, l.OrgID, l.AgreementID)
	if err != nil {
		return err
	}
	now := tx.s.now()
	changes := profile.Changes(prev, v.Profile, now)
	var notices []agreement.Notice
	for _, c := range changes {
		if !c.NeedsDecision() {
			continue
		}
		n := agreement.Notice{OrgID: l.OrgID, AgreementID: l.AgreementID, LinkID: &l.ID, Processor: v.Profile.Name, ProfileVersion: v.Number,
			ChangeNote: v.ChangeNote, Kind: string(c.Kind), Subprocessor: c.Subprocessor, Country: c.Country, FromCountry: c.FromCountry,
			Service: c.Purpose, Safeguard: c.Safeguard, Certificate: c.Certificate, NoticeDate: now}
		if err := tx.CreateNotice(ctx, &n); err != nil {
			return err
		}
		notices = append(notices, n)
	}
	if followProfile(a, prev, v.Profile, changes) {
		if err := tx.UpdateAgreement(ctx, a); err != nil {
			return err
		}
	}
	if err := tx.followCertificates(ctx, a, v.Profile); err != nil {
		return err
	}
	data, err := json.Marshal(v.Profile)
	if err != nil {
		return err
	}
	before := *l
	l.SeenVersion, l.SeenData, l.UpdatedAt, l.Problem = v.Number, string(data), now, ""
	if _, err := tx.exec(ctx, "UPDATE profile_links SET seen_version = ?, seen_data = ?, problem = '', updated_at = ? WHERE id = ? AND org_id = ?",
		l.SeenVersion, l.SeenData, now, l.ID, l.OrgID); err != nil {
		return err
	}
	if err := tx.Audit(ctx, l.OrgID, audit.Update, EntityProfileLink, l.ID, before, l); err != nil {
		return err
	}
	return tx.mailNotices(ctx, l, a, v, notices)
}

// followProfile brings the agreement's list of sub-processors in line
// with the profile where no decision is needed: all of it on the first
// version, a removed sub-processor on a later one. Additions and moves
// wait for the customer's decision on their notice.
func followProfile(a *agreement.Agreement, prev *profile.Profile, p profile.Profile, changes []profile.Change) bool {
	if prev == nil {
		named := []agreement.Subprocessor{}
		for _, s := range p.Subprocessors {
			c := s.Country
			named = append(named, agreement.Subprocessor{Name: s.Name, Country: &c, Service: s.Purpose, Safeguard: s.Safeguard})
		}
		a.Terms.Subprocessors.Named = named
		a.Terms.Classify()
		return true
	}
	gone := map[string]bool{}
	for _, c := range changes {
		if c.Kind == profile.Removed {
			gone[strings.ToLower(c.Subprocessor)] = true
		}
	}
	if len(gone) == 0 {
		return false
	}
	var kept []agreement.Subprocessor
	for _, s := range a.Terms.Subprocessors.Named {
		if !gone[strings.ToLower(strings.TrimSpace(s.Name))] {
			kept = append(kept, s)
		}
	}
	changed := len(kept) != len(a.Terms.Subprocessors.Named)
	a.Terms.Subprocessors.Named = kept
	return changed
}

// followCertificates gives the agreement's party the profile's
// certificates: a certificate is the processor's fact, not a term agreed.
func (tx *Tx) followCertificates(ctx context.Context, a *agreement.Agreement, p profile.Profile) error {
	if a.PartyID == nil {
		return nil
	}
	party, err := tx.party(ctx, a.OrgID, *a.PartyID)
	if err != nil {
		return err
	}
	certs := []agreement.Certification{}
	for _, c := range p.Certificates {
		certs = append(certs, agreement.Certification{Name: c.Name, Issuer: c.Issuer, Expires: c.Expires})
	}
	party.Certifications = certs
	return tx.UpdateParty(ctx, party)
}
