-- When a client-visible part of a matter last changed, per block, so "since your
-- last visit" counts only what the client can see (matters.updated_at also moves
-- when a private task changes).
ALTER TABLE matters ADD COLUMN deadline_changed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE matters ADD COLUMN schedule_changed_at BIGINT NOT NULL DEFAULT 0;
UPDATE matters SET deadline_changed_at = updated_at, schedule_changed_at = updated_at;
CREATE INDEX tasks_matter_public_updated ON tasks (matter_id, is_public, updated_at);

-- Ticket numbers come from a per-workspace counter taken with an atomic UPDATE in the
-- ticket's transaction (MAX(number)+1 let two PostgreSQL transactions take the same one).
ALTER TABLE workspaces ADD COLUMN ticket_seq BIGINT NOT NULL DEFAULT 0;
UPDATE workspaces SET ticket_seq = COALESCE((SELECT MAX(t.number) FROM tickets t WHERE t.workspace_id = workspaces.id), 0);
