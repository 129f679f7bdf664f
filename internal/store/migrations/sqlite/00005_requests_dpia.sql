-- +goose Up
-- Requests of data subjects (arts. 12-22 AVG). The request with its
-- requester, identity check, extension, refusal and steps lives as JSON in
-- "data"; what lists, deadlines and reminders filter on has columns.
CREATE TABLE subject_requests (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    reference    TEXT NOT NULL,
    state        TEXT NOT NULL,
    received_at  TIMESTAMP NOT NULL,
    due_at       TIMESTAMP NOT NULL,
    answered_at  TIMESTAMP,
    closed_at    TIMESTAMP,
    data         TEXT NOT NULL DEFAULT '{}',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    UNIQUE (org_id, reference)
);
CREATE INDEX subject_requests_org_due ON subject_requests(org_id, due_at);
CREATE INDEX subject_requests_org_received ON subject_requests(org_id, received_at);

-- Reminders sent before a request's deadline: one row per request, kind and
-- due date, so a reminder goes out once even when several servers run jobs.
CREATE TABLE request_reminders (
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    request_id  INTEGER NOT NULL REFERENCES subject_requests(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    due_at      TIMESTAMP NOT NULL,
    sent_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (request_id, kind, due_at)
);

-- DPIA screenings per processing activity (art. 35(3), the AP's list, WP248).
CREATE TABLE dpia_screenings (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    answers      TEXT NOT NULL DEFAULT '{}',
    outcome      TEXT NOT NULL,
    reasons      TEXT NOT NULL DEFAULT '[]',
    note         TEXT NOT NULL DEFAULT '',
    screened_by  TEXT NOT NULL DEFAULT '',
    screened_at  TIMESTAMP NOT NULL
);
CREATE INDEX dpia_screenings_org_activity ON dpia_screenings(org_id, activity_id);

-- DPIA records; risks and measures as JSON in "data".
CREATE TABLE dpias (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    activity_id     INTEGER REFERENCES activities(id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    state           TEXT NOT NULL,
    residual_level  TEXT NOT NULL DEFAULT '',
    next_review_at  TIMESTAMP,
    data            TEXT NOT NULL DEFAULT '{}',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX dpias_org ON dpias(org_id, next_review_at);

-- Secret calendar feed addresses per user; only the hash is kept.
CREATE TABLE ical_feeds (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    revoked_at  TIMESTAMP
);
CREATE INDEX ical_feeds_user ON ical_feeds(user_id);

-- The published privacy statement (arts. 13/14) per organisation: a
-- snapshot of the text as the privacy officer approved it.
CREATE TABLE privacy_statements (
    org_id        INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    lang          TEXT NOT NULL,
    body          TEXT NOT NULL,
    published     BOOLEAN NOT NULL DEFAULT FALSE,
    published_at  TIMESTAMP,
    published_by  TEXT NOT NULL DEFAULT ''
);

-- +goose Down
DROP TABLE privacy_statements;
DROP TABLE ical_feeds;
DROP TABLE dpias;
DROP TABLE dpia_screenings;
DROP TABLE request_reminders;
DROP TABLE subject_requests;
