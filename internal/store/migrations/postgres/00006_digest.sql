-- +goose Up
-- The weekly digest sent to a member of an organisation: one row per
-- ISO week, claimed in the same transaction as the send, so several serve
-- processes running the job send it once.
CREATE TABLE digests_sent (
    org_id   BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    week     TEXT NOT NULL,
    sent_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, user_id, week)
);

-- +goose Down
DROP TABLE digests_sent;
