package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/textcheck"
)

// Invitations. A beheerder who adds a person to the organisation invites
// them: the answer is the same whether or not the address has an account
// in the installation (which may belong to another organisation, so it is
// not theirs to learn), and nobody becomes a member without accepting. The
// invited person opens the invitation's link and signs in with their
// account to accept, or, when the address has no account, chooses a
// password and so makes one. Only the hash of the link's token is stored.

// invitationTTL is how long an invitation can be accepted.
const invitationTTL = 14 * 24 * time.Hour

// Invitation is an open (or accepted) invitation to join an organisation.
type Invitation struct {
	ID         int64      `json:"id"`
	OrgID      int64      `json:"-"`
	OrgShort   string     `json:"organisation"`
	OrgName    string     `json:"organisation_name"`
	Email      string     `json:"email"`
	Name       string     `json:"name"`
	Role       org.Role   `json:"role"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	AcceptedAt *time.Time `json:"accepted_at,omitempty"`
}

// Invite invites email into the organisation with role and returns the
// token of the link to accept it (shown once). An open invitation of the
// same address is replaced. Only a current member of the organisation is
// refused: the beheerder sees the members anyway.
func (tx *Tx) Invite(ctx context.Context, orgID int64, email, name string, role org.Role) (string, *Invitation, error) {
	email, err := auth.NormaliseEmail("email", email)
	if err != nil {
		return "", nil, err
	}
	if _, err := org.ParseRole(string(role)); err != nil {
		return "", nil, err
	}
	name = strings.TrimSpace(name)
	if e := checkTextField("name", name); e != nil {
		return "", nil, e
	}
	var member int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.org_id = ? AND u.email = ?`, orgID, email).Scan(&member); err != nil {
		return "", nil, mapErr(err)
	}
	if member > 0 {
		return "", nil, apperr.Invalidf("email", "%s is already a member of this organisation", email)
	}
	if _, err := tx.exec(ctx, "DELETE FROM invitations WHERE org_id = ? AND email = ? AND accepted_at IS NULL", orgID, email); err != nil {
		return "", nil, err
	}
	now := tx.s.now()
	inv := &Invitation{OrgID: orgID, Email: email, Name: name, Role: role, CreatedAt: now, ExpiresAt: now.Add(invitationTTL)}
	token := auth.NewToken("inv_")
	var by any
	if a := audit.ActorFrom(ctx); a.UserID != 0 {
		by = a.UserID
	}
	inv.ID, err = tx.insert(ctx, `INSERT INTO invitations (org_id, email, name, role, token_hash, invited_by, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, orgID, email, name, string(role), auth.HashToken(token), by, now, inv.ExpiresAt)
	if err != nil {
		return "", nil, err
	}
	if err := tx.queryRow(ctx, "SELECT short, name FROM orgs WHERE id = ?", orgID).Scan(&inv.OrgShort, &inv.OrgName); err != nil {
		return "", nil, mapErr(err)
	}
	if err := tx.Audit(ctx, orgID, audit.Create, "invitation", inv.ID, nil, inv); err != nil {
		return "", nil, err
	}
	return token, inv, nil
}

const invitationCols = "i.id, i.org_id, o.short, o.name, i.email, i.name, i.role, i.created_at, i.expires_at, i.accepted_at"

func scanInvitation(row interface{ Scan(...any) error }) (*Invitation, error) {
	var inv Invitation
	var acc sql.NullTime
	if err := row.Scan(&inv.ID, &inv.OrgID, &inv.OrgShort, &inv.OrgName, &inv.Email, &inv.Name, &inv.Role, &inv.CreatedAt, &inv.ExpiresAt, &acc); err != nil {
		return nil, mapErr(err)
	}
	inv.AcceptedAt = nullTime(acc)
	return &inv, nil
}

// Invitations lists the organisation's open invitations.
func (s *Store) Invitations(ctx context.Context, orgID int64) ([]Invitation, error) {
	rows, err := s.query(ctx, "SELECT "+invitationCols+` FROM invitations i JOIN orgs o ON o.id = i.org_id
		WHERE i.org_id = ? AND i.accepted_at IS NULL AND i.expires_at >= ? ORDER BY i.email`, orgID, s.now())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Invitation
	for rows.Next() {
		inv, err := scanInvitation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *inv)
	}
	return out, mapErr(rows.Err())
}

// InvitationByToken returns the open invitation the token names.
func (s *Store) InvitationByToken(ctx context.Context, token string) (*Invitation, error) {
	inv, err := scanInvitation(s.queryRow(ctx, "SELECT "+invitationCols+` FROM invitations i JOIN orgs o ON o.id = i.org_id
		WHERE i.token_hash = ? AND i.accepted_at IS NULL AND i.expires_at >= ?`, auth.HashToken(token), s.now()))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("This invitation has expired, has been used, or does not exist.")
	}
	return inv, err
}

func (tx *Tx) openInvitation(ctx context.Context, token string) (*Invitation, error) {
	inv, err := scanInvitation(tx.queryRow(ctx, "SELECT "+invitationCols+` FROM invitations i JOIN orgs o ON o.id = i.org_id
		WHERE i.token_hash = ? AND i.accepted_at IS NULL AND i.expires_at >= ?`+tx.d.ForUpdate(), auth.HashToken(token), tx.s.now()))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("This invitation has expired, has been used, or does not exist.")
	}
	return inv, err
}

func (tx *Tx) closeInvitation(ctx context.Context, inv *Invitation) error {
	now := tx.s.now()
	inv.AcceptedAt = &now
	_, err := tx.exec(ctx, "UPDATE invitations SET accepted_at = ? WHERE id = ? AND org_id = ?", now, inv.ID, inv.OrgID)
	return err
}

// AcceptInvitation makes user a member as the invitation says. The user
// must be signed in as the invited address: an invitation is not a key to
// someone else's account, nor to the organisation for someone else.
func (tx *Tx) AcceptInvitation(ctx context.Context, token string, user *auth.User) (*Invitation, error) {
	inv, err := tx.openInvitation(ctx, token)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(user.Email, inv.Email) {
		return nil, apperr.New(apperr.Forbidden, "This invitation is for another e-mail address.")
	}
	u := &auth.User{Email: inv.Email}
	if _, err := tx.AddMember(ctx, inv.OrgID, u, inv.Role); err != nil {
		return nil, err
	}
	return inv, tx.closeInvitation(ctx, inv)
}

// RegisterByInvitation makes the account of an invited address that has
// none, with the password the person chose, and makes it a member. An
// address that has an account already gets no second one and no new
// password: its owner signs in to accept.
func (tx *Tx) RegisterByInvitation(ctx context.Context, token, passwordHash string) (*auth.User, *Invitation, error) {
	inv, err := tx.openInvitation(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	if _, err := tx.userByEmail(ctx, inv.Email); err == nil {
		return nil, nil, apperr.New(apperr.Conflict, "This address has an account already: sign in with it to accept the invitation.")
	} else if !apperr.Is(err, apperr.NotFound) {
		return nil, nil, err
	}
	u := &auth.User{Email: inv.Email, Name: inv.Name, PasswordHash: passwordHash}
	if _, err := tx.AddMember(ctx, inv.OrgID, u, inv.Role); err != nil {
		return nil, nil, err
	}
	return u, inv, tx.closeInvitation(ctx, inv)
}

func checkTextField(field, s string) *apperr.Error { return textcheck.Field(field, s, textcheck.Short) }
