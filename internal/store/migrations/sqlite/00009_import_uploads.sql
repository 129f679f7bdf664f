-- +goose Up
-- A register file parsed at the first step of an import, waiting for the
-- mapping and the dry run. Kept in the database rather than in the serving
-- process, so the steps may land on different processes. Only the hash of
-- the key in the address is stored; rows expire after half an hour.
CREATE TABLE import_uploads (
    key_hash   TEXT PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    filename   TEXT NOT NULL,
    body       TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX import_uploads_user ON import_uploads (user_id, expires_at);

-- +goose Down
DROP TABLE import_uploads;
