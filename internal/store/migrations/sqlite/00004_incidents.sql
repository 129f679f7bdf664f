-- +goose Up
-- The breach register (art. 33(5) AVG). The case's form content (AP form
-- sections 0-9) lives as JSON in "data"; what the register filters, sorts
-- or scans for deadlines has columns of its own, placed before the large
-- JSON columns so SQLite reads them without touching overflow pages.
CREATE TABLE incidents (
    id                    INTEGER PRIMARY KEY,
    org_id                INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    year                  INTEGER NOT NULL,
    seq                   INTEGER NOT NULL,
    dossier               TEXT NOT NULL,
    title                 TEXT NOT NULL,
    source                TEXT NOT NULL DEFAULT 'web',
    reporter_user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    assignee_user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    role                  TEXT NOT NULL DEFAULT 'controller',
    outcome               TEXT NOT NULL DEFAULT '',
    processor             TEXT NOT NULL DEFAULT '',
    discovered_at         TIMESTAMP NOT NULL,
    aware_at              TIMESTAMP,
    ap_due_at             TIMESTAMP,
    notified_authority_at TIMESTAMP,
    closed_at             TIMESTAMP,
    search_text           TEXT NOT NULL DEFAULT '',
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    data                  TEXT NOT NULL DEFAULT '{}',
    decision              TEXT NOT NULL DEFAULT '{}',
    UNIQUE (org_id, year, seq)
);
CREATE INDEX incidents_org_discovered ON incidents(org_id, discovered_at);
CREATE INDEX incidents_org_year ON incidents(org_id, year, seq);
-- The reminder scan: open cases whose AP deadline is still to be met.
CREATE INDEX incidents_ap_due ON incidents(ap_due_at) WHERE closed_at IS NULL AND notified_authority_at IS NULL;
-- The dashboard: one organisation's open AP deadlines, earliest first.
CREATE INDEX incidents_org_ap_due ON incidents(org_id, ap_due_at) WHERE closed_at IS NULL AND notified_authority_at IS NULL;

-- Dossier numbers per organisation and year, allocated in the create
-- transaction with the row locked.
CREATE TABLE incident_counters (
    org_id  INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    year    INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (org_id, year)
);

-- Processing activities of the register (migration 00002) hit by a case;
-- checked against the organisation by query, so no foreign key here.
CREATE TABLE incident_activities (
    incident_id  INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    org_id       INTEGER NOT NULL,
    activity_id  INTEGER NOT NULL,
    PRIMARY KEY (incident_id, activity_id)
);
CREATE INDEX incident_activities_activity ON incident_activities(org_id, activity_id);

-- The case's timeline: everything recorded, in order.
CREATE TABLE incident_events (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    at           TIMESTAMP NOT NULL,
    actor        TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL,
    text         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incident_events_incident ON incident_events(incident_id, at);

-- Controllers to be told when the organisation is the processor. Until
-- the agreements area links them, the hours are entered on the case.
CREATE TABLE incident_controllers (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL,
    incident_id     INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    contract_hours  INTEGER,
    target_hours    INTEGER NOT NULL DEFAULT 0,
    due_at          TIMESTAMP NOT NULL,
    notified_at     TIMESTAMP
);
CREATE INDEX incident_controllers_incident ON incident_controllers(incident_id);
CREATE INDEX incident_controllers_due ON incident_controllers(due_at) WHERE notified_at IS NULL;

-- Notifications to the AP: the first one and its follow-ups.
CREATE TABLE incident_notifications (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL,
    incident_id      INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    sent_at          TIMESTAMP NOT NULL,
    reference        TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    file_name        TEXT NOT NULL DEFAULT '',
    file_type        TEXT NOT NULL DEFAULT '',
    file_data        BLOB
);
CREATE INDEX incident_notifications_incident ON incident_notifications(incident_id);

-- Intake links: an unguessable URL that only creates reports.
CREATE TABLE incident_intake_links (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    prefix      TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    revoked_at  TIMESTAMP
);
CREATE INDEX incident_intake_links_org ON incident_intake_links(org_id);

-- Attempts on intake links, for rate limits per link and per address.
CREATE TABLE intake_attempts (
    id     INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL,
    key    TEXT NOT NULL,
    at     TIMESTAMP NOT NULL
);
CREATE INDEX intake_attempts_key ON intake_attempts(kind, key, at);

-- Reminders sent, so each is sent once even with several processes.
CREATE TABLE incident_reminders (
    org_id       INTEGER NOT NULL,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    deadline     TEXT NOT NULL,
    due_at       TIMESTAMP NOT NULL,
    lead_hours   INTEGER NOT NULL,
    sent_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (incident_id, deadline, due_at, lead_hours)
);

-- +goose Down
DROP TABLE incident_reminders;
DROP TABLE intake_attempts;
DROP TABLE incident_intake_links;
DROP TABLE incident_notifications;
DROP TABLE incident_controllers;
DROP TABLE incident_events;
DROP TABLE incident_activities;
DROP TABLE incident_counters;
DROP TABLE incidents;
