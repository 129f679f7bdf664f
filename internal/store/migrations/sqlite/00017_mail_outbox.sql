-- +goose Up
-- E-mail written in the transaction of the change it tells of (a new
-- incident report), so the case and its notice are stored together or not
-- at all; sent right after the commit and, if that fails, by the job loop.
CREATE TABLE mail_outbox (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL,
    recipients TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    link_path  TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    sent_at    TIMESTAMP
);
CREATE INDEX mail_outbox_unsent ON mail_outbox(sent_at, id);

-- +goose Down
DROP TABLE mail_outbox;
