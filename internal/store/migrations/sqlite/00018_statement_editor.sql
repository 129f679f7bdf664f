-- +goose Up
-- The privacy statement as an editor (arts. 13/14): the public contact,
-- per activity whether the public sees it and its purpose in plain
-- language, the gaps of the check the privacy officer accepted and why,
-- and every published version with its text in both languages.
CREATE TABLE statement_settings (
    org_id      INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    contact     TEXT NOT NULL DEFAULT '',
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE statement_activities (
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    shown       BOOLEAN NOT NULL,
    purpose_nl  TEXT NOT NULL DEFAULT '',
    purpose_en  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (org_id, activity_id)
);

CREATE TABLE statement_acceptances (
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    gap         TEXT NOT NULL,
    reason      TEXT NOT NULL,
    accepted_by TEXT NOT NULL,
    accepted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, gap)
);

CREATE TABLE statement_versions (
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    lang         TEXT NOT NULL,
    body         TEXT NOT NULL,
    accepted     TEXT NOT NULL DEFAULT '[]',
    published_at TIMESTAMP NOT NULL,
    published_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (org_id, version)
);

-- A statement published before versions were kept is version 1.
INSERT INTO statement_versions (org_id, version, lang, body, published_at, published_by)
SELECT org_id, 1, lang, body, published_at, published_by FROM privacy_statements WHERE published_at IS NOT NULL;

-- +goose Down
DROP TABLE statement_versions;
DROP TABLE statement_acceptances;
DROP TABLE statement_activities;
DROP TABLE statement_settings;
