package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"strconv"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/profile"
)

// EntityProfileVersion is the audit trail's name for a published version.
const EntityProfileVersion = "profile_version"

// profileKeyContext binds a sealed signing key to its organisation.
func profileKeyContext(orgID int64) string { return "profile:org:" + strconv.FormatInt(orgID, 10) }

// PublishProfile publishes a new version of the organisation's profile:
// checked, numbered after the last, audited, and delivered in the same
// transaction to every customer linked on this installation (notices,
// mail), so a version is never published without its notices. The first
// version also makes the organisation's signing key.
func (tx *Tx) PublishProfile(ctx context.Context, orgID int64, p profile.Profile, note, by string) (*profile.Version, error) {
	if err := profile.Prepare(&p, note); err != nil {
		return nil, err
	}
	if err := tx.ensureProfileKey(ctx, orgID); err != nil {
		return nil, err
	}
	var last int
	if err := tx.queryRow(ctx, "SELECT COALESCE(MAX(number), 0) FROM profile_versions WHERE org_id = ?", orgID).Scan(&last); err != nil {
		return nil, mapErr(err)
	}
	v := &profile.Version{Number: last + 1, PublishedAt: tx.s.now(), PublishedBy: by, ChangeNote: note, Profile: p}
	data, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	id, err := tx.insert(ctx, "INSERT INTO profile_versions (org_id, number, data, change_note, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?)",
		orgID, v.Number, string(data), note, v.PublishedAt, by)
	if err != nil {
		return nil, err
	}
	if err := tx.Audit(ctx, orgID, audit.Create, EntityProfileVersion, id, nil, v); err != nil {
		return nil, err
	}
	links, err := tx.linksOfProcessor(ctx, orgID)
	if err != nil {
		return nil, err
	}
	for i := range links {
		if links[i].Status != LinkActive {
			continue
		}
		if err := tx.ApplyProfileVersion(ctx, &links[i], *v); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// ensureProfileKey makes the signing key once and locks the processor's
// profile row until the commit: publishing (the next number, the links to
// deliver to) and linking (the version a new link starts from) take the
// same lock, so a version published while a customer links reaches that
// customer, and two versions never get one number.
func (tx *Tx) ensureProfileKey(ctx context.Context, orgID int64) error {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	sealed := tx.s.sealer.Seal(base64.RawURLEncoding.EncodeToString(priv.Seed()), profileKeyContext(orgID))
	if _, err = tx.exec(ctx, "INSERT INTO processor_profiles (org_id, signing_key, public_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (org_id) DO NOTHING",
		orgID, sealed, base64.RawURLEncoding.EncodeToString(pub), tx.s.now()); err != nil {
		return err
	}
	return tx.lockProfile(ctx, orgID)
}

// lockProfile locks the processor's profile row (NotFound: none).
func (tx *Tx) lockProfile(ctx context.Context, orgID int64) error {
	var id int64
	err := tx.queryRow(ctx, "SELECT org_id FROM processor_profiles WHERE org_id = ?"+tx.d.ForUpdate(), orgID).Scan(&id)
	return orNotFound(err, "this organisation has not published a profile")
}

// ProfileVersions lists the organisation's published versions, oldest
// first; none when it never published.
func (s *Store) ProfileVersions(ctx context.Context, orgID int64) ([]profile.Version, error) {
	return s.ProfileVersionsPage(ctx, orgID, Page{})
}

// ProfileVersionsPage lists a page of the versions by number (the key of
// Page.After), or all with the zero Page.
func (s *Store) ProfileVersionsPage(ctx context.Context, orgID int64, p Page) ([]profile.Version, error) {
	q, args := p.keyset("SELECT number, data, change_note, published_at, published_by FROM profile_versions WHERE org_id = ?", []any{orgID}, "number", false, "number")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []profile.Version
	for rows.Next() {
		var v profile.Version
		var data string
		if err := rows.Scan(&v.Number, &data, &v.ChangeNote, &v.PublishedAt, &v.PublishedBy); err != nil {
			return nil, mapErr(err)
		}
		if err := json.Unmarshal([]byte(data), &v.Profile); err != nil {
			return nil, err
		}
		v.PublishedAt = v.PublishedAt.UTC()
		out = append(out, v)
	}
	return out, mapErr(rows.Err())
}

// LatestProfile is the newest version; NotFound when none was published.
func (s *Store) LatestProfile(ctx context.Context, orgID int64) (*profile.Version, error) {
	return scanLatestProfile(s.queryRow(ctx, latestProfileQuery, orgID))
}

func (tx *Tx) latestProfile(ctx context.Context, orgID int64) (*profile.Version, error) {
	return scanLatestProfile(tx.queryRow(ctx, latestProfileQuery, orgID))
}

const latestProfileQuery = "SELECT number, data, change_note, published_at, published_by FROM profile_versions WHERE org_id = ? ORDER BY number DESC LIMIT 1"

func scanLatestProfile(row *sql.Row) (*profile.Version, error) {
	var v profile.Version
	var data string
	if err := row.Scan(&v.Number, &data, &v.ChangeNote, &v.PublishedAt, &v.PublishedBy); err != nil {
		return nil, orNotFound(err, "this organisation has not published a profile")
	}
	v.PublishedAt = v.PublishedAt.UTC()
	return &v, json.Unmarshal([]byte(data), &v.Profile)
}

// ProfileDocument is the signed document of the newest version (see
// profile.Sign), and its public key; NotFound when none was published.
func (s *Store) ProfileDocument(ctx context.Context, orgID int64) ([]byte, error) {
	vs, err := s.ProfileVersions(ctx, orgID)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, apperr.NotFoundf("this organisation has not published a profile")
	}
	var sealed string
	if err := s.queryRow(ctx, "SELECT signing_key FROM processor_profiles WHERE org_id = ?", orgID).Scan(&sealed); err != nil {
		return nil, orNotFound(err, "this organisation has no signing key")
	}
	seed, err := s.sealer.Open(sealed, profileKeyContext(orgID))
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "the profile's signing key cannot be read")
	}
	raw, err := base64.RawURLEncoding.DecodeString(seed)
	if err != nil || len(raw) != ed25519.SeedSize {
		return nil, apperr.New(apperr.Invalid, "the profile's signing key is damaged")
	}
	return profile.Sign(profile.NewDocument(vs), ed25519.NewKeyFromSeed(raw))
}

// ProfilePublicKey is the organisation's public key (base64url), for its
// page to show with the fingerprint customers compare.
func (s *Store) ProfilePublicKey(ctx context.Context, orgID int64) (string, error) {
	var k string
	err := s.queryRow(ctx, "SELECT public_key FROM processor_profiles WHERE org_id = ?", orgID).Scan(&k)
	return k, orNotFound(err, "this organisation has not published a profile")
}

// PublishedProfile is a processor on this installation that published a
// profile, as a customer may link to it.
type PublishedProfile struct {
	OrgID   int64
	Short   string
	OrgName string
	Latest  profile.Version
}

// PublishedProfiles lists the processors on this installation with a
// published profile, by name. What it shows is what they publish to the
// world anyway.
func (s *Store) PublishedProfiles(ctx context.Context) ([]PublishedProfile, error) {
	return s.PublishedProfilesPage(ctx, Page{})
}

// PublishedProfilesPage lists a page of them by organisation id, or all by
// name with the zero Page, each with its newest version, in one query.
func (s *Store) PublishedProfilesPage(ctx context.Context, p Page) ([]PublishedProfile, error) {
	q, args := p.keyset(`SELECT o.id, o.short, o.name, v.number, v.data, v.change_note, v.published_at, v.published_by
		FROM orgs o JOIN profile_versions v ON v.org_id = o.id
		WHERE v.number = (SELECT MAX(w.number) FROM profile_versions w WHERE w.org_id = o.id)`, nil, "o.id", false, "o.name")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PublishedProfile
	for rows.Next() {
		var p PublishedProfile
		var data string
		v := &p.Latest
		if err := rows.Scan(&p.OrgID, &p.Short, &p.OrgName, &v.Number, &data, &v.ChangeNote, &v.PublishedAt, &v.PublishedBy); err != nil {
			return nil, mapErr(err)
		}
		if err := json.Unmarshal([]byte(data), &v.Profile); err != nil {
			return nil, err
		}
		v.PublishedAt = v.PublishedAt.UTC()
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}
