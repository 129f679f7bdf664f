package store

import (
	"context"
	"fmt"
	"strconv"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
)

const userCols = "id, email, name, password_hash, lang, totp_secret, totp_enabled, must_change_password, disabled, created_at, updated_at"

func (s *Store) scanUser(row interface{ Scan(...any) error }) (*auth.User, error) {
	var u auth.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.Lang, &u.TOTPSecret, &u.TOTPEnabled, &u.MustChangePassword, &u.Disabled, &u.CreatedAt, &u.UpdatedAt)
	if err != nil {
		return nil, mapErr(err)
	}
	if u.TOTPSecret, err = s.sealer.Open(u.TOTPSecret, totpContext(u.ID)); err != nil {
		return nil, fmt.Errorf("user %d: TOTP secret: %w", u.ID, err)
	}
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	return &u, nil
}

// totpContext binds a sealed TOTP secret to its user's row.
func totpContext(userID int64) string { return "totp:user:" + strconv.FormatInt(userID, 10) }

// User returns a user by id. Users are global (one person, several
// organisations); organisation code reaches users only through Members.
func (s *Store) User(ctx context.Context, id int64) (*auth.User, error) {
	u, err := s.scanUser(s.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE id = ?", id))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("user not found")
	}
	return u, err
}

// UserByEmail returns a user by e-mail address.
func (s *Store) UserByEmail(ctx context.Context, email string) (*auth.User, error) {
	u, err := s.scanUser(s.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE email = ?", email))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("user not found")
	}
	return u, err
}

func (tx *Tx) userByEmail(ctx context.Context, email string) (*auth.User, error) {
	return tx.s.scanUser(tx.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE email = ?", email))
}

func (tx *Tx) user(ctx context.Context, id int64) (*auth.User, error) {
	return tx.s.scanUser(tx.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE id = ?", id))
}

// AddMember adds a user to an organisation with a role, creating the user
// when the e-mail address is new (with the given password hash). It
// reports whether the user was created. Both changes are audited in orgID.
func (tx *Tx) AddMember(ctx context.Context, orgID int64, u *auth.User, role org.Role) (created bool, err error) {
	if _, err := org.ParseRole(string(role)); err != nil {
		return false, err
	}
	existing, err := tx.userByEmail(ctx, u.Email)
	switch {
	case err == nil:
		*u = *existing
	case apperr.Is(err, apperr.NotFound):
		if u.PasswordHash == "" {
			return false, apperr.Invalidf("password", "is required for a new user")
		}
		if u.Lang == "" {
			u.Lang = "nl"
		}
		now := tx.s.now()
		u.CreatedAt, u.UpdatedAt = now, now
		u.ID, err = tx.insert(ctx, `INSERT INTO users (email, name, password_hash, lang, must_change_password, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, u.Email, u.Name, u.PasswordHash, u.Lang, u.MustChangePassword, now, now)
		if err != nil {
			return false, err
		}
		created = true
		if err := tx.Audit(ctx, orgID, audit.Create, "user", u.ID, nil, u); err != nil {
			return false, err
		}
	default:
		return false, err
	}
	m := org.Membership{OrgID: orgID, UserID: u.ID, Email: u.Email, Role: role}
	_, err = tx.exec(ctx, "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)", orgID, u.ID, role, tx.s.now())
	if apperr.Is(err, apperr.Conflict) {
		return false, apperr.Invalidf("email", "%s is already a member of this organisation", u.Email)
	}
	if err != nil {
		return false, err
	}
	return created, tx.Audit(ctx, orgID, audit.Create, "membership", u.ID, nil, m)
}

// Members lists an organisation's members.
func (s *Store) Members(ctx context.Context, orgID int64) ([]org.Membership, error) {
	return s.MembersPage(ctx, orgID, Page{})
}

// MembersPage lists a page of an organisation's members (by user id), or
// all of them by e-mail address with the zero Page.
func (s *Store) MembersPage(ctx context.Context, orgID int64, p Page) ([]org.Membership, error) {
	q, args := p.keyset(`SELECT `+memberCols+`
		FROM memberships m JOIN users u ON u.id = m.user_id JOIN orgs o ON o.id = m.org_id
		WHERE m.org_id = ?`, []any{orgID}, "m.user_id", false, "u.email")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return scanMemberships(rows)
}

// Member returns one member of an organisation; another organisation's
// user answers not found.
func (s *Store) Member(ctx context.Context, orgID, userID int64) (*org.Membership, error) {
	rows, err := s.query(ctx, `SELECT `+memberCols+`
		FROM memberships m JOIN users u ON u.id = m.user_id JOIN orgs o ON o.id = m.org_id
		WHERE m.org_id = ? AND m.user_id = ?`, orgID, userID)
	if err != nil {
		return nil, err
	}
	ms, err := scanMemberships(rows)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, apperr.NotFoundf("user not found")
	}
	return &ms[0], nil
}

// Memberships lists the organisations a user belongs to, leaving out the
// memberships an organisation deactivated: those give no access.
func (s *Store) Memberships(ctx context.Context, userID int64) ([]org.Membership, error) {
	rows, err := s.query(ctx, `SELECT `+memberCols+`
		FROM memberships m JOIN users u ON u.id = m.user_id JOIN orgs o ON o.id = m.org_id
		WHERE m.user_id = ? AND m.deactivated_at IS NULL ORDER BY LOWER(o.name)`, userID)
	if err != nil {
		return nil, err
	}
	return scanMemberships(rows)
}

// HomeOrg is the short name of the organisation the user joined first, of
// those it is still an active member of: where signing in leads (the menu
// lists them all by name). NotFound when none.
func (s *Store) HomeOrg(ctx context.Context, userID int64) (string, error) {
	var short string
	err := s.queryRow(ctx, `SELECT o.short FROM memberships m JOIN orgs o ON o.id = m.org_id
		WHERE m.user_id = ? AND m.deactivated_at IS NULL ORDER BY m.created_at, m.org_id LIMIT 1`, userID).Scan(&short)
	return short, orNotFound(err, "no organisation")
}

// memberCols are the columns scanMemberships reads.
const memberCols = "m.org_id, o.short, o.name, m.user_id, u.email, u.name, m.role, u.lang, u.disabled, m.deactivated_at IS NOT NULL"

func scanMemberships(rows interface {
	Next() bool
	Scan(...any) error
	Close() error
	Err() error
}) ([]org.Membership, error) {
	defer rows.Close()
	var out []org.Membership
	for rows.Next() {
		var m org.Membership
		if err := rows.Scan(&m.OrgID, &m.OrgShort, &m.OrgName, &m.UserID, &m.Email, &m.Name, &m.Role, &m.Lang, &m.Disabled, &m.Deactivated); err != nil {
			return nil, mapErr(err)
		}
		// A deactivated member is as good as disabled in that organisation:
		// no mail, no access.
		m.Disabled = m.Disabled || m.Deactivated
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

// SetRole changes a member's role. The last beheerder cannot lose the role,
// or nobody could manage the organisation's users any more.
func (tx *Tx) SetRole(ctx context.Context, orgID, userID int64, role org.Role) error {
	if _, err := org.ParseRole(string(role)); err != nil {
		return err
	}
	var old org.Role
	if err := tx.queryRow(ctx, "SELECT role FROM memberships WHERE org_id = ? AND user_id = ?"+tx.d.ForUpdate(), orgID, userID).Scan(&old); err != nil {
		if apperr.Is(mapErr(err), apperr.NotFound) {
			return apperr.NotFoundf("user not found")
		}
		return mapErr(err)
	}
	if old == role {
		return nil
	}
	if old == org.Admin {
		if err := tx.keepOneAdmin(ctx, orgID, userID); err != nil {
			return err
		}
	}
	if _, err := tx.exec(ctx, "UPDATE memberships SET role = ? WHERE org_id = ? AND user_id = ?", role, orgID, userID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Update, "membership", userID, map[string]any{"role": old}, map[string]any{"role": role})
}

// RemoveMember takes a user out of an organisation (the user remains, for
// other organisations and for the audit trail).
func (tx *Tx) RemoveMember(ctx context.Context, orgID, userID int64) error {
	var old org.Role
	if err := tx.queryRow(ctx, "SELECT role FROM memberships WHERE org_id = ? AND user_id = ?"+tx.d.ForUpdate(), orgID, userID).Scan(&old); err != nil {
		if apperr.Is(mapErr(err), apperr.NotFound) {
			return apperr.NotFoundf("user not found")
		}
		return mapErr(err)
	}
	if old == org.Admin {
		if err := tx.keepOneAdmin(ctx, orgID, userID); err != nil {
			return err
		}
	}
	if _, err := tx.exec(ctx, "DELETE FROM memberships WHERE org_id = ? AND user_id = ?", orgID, userID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE org_id = ? AND user_id = ? AND revoked_at IS NULL", tx.s.now(), orgID, userID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, "membership", userID, map[string]any{"role": old}, nil)
}

// keepOneAdmin refuses a change that would leave the organisation without
// an active beheerder other than userID.
func (tx *Tx) keepOneAdmin(ctx context.Context, orgID, userID int64) error {
	var n int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = ? AND deactivated_at IS NULL AND user_id <> ?", orgID, org.Admin, userID).Scan(&n); err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return apperr.Invalidf("role", "the organisation needs at least one beheerder")
	}
	return nil
}

// UpdateUser saves a user's own settings (name, language) and, when they
// changed, the password hash and two-factor state. The change is audited in
// every organisation the user belongs to, since each keeps its own trail.
func (tx *Tx) UpdateUser(ctx context.Context, u *auth.User) error {
	before, err := tx.user(ctx, u.ID)
	if err != nil {
		return err
	}
	u.UpdatedAt = tx.s.now()
	if _, err := tx.exec(ctx, `UPDATE users SET name = ?, lang = ?, password_hash = ?, totp_secret = ?, totp_enabled = ?, must_change_password = ?, disabled = ?, updated_at = ?
		WHERE id = ?`, u.Name, u.Lang, u.PasswordHash, tx.s.sealer.Seal(u.TOTPSecret, totpContext(u.ID)), u.TOTPEnabled, u.MustChangePassword, u.Disabled, u.UpdatedAt, u.ID); err != nil {
		return err
	}
	// The hash itself never enters the trail; that it changed does.
	type visible struct {
		*auth.User
		PasswordChanged bool `json:"password_changed,omitempty"`
	}
	after := visible{User: u, PasswordChanged: before.PasswordHash != u.PasswordHash}
	orgs, err := scanIDs(tx.query(ctx, "SELECT org_id FROM memberships WHERE user_id = ?", u.ID))
	if err != nil {
		return err
	}
	for _, orgID := range orgs {
		if err := tx.Audit(ctx, orgID, audit.Update, "user", u.ID, visible{User: before}, after); err != nil {
			return err
		}
	}
	return nil
}

// SetRecoveryCodes replaces a user's recovery codes with hashes of codes.
func (tx *Tx) SetRecoveryCodes(ctx context.Context, userID int64, codes []string) error {
	if _, err := tx.exec(ctx, "DELETE FROM recovery_codes WHERE user_id = ?", userID); err != nil {
		return err
	}
	for _, c := range codes {
		if _, err := tx.exec(ctx, "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", userID, auth.HashToken(c)); err != nil {
			return err
		}
	}
	return nil
}

// UseRecoveryCode marks a code used and reports whether it was valid.
func (s *Store) UseRecoveryCode(ctx context.Context, userID int64, code string) (bool, error) {
	res, err := s.exec(ctx, "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
		s.now(), userID, auth.HashToken(auth.NormaliseRecoveryCode(code)))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, mapErr(err)
}

// RecoveryCodesLeft counts a user's unused recovery codes.
func (s *Store) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", userID).Scan(&n)
	return n, mapErr(err)
}

// UseTOTPStep records that the user signed in with the TOTP code of time
// step (unix time / 30) and reports whether that was allowed: a step at or
// before the last one used is refused, so a code, or an older one seen
// over a shoulder, works once. One conditional UPDATE decides, so two
// processes given the same code at once cannot both accept it.
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	res, err := s.exec(ctx, "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", step, userID, step)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, mapErr(err)
}

// SetTOTPStep records the step of the code that set up a new TOTP secret,
// so that code cannot sign in afterwards.
func (tx *Tx) SetTOTPStep(ctx context.Context, userID, step int64) error {
	_, err := tx.exec(ctx, "UPDATE users SET totp_last_step = ? WHERE id = ?", step, userID)
	return err
}

// RevokeUserAccess ends every API token (in every organisation, each
// revocation audited there) and every calendar feed address of the user:
// what a password reset by an administrator must end besides the sessions,
// since tokens and feed addresses do not ask for the password. It returns
// how many tokens and feed addresses it ended.
func (tx *Tx) RevokeUserAccess(ctx context.Context, userID int64) (tokens, feeds int, err error) {
	rows, err := tx.query(ctx, "SELECT id, org_id FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY id", userID)
	if err != nil {
		return 0, 0, err
	}
	var live [][2]int64
	for rows.Next() {
		var id, orgID int64
		if err := rows.Scan(&id, &orgID); err != nil {
			rows.Close()
			return 0, 0, mapErr(err)
		}
		live = append(live, [2]int64{id, orgID})
	}
	rows.Close()
	if err := mapErr(rows.Err()); err != nil {
		return 0, 0, err
	}
	now := tx.s.now()
	for _, t := range live {
		if _, err := tx.exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND org_id = ? AND user_id = ?", now, t[0], t[1], userID); err != nil {
			return 0, 0, err
		}
		if err := tx.Audit(ctx, t[1], audit.Update, "api_token", t[0], map[string]any{"revoked_at": nil}, map[string]any{"revoked_at": now}); err != nil {
			return 0, 0, err
		}
	}
	res, err := tx.exec(ctx, "UPDATE ical_feeds SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, userID)
	if err != nil {
		return 0, 0, err
	}
	n, err := res.RowsAffected()
	return len(live), int(n), mapErr(err)
}
