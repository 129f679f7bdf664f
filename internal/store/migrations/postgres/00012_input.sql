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

-- +goose Down
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
