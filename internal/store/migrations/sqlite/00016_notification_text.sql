-- +goose Up
-- The text of each notification to the AP as it was sent: the case as it
-- stood then, so a later follow-up does not rewrite what the first said.
ALTER TABLE incident_notifications ADD COLUMN text TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE incident_notifications DROP COLUMN text;
