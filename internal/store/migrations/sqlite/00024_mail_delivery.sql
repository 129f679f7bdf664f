-- +goose Up
-- Every mail goes through the outbox (reminders and digests too), with its
-- language, a Message-ID kept across retries, and its delivery state:
-- attempts, the next try (back-off), the last error, given up.
ALTER TABLE mail_outbox ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN lang TEXT NOT NULL DEFAULT 'nl';
ALTER TABLE mail_outbox ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mail_outbox ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE mail_outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN failed_at TIMESTAMP;
CREATE INDEX mail_outbox_org ON mail_outbox(org_id, id);

-- +goose Down
DROP INDEX mail_outbox_org;
ALTER TABLE mail_outbox DROP COLUMN failed_at;
ALTER TABLE mail_outbox DROP COLUMN last_error;
ALTER TABLE mail_outbox DROP COLUMN next_attempt_at;
ALTER TABLE mail_outbox DROP COLUMN attempts;
ALTER TABLE mail_outbox DROP COLUMN message_id;
ALTER TABLE mail_outbox DROP COLUMN lang;
ALTER TABLE mail_outbox DROP COLUMN kind;
