-- +goose Up
-- Single sign-on by OpenID Connect: one provider per organisation. The
-- client secret is sealed with the installation key (like TOTP secrets).
CREATE TABLE sso_providers (
    org_id        INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    issuer        TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    client_secret TEXT NOT NULL DEFAULT '',
    domains       TEXT NOT NULL DEFAULT '',
    mandatory     BOOLEAN NOT NULL DEFAULT FALSE,
    trust_mfa     BOOLEAN NOT NULL DEFAULT FALSE,
    create_users  BOOLEAN NOT NULL DEFAULT FALSE,
    default_role  TEXT NOT NULL DEFAULT 'medewerker',
    updated_at    TIMESTAMP NOT NULL
);
-- A person at a provider (issuer + sub) linked to a user, per organisation.
CREATE TABLE sso_identities (
    org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, issuer, subject)
);
CREATE UNIQUE INDEX sso_identities_user ON sso_identities(org_id, issuer, user_id);
-- A sign-in under way: its state (hashed), nonce and PKCE verifier; used once.
CREATE TABLE sso_states (
    state_hash TEXT PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    nonce      TEXT NOT NULL,
    verifier   TEXT NOT NULL,
    next       TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
-- The organisations a session signed in to by SSO.
CREATE TABLE session_sso (
    token_hash TEXT NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
    org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (token_hash, org_id)
);

-- +goose Down
DROP TABLE session_sso;
DROP TABLE sso_states;
DROP TABLE sso_identities;
DROP TABLE sso_providers;
