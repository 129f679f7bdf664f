-- +goose Up
-- Processor agreements (AVG art. 28), their parties and files. Nested parts
-- (terms, annexes, contacts) live as JSON in "data"; what is filtered,
-- sorted or joined on has columns.
CREATE TABLE parties (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'processor',
    country     TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL DEFAULT '{}',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX parties_org_name ON parties(org_id, name);

CREATE TABLE agreements (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    party_id         INTEGER REFERENCES parties(id) ON DELETE SET NULL,
    title            TEXT NOT NULL,
    our_role         TEXT NOT NULL DEFAULT 'controller',
    status           TEXT NOT NULL DEFAULT 'none',
    ends_on          TIMESTAMP,
    last_reviewed_at TIMESTAMP,
    data             TEXT NOT NULL DEFAULT '{}',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX agreements_org_title ON agreements(org_id, title);
CREATE INDEX agreements_org_party ON agreements(org_id, party_id);

-- Uploaded documents, in the database so a backup holds everything.
CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    agreement_id  INTEGER REFERENCES agreements(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    content       BLOB NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX attachments_org_agreement ON attachments(org_id, agreement_id);

CREATE TABLE activity_agreements (
    org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    activity_id   INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    agreement_id  INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, agreement_id)
);
CREATE INDEX activity_agreements_agreement ON activity_agreements(org_id, agreement_id);

CREATE TABLE subprocessor_notices (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    agreement_id  INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    deadline      TIMESTAMP NOT NULL,
    decision      TEXT NOT NULL DEFAULT '',
    data          TEXT NOT NULL DEFAULT '{}',
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX subprocessor_notices_org ON subprocessor_notices(org_id, decision, deadline);

CREATE TABLE agreement_reviews (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    agreement_id  INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    reviewed_at   TIMESTAMP NOT NULL,
    reviewer      TEXT NOT NULL,
    conclusion    TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agreement_reviews_org ON agreement_reviews(org_id, reviewed_at);

CREATE TABLE agreement_settings (
    org_id        INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    review_month  INTEGER NOT NULL DEFAULT 1,
    updated_at    TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE agreement_settings;
DROP TABLE agreement_reviews;
DROP TABLE subprocessor_notices;
DROP TABLE activity_agreements;
DROP TABLE attachments;
DROP TABLE agreements;
DROP TABLE parties;
