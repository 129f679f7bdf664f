-- +goose Up
-- The head of each organisation's audit chain moves out of orgs into a
-- table of its own that no foreign key points at: a writer locks it as the
-- last step of its transaction without meeting the key-share locks that
-- inserts referring to the organisation take on orgs (see store.flushAudit).
CREATE TABLE audit_heads (
    org_id BIGINT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    seq    BIGINT NOT NULL DEFAULT 0,
    hash   TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_heads (org_id, seq, hash) SELECT id, audit_seq, audit_hash FROM orgs;
ALTER TABLE orgs DROP COLUMN audit_seq;
ALTER TABLE orgs DROP COLUMN audit_hash;

-- +goose Down
ALTER TABLE orgs ADD COLUMN audit_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN audit_hash TEXT NOT NULL DEFAULT '';
UPDATE orgs SET audit_seq = (SELECT seq FROM audit_heads WHERE org_id = orgs.id), audit_hash = (SELECT hash FROM audit_heads WHERE org_id = orgs.id)
    WHERE id IN (SELECT org_id FROM audit_heads);
DROP TABLE audit_heads;
