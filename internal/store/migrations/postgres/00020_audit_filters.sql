-- +goose Up
-- The audit trail is read a page at a time, newest first, filtered by the
-- kind of object or by who made the change: these keep such a page an
-- index walk however long the trail grows.
CREATE INDEX audit_log_entity_seq ON audit_log(org_id, entity, seq);
CREATE INDEX audit_log_actor_seq ON audit_log(org_id, actor, seq);

-- +goose Down
DROP INDEX audit_log_actor_seq;
DROP INDEX audit_log_entity_seq;
