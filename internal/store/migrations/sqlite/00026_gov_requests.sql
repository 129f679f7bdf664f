-- +goose Up
-- Government data requests (issue 16; seed 001 art. 9): a request or
-- order of a supervisor, government, investigation, prosecution or
-- national-security body for personal data the processor (org_id) holds
-- for one controller, the customer of agreement_id. The agreement is not
-- deleted from under a request (no cascade): the record is evidence of
-- what was asked, told and provided.
CREATE TABLE gov_requests (
    id                INTEGER PRIMARY KEY,
    org_id            INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    agreement_id      INTEGER NOT NULL REFERENCES agreements(id),
    authority         TEXT NOT NULL,
    authority_kind    TEXT NOT NULL,
    legal_basis       TEXT NOT NULL DEFAULT '',
    received_at       TIMESTAMP NOT NULL,
    data_asked        TEXT NOT NULL,
    decision          TEXT NOT NULL,
    told_at           TIMESTAMP,
    gag               BOOLEAN NOT NULL DEFAULT FALSE,
    gag_reason        TEXT NOT NULL DEFAULT '',
    gag_lifted_at     TIMESTAMP,
    legal_check_at    TIMESTAMP,
    legal_check_note  TEXT NOT NULL DEFAULT '',
    provided          TEXT NOT NULL DEFAULT '',
    answered_at       TIMESTAMP,
    necessity_note    TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX gov_requests_org ON gov_requests(org_id, received_at);
-- The controller's view goes from its link to the processor's agreement.
CREATE INDEX gov_requests_agreement ON gov_requests(agreement_id, org_id);

-- +goose Down
DROP TABLE gov_requests;
