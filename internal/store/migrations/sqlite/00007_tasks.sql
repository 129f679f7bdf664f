-- +goose Up
-- Recurring tasks of the administration (policy evaluation, retention
-- clean-up, annual report ...): every N months in a window of a few
-- months, anchored to a year. last_done_at is the newest completion.
CREATE TABLE tasks (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    every_months   INTEGER NOT NULL,
    start_month    INTEGER NOT NULL,
    window_months  INTEGER NOT NULL,
    anchor_year    INTEGER NOT NULL,
    owner_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    activity_id    INTEGER REFERENCES activities(id) ON DELETE SET NULL,
    last_done_at   TIMESTAMP,
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX tasks_org ON tasks(org_id, title);

-- Each time a task was done: when, by whom, with a note.
CREATE TABLE task_completions (
    id       INTEGER PRIMARY KEY,
    org_id   INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    done_at  TIMESTAMP NOT NULL,
    done_by  TEXT NOT NULL DEFAULT '',
    note     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX task_completions_task ON task_completions(org_id, task_id, done_at);

-- +goose Down
DROP TABLE task_completions;
DROP TABLE tasks;
