-- +goose Up
-- The register of processing activities (AVG art. 30). Lists and nested
-- parts live as JSON in "data"; what is filtered and sorted on has columns.
CREATE TABLE activities (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    code               TEXT NOT NULL DEFAULT '',
    name               TEXT NOT NULL,
    department         TEXT NOT NULL DEFAULT '',
    domain             TEXT NOT NULL DEFAULT '',
    owner              TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'concept',
    dpia_needed        TEXT NOT NULL DEFAULT '',
    has_special        BOOLEAN NOT NULL DEFAULT FALSE,
    has_criminal       BOOLEAN NOT NULL DEFAULT FALSE,
    outside_eea        BOOLEAN NOT NULL DEFAULT FALSE,
    agreement_status   TEXT NOT NULL DEFAULT '',
    lawful_bases       TEXT NOT NULL DEFAULT '',
    data               TEXT NOT NULL DEFAULT '{}',
    search_text        TEXT NOT NULL DEFAULT '',
    last_reviewed_at   TIMESTAMP,
    last_reviewed_by   TEXT NOT NULL DEFAULT '',
    next_review_at     TIMESTAMP,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX activities_org_name ON activities(org_id, name);
CREATE INDEX activities_org_code ON activities(org_id, code);
-- The list counts what it shows; these indexes cover the common counts
-- (current activities, per department, review overdue) without reading
-- the rows, whose JSON makes them large.
CREATE INDEX activities_org_department ON activities(org_id, department, status);
CREATE INDEX activities_org_status ON activities(org_id, status, next_review_at);
CREATE INDEX activities_org_review ON activities(org_id, next_review_at);

-- Full-text search (Dutch stemming is not available in FTS5; the unicode61
-- tokenizer folds case and diacritics). Kept in sync by the store in the
-- same transaction as the activities row; rowid = activities.id.
CREATE VIRTUAL TABLE activities_fts USING fts5(
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE measures (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT 'organisational',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX measures_org ON measures(org_id, name);

-- Which measures of the catalogue an activity uses (mirrors data.measure_ids).
CREATE TABLE activity_measures (
    activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    measure_id   INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, measure_id)
);
CREATE INDEX activity_measures_measure ON activity_measures(measure_id);

-- The processor's register (art. 30(2)), one record per controller.
CREATE TABLE processor_records (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    controller_name  TEXT NOT NULL,
    data             TEXT NOT NULL DEFAULT '{}',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX processor_records_org ON processor_records(org_id, controller_name);

CREATE TABLE register_settings (
    org_id         INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    review_months  INTEGER NOT NULL DEFAULT 3,
    updated_at     TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE register_settings;
DROP TABLE processor_records;
DROP TABLE activity_measures;
DROP TABLE measures;
DROP TABLE activities_fts;
DROP TABLE activities;
