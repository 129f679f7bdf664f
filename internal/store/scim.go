package store

import (
	"context"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
)

// SCIMToken is an organisation's provisioning token: what its identity
// provider (Entra ID, Okta) presents to /scim/v2/. It acts for the
// organisation, not for a person.
type SCIMToken struct {
	ID         int64      `json:"id"`
	OrgID      int64      `json:"org_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// CreateSCIMToken makes a provisioning token and returns it in clear once;
// only its hash is kept.
func (tx *Tx) CreateSCIMToken(ctx context.Context, orgID int64, name string) (string, *SCIMToken, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil, apperr.Invalidf("name", "is required")
	}
	if e := checkTextField("name", name); e != nil {
		return "", nil, e
	}
	token := auth.NewToken("scim_")
	t := &SCIMToken{OrgID: orgID, Name: name, Prefix: token[:11], CreatedAt: tx.s.now()}
	id, err := tx.insert(ctx, "INSERT INTO scim_tokens (org_id, name, token_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)",
		orgID, name, auth.HashToken(token), t.Prefix, t.CreatedAt)
	if err != nil {
		return "", nil, err
	}
	t.ID = id
	return token, t, tx.Audit(ctx, orgID, audit.Create, "scim_token", id, nil, t)
}

// SCIMTokens lists an organisation's provisioning tokens, newest first.
func (s *Store) SCIMTokens(ctx context.Context, orgID int64) ([]SCIMToken, error) {
	rows, err := s.query(ctx, "SELECT id, org_id, name, prefix, created_at, last_used_at, revoked_at FROM scim_tokens WHERE org_id = ? ORDER BY id DESC", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SCIMToken
	for rows.Next() {
		var t SCIMToken
		if err := rows.Scan(&t.ID, &t.OrgID, &t.Name, &t.Prefix, &t.CreatedAt, &t.LastUsedAt, &t.RevokedAt); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, t)
	}
	return out, mapErr(rows.Err())
}

// RevokeSCIMToken ends a provisioning token of the organisation.
func (tx *Tx) RevokeSCIMToken(ctx context.Context, orgID, tokenID int64) error {
	return tx.revoke(ctx, orgID, "scim_tokens", "scim_token", tokenID, apperr.NotFoundf("token not found"))
}

// AuthenticateSCIMToken returns the organisation a live provisioning token
// belongs to.
func (s *Store) AuthenticateSCIMToken(ctx context.Context, token string) (orgID int64, err error) {
	var id int64
	if err := s.queryRow(ctx, "SELECT id, org_id FROM scim_tokens WHERE token_hash = ? AND revoked_at IS NULL", auth.HashToken(token)).Scan(&id, &orgID); err != nil {
		return 0, apperr.New(apperr.Unauthorized, "invalid or revoked SCIM token")
	}
	_, _ = s.exec(ctx, "UPDATE scim_tokens SET last_used_at = ? WHERE id = ?", s.now(), id)
	return orgID, nil
}

// SCIMUser is a member of an organisation as its identity provider sees
// it. UserName and ExternalID are the provider's keys; for a member added
// by hand UserName is the e-mail address.
type SCIMUser struct {
	UserID     int64     `json:"user_id"`
	Email      string    `json:"email"`
	Name       string    `json:"name"`
	UserName   string    `json:"user_name"`
	ExternalID string    `json:"external_id,omitempty"`
	GivenName  string    `json:"given_name,omitempty"`
	FamilyName string    `json:"family_name,omitempty"`
	Role       org.Role  `json:"role"`
	Active     bool      `json:"active"`
	Created    time.Time `json:"-"`
	Updated    time.Time `json:"-"`
}

// SCIMCond is one condition of a user query: Attr equals Value. Attr is
// "userName", "externalId" or "email" (userName and email ignore case, as
// SCIM's caseExact false asks).
type SCIMCond struct{ Attr, Value string }

const scimUserSelect = `SELECT m.user_id, u.email, u.name, COALESCE(su.user_name, u.email), COALESCE(su.external_id, ''),
	COALESCE(su.given_name, ''), COALESCE(su.family_name, ''), m.role, m.deactivated_at IS NULL, m.created_at, u.updated_at
	FROM memberships m JOIN users u ON u.id = m.user_id
	LEFT JOIN scim_users su ON su.org_id = m.org_id AND su.user_id = m.user_id
	WHERE m.org_id = ?`

func scanSCIMUser(row interface{ Scan(...any) error }) (*SCIMUser, error) {
	var u SCIMUser
	if err := row.Scan(&u.UserID, &u.Email, &u.Name, &u.UserName, &u.ExternalID, &u.GivenName, &u.FamilyName, &u.Role, &u.Active, &u.Created, &u.Updated); err != nil {
		return nil, mapErr(err)
	}
	u.Created, u.Updated = u.Created.UTC(), u.Updated.UTC()
	if u.Updated.Before(u.Created) {
		u.Updated = u.Created
	}
	return &u, nil
}

// scimWhere turns conditions into SQL after scimUserSelect.
func scimWhere(conds []SCIMCond) (string, []any, error) {
	var b strings.Builder
	var args []any
	for _, c := range conds {
		switch c.Attr {
		case "userName":
			b.WriteString(" AND LOWER(COALESCE(su.user_name, u.email)) = LOWER(?)")
		case "externalId":
			b.WriteString(" AND su.external_id = ?")
		case "email":
			b.WriteString(" AND u.email = LOWER(?)")
		case "role":
			b.WriteString(" AND m.role = ?")
		default:
			return "", nil, apperr.Invalidf("filter", "cannot filter on %s", c.Attr)
		}
		args = append(args, c.Value)
	}
	return b.String(), args, nil
}

// SCIMUsers lists the organisation's members matching every condition,
// offset and limit applied, with the total number that match.
func (s *Store) SCIMUsers(ctx context.Context, orgID int64, conds []SCIMCond, offset, limit int) ([]SCIMUser, int, error) {
	where, args, err := scimWhere(conds)
	if err != nil {
		return nil, 0, err
	}
	args = append([]any{orgID}, args...)
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id
		LEFT JOIN scim_users su ON su.org_id = m.org_id AND su.user_id = m.user_id WHERE m.org_id = ?`+where, args...).Scan(&total); err != nil {
		return nil, 0, mapErr(err)
	}
	rows, err := s.query(ctx, scimUserSelect+where+" ORDER BY m.user_id LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []SCIMUser
	for rows.Next() {
		u, err := scanSCIMUser(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, *u)
	}
	return out, total, mapErr(rows.Err())
}

// SCIMUser returns one member of the organisation; anyone else is not
// found.
func (s *Store) SCIMUser(ctx context.Context, orgID, userID int64) (*SCIMUser, error) {
	u, err := scanSCIMUser(s.queryRow(ctx, scimUserSelect+" AND m.user_id = ?", orgID, userID))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("user not found")
	}
	return u, err
}

// SCIMUser is Store.SCIMUser inside a transaction, the row locked for the change.
func (tx *Tx) SCIMUser(ctx context.Context, orgID, userID int64) (*SCIMUser, error) {
	// The membership row is locked on its own: PostgreSQL cannot lock the
	// nullable side of the outer join below.
	var one int
	err := tx.queryRow(ctx, "SELECT 1 FROM memberships WHERE org_id = ? AND user_id = ?"+tx.d.ForUpdate(), orgID, userID).Scan(&one)
	if err == nil {
		var u *SCIMUser
		u, err = scanSCIMUser(tx.queryRow(ctx, scimUserSelect+" AND m.user_id = ?", orgID, userID))
		if err == nil {
			return u, nil
		}
	}
	err = mapErr(err)
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("user not found")
	}
	return nil, err
}

// validate checks and normalises what a provider sends.
func (u *SCIMUser) validate() error {
	var errs apperr.List
	u.UserName = strings.TrimSpace(u.UserName)
	u.ExternalID = strings.TrimSpace(u.ExternalID)
	u.GivenName, u.FamilyName = strings.TrimSpace(u.GivenName), strings.TrimSpace(u.FamilyName)
	u.Name = strings.TrimSpace(u.Name)
	if u.Name == "" {
		u.Name = strings.TrimSpace(u.GivenName + " " + u.FamilyName)
	}
	if u.UserName == "" {
		errs = append(errs, apperr.Invalidf("userName", "is required"))
	} else if e := checkTextField("userName", u.UserName); e != nil {
		errs = append(errs, e)
	}
	if u.Email == "" && strings.Contains(u.UserName, "@") {
		u.Email = u.UserName
	}
	if email, err := auth.NormaliseEmail("emails", u.Email); err != nil {
		errs = append(errs, apperr.Invalidf("emails", "is not an e-mail address"))
	} else {
		u.Email = email
	}
	for f, v := range map[string]string{"externalId": u.ExternalID, "name.givenName": u.GivenName, "name.familyName": u.FamilyName, "displayName": u.Name} {
		if e := checkTextField(f, v); e != nil {
			errs = append(errs, e)
		}
	}
	return errs.Err()
}

// scimTaken refuses a userName or externalId another member of the
// organisation already has.
func (tx *Tx) scimTaken(ctx context.Context, orgID, userID int64, u *SCIMUser) error {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id
		LEFT JOIN scim_users su ON su.org_id = m.org_id AND su.user_id = m.user_id
		WHERE m.org_id = ? AND m.user_id <> ? AND (LOWER(COALESCE(su.user_name, u.email)) = LOWER(?) OR u.email = ?)`,
		orgID, userID, u.UserName, u.Email).Scan(&n); err != nil {
		return mapErr(err)
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, "a member with this userName or e-mail address already exists")
	}
	if u.ExternalID != "" {
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM scim_users WHERE org_id = ? AND user_id <> ? AND external_id = ?", orgID, userID, u.ExternalID).Scan(&n); err != nil {
			return mapErr(err)
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "a member with this externalId already exists")
		}
	}
	return nil
}

// ProvisionUser adds a member for the organisation's identity provider:
// the person's account is created when the e-mail address is new (without
// a password: they sign in by single sign-on, or set one by reset), or
// linked when it exists (a consultant in several organisations). A new
// member gets role; an inactive one starts deactivated.
func (tx *Tx) ProvisionUser(ctx context.Context, orgID int64, in *SCIMUser, role org.Role) (*SCIMUser, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	if err := tx.scimTaken(ctx, orgID, 0, in); err != nil {
		return nil, err
	}
	u := &auth.User{Email: in.Email, Name: in.Name}
	existing, err := tx.userByEmail(ctx, in.Email)
	switch {
	case err == nil:
		u = existing
	case apperr.Is(err, apperr.NotFound):
		now := tx.s.now()
		u.Lang, u.CreatedAt, u.UpdatedAt = "nl", now, now
		u.ID, err = tx.insert(ctx, `INSERT INTO users (email, name, password_hash, lang, must_change_password, created_at, updated_at)
			VALUES (?, ?, '', ?, ?, ?, ?)`, u.Email, u.Name, u.Lang, false, now, now)
		if err != nil {
			return nil, err
		}
		if err := tx.Audit(ctx, orgID, audit.Create, "user", u.ID, nil, u); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	var deactivated *time.Time
	if !in.Active {
		now := tx.s.now()
		deactivated = &now
	}
	if _, err := tx.exec(ctx, "INSERT INTO memberships (org_id, user_id, role, created_at, deactivated_at) VALUES (?, ?, ?, ?, ?)",
		orgID, u.ID, role, tx.s.now(), deactivated); err != nil {
		return nil, err
	}
	if err := tx.saveSCIM(ctx, orgID, u.ID, in, false); err != nil {
		return nil, err
	}
	out, err := tx.SCIMUser(ctx, orgID, u.ID)
	if err != nil {
		return nil, err
	}
	return out, tx.Audit(ctx, orgID, audit.Create, "membership", u.ID, nil, out)
}

func (tx *Tx) saveSCIM(ctx context.Context, orgID, userID int64, u *SCIMUser, update bool) error {
	var ext any
	if u.ExternalID != "" {
		ext = u.ExternalID
	}
	if update {
		res, err := tx.exec(ctx, "UPDATE scim_users SET user_name = ?, external_id = ?, given_name = ?, family_name = ? WHERE org_id = ? AND user_id = ?",
			u.UserName, ext, u.GivenName, u.FamilyName, orgID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
	}
	_, err := tx.exec(ctx, "INSERT INTO scim_users (org_id, user_id, user_name, external_id, given_name, family_name) VALUES (?, ?, ?, ?, ?, ?)",
		orgID, userID, u.UserName, ext, u.GivenName, u.FamilyName)
	return err
}

// UpdateSCIMUser replaces a member's provisioned attributes with in (a PUT,
// or a PATCH applied to the current state). The e-mail address and name
// belong to the person, not to the membership: they change only when the
// person belongs to no other organisation, so one organisation's provider
// cannot rename or re-address an account another organisation relies on.
// Deactivating or reactivating goes through SetMemberActive.
func (tx *Tx) UpdateSCIMUser(ctx context.Context, orgID, userID int64, in *SCIMUser) (*SCIMUser, error) {
	before, err := tx.SCIMUser(ctx, orgID, userID)
	if err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if err := tx.scimTaken(ctx, orgID, userID, in); err != nil {
		return nil, err
	}
	if in.Email != before.Email || in.Name != before.Name {
		var others int
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM memberships WHERE user_id = ? AND org_id <> ?", userID, orgID).Scan(&others); err != nil {
			return nil, mapErr(err)
		}
		if others > 0 {
			return nil, apperr.Invalidf("emails", "this person also belongs to another organisation; their e-mail address and name cannot be changed from here")
		}
		var taken int
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM users WHERE email = ? AND id <> ?", in.Email, userID).Scan(&taken); err != nil {
			return nil, mapErr(err)
		}
		if taken > 0 {
			return nil, apperr.New(apperr.Conflict, "another account has this e-mail address")
		}
		if _, err := tx.exec(ctx, "UPDATE users SET email = ?, name = ?, updated_at = ? WHERE id = ?", in.Email, in.Name, tx.s.now(), userID); err != nil {
			return nil, err
		}
	}
	if err := tx.saveSCIM(ctx, orgID, userID, in, true); err != nil {
		return nil, err
	}
	if in.Active != before.Active {
		if err := tx.setActive(ctx, orgID, userID, before.Role, in.Active); err != nil {
			return nil, err
		}
	}
	after, err := tx.SCIMUser(ctx, orgID, userID)
	if err != nil {
		return nil, err
	}
	return after, tx.Audit(ctx, orgID, audit.Update, "membership", userID, before, after)
}

// setActive deactivates or reactivates a membership. Deactivation ends at
// once what lets the person in: the organisation's API tokens of the member
// (each revocation audited) and, when no other organisation keeps them
// active, every browser session (sessions are not per organisation; a
// member still active elsewhere keeps signing in there, and loses this
// organisation at the next request since access is checked on every one).
// Reactivation restores access, not the revoked tokens. The last active
// beheerder cannot be deactivated.
func (tx *Tx) setActive(ctx context.Context, orgID, userID int64, role org.Role, active bool) error {
	if active {
		_, err := tx.exec(ctx, "UPDATE memberships SET deactivated_at = NULL WHERE org_id = ? AND user_id = ?", orgID, userID)
		return err
	}
	if role == org.Admin {
		if err := tx.keepOneAdmin(ctx, orgID, userID); err != nil {
			return err
		}
	}
	now := tx.s.now()
	if _, err := tx.exec(ctx, "UPDATE memberships SET deactivated_at = ? WHERE org_id = ? AND user_id = ?", now, orgID, userID); err != nil {
		return err
	}
	return tx.endAccess(ctx, orgID, userID)
}

// endAccess revokes the member's API tokens in the organisation and, when
// the person has no other active membership, signs them out everywhere.
func (tx *Tx) endAccess(ctx context.Context, orgID, userID int64) error {
	ids, err := scanIDs(tx.query(ctx, "SELECT id FROM api_tokens WHERE org_id = ? AND user_id = ? AND revoked_at IS NULL ORDER BY id", orgID, userID))
	if err != nil {
		return err
	}
	now := tx.s.now()
	for _, id := range ids {
		if _, err := tx.exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND org_id = ?", now, id, orgID); err != nil {
			return err
		}
		if err := tx.Audit(ctx, orgID, audit.Update, "api_token", id, map[string]any{"revoked_at": nil}, map[string]any{"revoked_at": now}); err != nil {
			return err
		}
	}
	var active int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM memberships WHERE user_id = ? AND org_id <> ? AND deactivated_at IS NULL", userID, orgID).Scan(&active); err != nil {
		return mapErr(err)
	}
	if active == 0 {
		return tx.DeleteUserSessions(ctx, userID, "")
	}
	return nil
}

// DeprovisionUser removes a member for the identity provider (SCIM DELETE):
// the membership and its provisioned attributes go, the member's tokens in
// the organisation are revoked and, without another active membership,
// their sessions end. The account itself remains, for the audit trail and
// other organisations.
func (tx *Tx) DeprovisionUser(ctx context.Context, orgID, userID int64) error {
	if err := tx.endAccess(ctx, orgID, userID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM scim_users WHERE org_id = ? AND user_id = ?", orgID, userID); err != nil {
		return err
	}
	return tx.RemoveMember(ctx, orgID, userID)
}

// SignInBlocked reports whether every membership of the user has been
// deactivated: such a person may not sign in. A user without any
// membership (new, or between invitations) is not blocked here.
func (s *Store) SignInBlocked(ctx context.Context, userID int64) (bool, error) {
	var all, active int
	err := s.queryRow(ctx, "SELECT COUNT(*), COUNT(*) - COUNT(deactivated_at) FROM memberships WHERE user_id = ?", userID).Scan(&all, &active)
	return all > 0 && active == 0, mapErr(err)
}

// RoleMembers lists the ids of the organisation's members with role, as
// the transaction sees them.
func (tx *Tx) RoleMembers(ctx context.Context, orgID int64, role org.Role) ([]int64, error) {
	return scanIDs(tx.query(ctx, "SELECT user_id FROM memberships WHERE org_id = ? AND role = ? ORDER BY user_id", orgID, role))
}
