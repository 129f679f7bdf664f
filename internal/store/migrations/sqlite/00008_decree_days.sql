-- +goose Up
-- Days an organisation's beheerder equates with a public holiday, for a
-- royal decree (Algemene termijnenwet art. 3(3)) newer than the program.
-- "day" is the calendar date as YYYY-MM-DD: a date, not an instant.
CREATE TABLE decree_days (
    id        INTEGER PRIMARY KEY,
    org_id    INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    day       TEXT NOT NULL,
    title     TEXT NOT NULL,
    added_by  TEXT NOT NULL DEFAULT '',
    added_at  TIMESTAMP NOT NULL,
    UNIQUE (org_id, day)
);

-- +goose Down
DROP TABLE decree_days;
