-- +goose Up
-- Request references (AVG-2026-007) numbered per organisation and year by
-- a counter row that the upsert locks until commit, as incidents are: the
-- count of existing requests gave two concurrent requests the same number.
CREATE TABLE request_counters (
    org_id BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    year   INTEGER NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (org_id, year)
);

-- +goose Down
DROP TABLE request_counters;
