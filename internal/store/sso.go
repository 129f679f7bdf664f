package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/sso"
)

// EntitySSOProvider and EntitySSOIdentity are the audit trail's names for
// an organisation's SSO configuration and a person's link to a user.
const (
	EntitySSOProvider = "sso_provider"
	EntitySSOIdentity = "sso_identity"
)

// ssoSecretContext binds a sealed client secret to its organisation.
func ssoSecretContext(orgID int64) string { return "sso:org:" + strconv.FormatInt(orgID, 10) }

// ssoAudit is what the trail records of a configuration: everything but
// the secret, of which only whether one is set.
type ssoAudit struct {
	sso.Provider
	SecretSet bool `json:"client_secret_set"`
}

func auditOfSSO(p *sso.Provider) any {
	if p == nil {
		return nil
	}
	return ssoAudit{Provider: *p, SecretSet: p.ClientSecret != ""}
}

const ssoCols = "org_id, issuer, client_id, client_secret, domains, mandatory, trust_mfa, create_users, default_role, updated_at"

func (s *Store) scanSSO(row interface{ Scan(...any) error }) (*sso.Provider, error) {
	var p sso.Provider
	var domains, role string
	if err := row.Scan(&p.OrgID, &p.Issuer, &p.ClientID, &p.ClientSecret, &domains, &p.Mandatory, &p.TrustMFA, &p.CreateUsers, &role, &p.UpdatedAt); err != nil {
		return nil, mapErr(err)
	}
	p.Domains, p.DefaultRole, p.UpdatedAt = strings.Fields(domains), org.Role(role), p.UpdatedAt.UTC()
	var err error
	if p.ClientSecret, err = s.sealer.Open(p.ClientSecret, ssoSecretContext(p.OrgID)); err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "the client secret of single sign-on cannot be read; enter it again")
	}
	return &p, nil
}

// SSOProvider returns the organisation's provider; NotFound when it has none.
func (s *Store) SSOProvider(ctx context.Context, orgID int64) (*sso.Provider, error) {
	p, err := s.scanSSO(s.queryRow(ctx, "SELECT "+ssoCols+" FROM sso_providers WHERE org_id = ?", orgID))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("no single sign-on is set up for this organisation")
	}
	return p, err
}

// SetSSOProvider creates or replaces the organisation's provider. An empty
// ClientSecret keeps the stored one (the form never shows it).
func (tx *Tx) SetSSOProvider(ctx context.Context, orgID int64, p *sso.Provider) error {
	p.OrgID = orgID
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	before, err := tx.s.scanSSO(tx.queryRow(ctx, "SELECT "+ssoCols+" FROM sso_providers WHERE org_id = ?", orgID))
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	if p.ClientSecret == "" && before != nil {
		p.ClientSecret = before.ClientSecret
	}
	p.UpdatedAt = tx.s.now()
	sealed := tx.s.sealer.Seal(p.ClientSecret, ssoSecretContext(orgID))
	args := []any{p.Issuer, p.ClientID, sealed, strings.Join(p.Domains, " "), p.Mandatory, p.TrustMFA, p.CreateUsers, string(p.DefaultRole), p.UpdatedAt, orgID}
	if before == nil {
		_, err = tx.exec(ctx, `INSERT INTO sso_providers (issuer, client_id, client_secret, domains, mandatory, trust_mfa, create_users, default_role, updated_at, org_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, orgID, audit.Create, EntitySSOProvider, orgID, nil, auditOfSSO(p))
	}
	_, err = tx.exec(ctx, `UPDATE sso_providers SET issuer = ?, client_id = ?, client_secret = ?, domains = ?, mandatory = ?, trust_mfa = ?,
		create_users = ?, default_role = ?, updated_at = ? WHERE org_id = ?`, args...)
	if err != nil {
		return err
	}
	b, a := auditOfSSO(before).(ssoAudit), auditOfSSO(p).(ssoAudit)
	if before.ClientSecret != p.ClientSecret {
		b.SecretSet, a.SecretSet = false, true // "secret replaced", without the secret
	}
	return tx.Audit(ctx, orgID, audit.Update, EntitySSOProvider, orgID, b, a)
}

// DeleteSSOProvider ends single sign-on for the organisation; its links
// to users go with it.
func (tx *Tx) DeleteSSOProvider(ctx context.Context, orgID int64) error {
	before, err := tx.s.scanSSO(tx.queryRow(ctx, "SELECT "+ssoCols+" FROM sso_providers WHERE org_id = ?", orgID))
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM sso_identities WHERE org_id = ?", orgID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM sso_providers WHERE org_id = ?", orgID); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, EntitySSOProvider, orgID, auditOfSSO(before), nil)
}

// SSOOrg is an organisation that offers single sign-on.
type SSOOrg struct {
	Short, Name string
}

// SSOOrgsForEmail lists the organisations whose provider allows email's
// domain: the choice on the sign-in page after an e-mail address.
func (s *Store) SSOOrgsForEmail(ctx context.Context, email string) ([]SSOOrg, error) {
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return nil, nil
	}
	domain := strings.ToLower(email[at+1:])
	rows, err := s.query(ctx, "SELECT o.short, o.name, p.domains FROM sso_providers p JOIN orgs o ON o.id = p.org_id ORDER BY o.name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SSOOrg
	for rows.Next() {
		var o SSOOrg
		var domains string
		if err := rows.Scan(&o.Short, &o.Name, &domains); err != nil {
			return nil, mapErr(err)
		}
		for _, d := range strings.Fields(domains) {
			if d == domain {
				out = append(out, o)
				break
			}
		}
	}
	return out, mapErr(rows.Err())
}

// SSOMandatoryFor returns the first organisation of the user that makes
// single sign-on mandatory, or nil: password sign-in is refused then.
func (s *Store) SSOMandatoryFor(ctx context.Context, userID int64) (*SSOOrg, error) {
	var o SSOOrg
	err := s.queryRow(ctx, `SELECT o.short, o.name FROM memberships m JOIN sso_providers p ON p.org_id = m.org_id JOIN orgs o ON o.id = m.org_id
		WHERE m.user_id = ? AND p.mandatory ORDER BY o.name LIMIT 1`, userID).Scan(&o.Short, &o.Name)
	if err != nil {
		if apperr.Is(mapErr(err), apperr.NotFound) {
			return nil, nil
		}
		return nil, mapErr(err)
	}
	return &o, nil
}

// SSONeeded reports whether the organisation makes SSO mandatory and the
// session of token has not signed in to it by SSO.
func (s *Store) SSONeeded(ctx context.Context, orgID int64, token string) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM sso_providers p WHERE p.org_id = ? AND p.mandatory
		AND NOT EXISTS (SELECT 1 FROM session_sso x WHERE x.token_hash = ? AND x.org_id = p.org_id)`, orgID, auth.HashToken(token)).Scan(&n)
	return n > 0, mapErr(err)
}

// SessionHasSSO reports whether the session signed in to orgID by SSO.
func (s *Store) SessionHasSSO(ctx context.Context, orgID int64, token string) (bool, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM session_sso WHERE token_hash = ? AND org_id = ?", auth.HashToken(token), orgID).Scan(&n)
	return n > 0, mapErr(err)
}

// MarkSessionSSO records that the session signed in to orgID by SSO.
func (s *Store) MarkSessionSSO(ctx context.Context, token string, orgID int64) error {
	h := auth.HashToken(token)
	if _, err := s.exec(ctx, "DELETE FROM session_sso WHERE token_hash = ? AND org_id = ?", h, orgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, "INSERT INTO session_sso (token_hash, org_id, created_at) VALUES (?, ?, ?)", h, orgID, s.now())
	return err
}

// SessionSSOOrg returns the organisation the session last signed in to by
// SSO (0 when none): its provider's end-session endpoint is used at logout.
func (s *Store) SessionSSOOrg(ctx context.Context, token string) (int64, error) {
	var id int64
	err := s.queryRow(ctx, "SELECT org_id FROM session_sso WHERE token_hash = ? ORDER BY created_at DESC LIMIT 1", auth.HashToken(token)).Scan(&id)
	if apperr.Is(mapErr(err), apperr.NotFound) {
		return 0, nil
	}
	return id, mapErr(err)
}

// StateFor is how long a sign-in at the provider may take.
const StateFor = 10 * time.Minute

// SSOState is a sign-in under way, as the callback needs it.
type SSOState struct {
	Nonce, Verifier, Next string
}

func ssoStateContext(hash string) string { return "sso:state:" + hash }

// SaveSSOState remembers a sign-in attempt by the hash of its state.
func (s *Store) SaveSSOState(ctx context.Context, orgID int64, state string, st SSOState) error {
	now := s.now()
	if _, err := s.exec(ctx, "DELETE FROM sso_states WHERE expires_at < ?", now); err != nil {
		return err
	}
	h := auth.HashToken(state)
	_, err := s.exec(ctx, "INSERT INTO sso_states (state_hash, org_id, nonce, verifier, next, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
		h, orgID, st.Nonce, s.sealer.Seal(st.Verifier, ssoStateContext(h)), st.Next, now.Add(StateFor))
	return err
}

// TakeSSOState returns and removes the attempt of state: a state works
// once, within StateFor, for the organisation it was made for.
func (s *Store) TakeSSOState(ctx context.Context, orgID int64, state string) (*SSOState, error) {
	h := auth.HashToken(state)
	gone := apperr.New(apperr.Forbidden, "this sign-in has expired or was already used; please start again")
	var st SSOState
	var expires time.Time
	err := s.InTx(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, "SELECT nonce, verifier, next, expires_at FROM sso_states WHERE state_hash = ? AND org_id = ?", h, orgID).
			Scan(&st.Nonce, &st.Verifier, &st.Next, &expires)
		if err != nil {
			if apperr.Is(mapErr(err), apperr.NotFound) {
				return gone
			}
			return mapErr(err)
		}
		res, err := tx.exec(ctx, "DELETE FROM sso_states WHERE state_hash = ?", h)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return gone // taken by a parallel request
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if s.now().After(expires) {
		return nil, gone
	}
	if st.Verifier, err = s.sealer.Open(st.Verifier, ssoStateContext(h)); err != nil {
		return nil, err
	}
	return &st, nil
}

// SSOIdentityUser returns the user linked to issuer+subject in orgID, or
// 0 when the person is not linked yet.
func (s *Store) SSOIdentityUser(ctx context.Context, orgID int64, issuer, subject string) (int64, error) {
	var id int64
	err := s.queryRow(ctx, "SELECT user_id FROM sso_identities WHERE org_id = ? AND issuer = ? AND subject = ?", orgID, issuer, subject).Scan(&id)
	if apperr.Is(mapErr(err), apperr.NotFound) {
		return 0, nil
	}
	return id, mapErr(err)
}

type ssoLink struct {
	Issuer  string `json:"issuer"`
	Subject string `json:"subject"`
	UserID  int64  `json:"user_id"`
}

// LinkSSOIdentity links issuer+subject to a member of orgID; the link
// replaces an earlier one of the same user at this provider.
func (tx *Tx) LinkSSOIdentity(ctx context.Context, orgID int64, issuer, subject string, userID int64) error {
	if _, err := tx.exec(ctx, "DELETE FROM sso_identities WHERE org_id = ? AND issuer = ? AND user_id = ?", orgID, issuer, userID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "INSERT INTO sso_identities (org_id, issuer, subject, user_id, created_at) VALUES (?, ?, ?, ?, ?)",
		orgID, issuer, subject, userID, tx.s.now()); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Create, EntitySSOIdentity, userID, nil, ssoLink{issuer, subject, userID})
}

// SSOLinks counts the organisation's linked users, for the settings page.
func (s *Store) SSOLinks(ctx context.Context, orgID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM sso_identities WHERE org_id = ?", orgID).Scan(&n)
	return n, mapErr(err)
}
