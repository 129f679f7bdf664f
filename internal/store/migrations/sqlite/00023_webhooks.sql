-- +goose Up
-- Outgoing webhooks (Standard Webhooks). An endpoint's secret is sealed
-- (it must be read back to sign). A delivery is one message to one
-- endpoint, written in the transaction of the change it tells of and
-- claimed with a lease by the process that sends it, so several serve
-- processes send it once. webhook_events_sent keeps the dedupe key of a
-- time-based event (a deadline per object), so it is enqueued once.
CREATE TABLE webhook_endpoints (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    url             TEXT NOT NULL,
    events          TEXT NOT NULL,
    secret          TEXT NOT NULL,
    include_details BOOLEAN NOT NULL DEFAULT FALSE,
    enabled         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX webhook_endpoints_org ON webhook_endpoints(org_id, id);

CREATE TABLE webhook_deliveries (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL,
    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    msg_id      TEXT NOT NULL UNIQUE,
    event_type  TEXT NOT NULL,
    payload     TEXT NOT NULL,
    state       TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     TIMESTAMP NOT NULL,
    lease_owner TEXT NOT NULL DEFAULT '',
    lease_until TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    done_at     TIMESTAMP
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, id);

CREATE TABLE webhook_attempts (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL,
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    at          TIMESTAMP NOT NULL,
    status      INTEGER NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, id);

CREATE TABLE webhook_events_sent (
    org_id     INTEGER NOT NULL,
    key        TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, key)
);

-- +goose Down
DROP TABLE webhook_events_sent;
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
