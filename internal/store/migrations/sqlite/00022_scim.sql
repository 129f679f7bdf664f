-- +goose Up
-- SCIM provisioning (issue 15). A membership can be deactivated by the
-- organisation's identity provider without ending the person's other
-- memberships; the SCIM attributes a provider keeps of a member live beside
-- the membership, one row per organisation.
ALTER TABLE memberships ADD COLUMN deactivated_at TIMESTAMP;

CREATE TABLE scim_tokens (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE INDEX scim_tokens_org ON scim_tokens(org_id);

CREATE TABLE scim_users (
    org_id      INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    user_name   TEXT NOT NULL,
    external_id TEXT,
    given_name  TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (org_id, user_id),
    FOREIGN KEY (org_id, user_id) REFERENCES memberships(org_id, user_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX scim_users_user_name ON scim_users(org_id, LOWER(user_name));
CREATE UNIQUE INDEX scim_users_external_id ON scim_users(org_id, external_id);

-- +goose Down
DROP TABLE scim_users;
DROP TABLE scim_tokens;
ALTER TABLE memberships DROP COLUMN deactivated_at;
