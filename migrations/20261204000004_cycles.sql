-- Recurring projects: a matter may have a cycle (a week, a month, or N days, from a
-- start date) and an hours budget per cycle (kept in minutes). Staff log time on
-- the matter's tasks; an entry outlives its task (task_id set NULL) so a cycle's
-- total never shrinks when a task is deleted.
ALTER TABLE matters ADD COLUMN cycle_unit TEXT;
ALTER TABLE matters ADD COLUMN cycle_days BIGINT;
ALTER TABLE matters ADD COLUMN cycle_start TEXT;
ALTER TABLE matters ADD COLUMN cycle_budget_minutes BIGINT;

CREATE TABLE time_entries (
    id          TEXT PRIMARY KEY,
    matter_id   TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    task_id     TEXT REFERENCES tasks(id) ON DELETE SET NULL,
    staff_id    TEXT REFERENCES staff(id) ON DELETE SET NULL,
    worked_on   TEXT NOT NULL,
    minutes     BIGINT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL
);
CREATE INDEX time_entries_matter ON time_entries (matter_id, worked_on);
CREATE INDEX time_entries_task ON time_entries (task_id);
