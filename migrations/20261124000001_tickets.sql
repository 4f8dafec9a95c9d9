-- Tickets: client requests in a matter, their conversation and status history,
-- internal notes, per-staff read marks, status names per workspace, and the task
-- made from a ticket.

CREATE TABLE tickets (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    matter_id     TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    client_id     TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    number        BIGINT NOT NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    priority      TEXT NOT NULL,
    priority_rank BIGINT NOT NULL,
    state         TEXT NOT NULL,
    task_id       TEXT REFERENCES tasks(id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX tickets_number ON tickets (workspace_id, number);
CREATE INDEX tickets_inbox ON tickets (workspace_id, created_at);
CREATE INDEX tickets_inbox_state ON tickets (workspace_id, state, created_at);
CREATE INDEX tickets_matter ON tickets (matter_id, created_at);
CREATE INDEX tickets_client ON tickets (client_id, created_at);
CREATE INDEX tickets_task ON tickets (task_id);

-- What happened on a ticket: a message (client or staff), an internal note (staff
-- only, never shown to the client) or a status change.
CREATE TABLE ticket_events (
    id               TEXT PRIMARY KEY,
    ticket_id        TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    author_staff_id  TEXT REFERENCES staff(id) ON DELETE SET NULL,
    author_client_id TEXT REFERENCES clients(id) ON DELETE SET NULL,
    body             TEXT NOT NULL DEFAULT '',
    state            TEXT,
    created_at       BIGINT NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, created_at);

-- When each staff member last opened each ticket (the inbox's unread marker).
CREATE TABLE ticket_reads (
    ticket_id  TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    staff_id   TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    read_at    BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, staff_id)
);

-- A workspace's names for the fixed states (received, in_progress, done, closed).
CREATE TABLE ticket_status_names (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    state         TEXT NOT NULL,
    name          TEXT NOT NULL,
    PRIMARY KEY (workspace_id, state)
);

-- Files attached to a ticket. The bytes live in the attachment store (local disk by
-- default) under `storage_key`; the row is written after the file is in place.
CREATE TABLE attachments (
    id            TEXT PRIMARY KEY,
    ticket_id     TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    storage_key   TEXT NOT NULL,
    uploaded_by   TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX attachments_ticket ON attachments (ticket_id, created_at);
CREATE UNIQUE INDEX attachments_key ON attachments (storage_key);
