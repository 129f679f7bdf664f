-- +goose Up
-- The dashboard and the calendar count the register's overdue reviews
-- (next review unplanned or past, not retired) and list the first ones,
-- never-planned first; this index holds just the current activities in
-- that order, so both are read from it alone. (On SQLite, migration 13 is
-- Go: it also rewrites the stored times in a sortable form; see
-- internal/store/times.go.)
CREATE INDEX activities_org_review_current ON activities(org_id, next_review_at NULLS FIRST, id) WHERE status <> 'retired';

-- +goose Down
DROP INDEX activities_org_review_current;
