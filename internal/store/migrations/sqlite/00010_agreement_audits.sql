-- +goose Up
-- Audits held under a processor agreement (by us of a processor, or by a
-- customer of us): the agreement's audit frequency counts from the newest.
CREATE TABLE agreement_audits (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    agreement_id   INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    held_on        TIMESTAMP NOT NULL,
    kind           TEXT NOT NULL,
    auditor        TEXT NOT NULL DEFAULT '',
    findings       TEXT NOT NULL DEFAULT '',
    follow_up      TEXT NOT NULL DEFAULT '',
    follow_up_due  TIMESTAMP,
    closed         BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX agreement_audits_org ON agreement_audits(org_id, agreement_id, held_on);

-- +goose Down
DROP TABLE agreement_audits;
