-- +goose Up
-- The supplier network (issue 16). A processor organisation publishes a
-- profile (its sub-processors, certificates, products, breach-notice
-- hours); each change is a new dated version, signed with the
-- organisation's Ed25519 key (sealed) so another installation can verify
-- it. A customer links one of its agreements to a profile, on this
-- installation (processor_org_id) or another (url, with the key pinned on
-- first use); each new version becomes sub-processor notices in the
-- customer's organisation, which carry the link so the processor sees the
-- answers to its own notices and nothing else of the customer.
CREATE TABLE processor_profiles (
    org_id       INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    signing_key  TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE profile_versions (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    data          TEXT NOT NULL,
    change_note   TEXT NOT NULL,
    published_at  TIMESTAMP NOT NULL,
    published_by  TEXT NOT NULL,
    UNIQUE (org_id, number)
);

CREATE TABLE profile_links (
    id                      INTEGER PRIMARY KEY,
    org_id                  INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    agreement_id            INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    processor_org_id        INTEGER REFERENCES orgs(id) ON DELETE CASCADE,
    processor_agreement_id  INTEGER REFERENCES agreements(id) ON DELETE SET NULL,
    url                     TEXT NOT NULL DEFAULT '',
    status                  TEXT NOT NULL,
    pinned_key              TEXT NOT NULL DEFAULT '',
    seen_version            INTEGER NOT NULL DEFAULT 0,
    seen_data               TEXT NOT NULL DEFAULT '',
    etag                    TEXT NOT NULL DEFAULT '',
    checked_at              TIMESTAMP,
    problem                 TEXT NOT NULL DEFAULT '',
    held                    TEXT NOT NULL DEFAULT '',
    created_at              TIMESTAMP NOT NULL,
    updated_at              TIMESTAMP NOT NULL,
    UNIQUE (org_id, agreement_id)
);
CREATE INDEX profile_links_processor ON profile_links(processor_org_id, id);

ALTER TABLE subprocessor_notices ADD COLUMN link_id INTEGER REFERENCES profile_links(id) ON DELETE SET NULL;
CREATE INDEX subprocessor_notices_link ON subprocessor_notices(link_id, id);

-- +goose Down
DROP INDEX subprocessor_notices_link;
ALTER TABLE subprocessor_notices DROP COLUMN link_id;
DROP TABLE profile_links;
DROP TABLE profile_versions;
DROP TABLE processor_profiles;
