-- +goose Up
-- A register file waiting between the steps of its import is kept as it
-- was sent (at most the upload limit), not as its parsed table: a small
-- .xlsx can unpack to a table hundreds of times its size. Waiting uploads
-- are working copies that expire within half an hour, so the old rows go.
DROP TABLE import_uploads;
CREATE TABLE import_uploads (
    key_hash   TEXT PRIMARY KEY,
    org_id     BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    filename   TEXT NOT NULL,
    data       BYTEA NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX import_uploads_user ON import_uploads (user_id, expires_at);

-- An invitation to join an organisation. A beheerder adds a person by
-- e-mail address; whether that address has an account already is not
-- disclosed to them, and nobody becomes a member of an organisation
-- without accepting: the invited person opens the link (only the hash of
-- its token is stored) and signs in with their account, or makes one.
CREATE TABLE invitations (
    id          BIGSERIAL PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    invited_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ
);
CREATE INDEX invitations_org ON invitations (org_id, email);

-- +goose Down
DROP TABLE invitations;
DROP TABLE import_uploads;
CREATE TABLE import_uploads (
    key_hash   TEXT PRIMARY KEY,
    org_id     BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    filename   TEXT NOT NULL,
    body       TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX import_uploads_user ON import_uploads (user_id, expires_at);
