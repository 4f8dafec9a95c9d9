-- Portable across SQLite and PostgreSQL: TEXT ids made by the app,
-- BIGINT epoch-millisecond times, BIGINT 0/1 flags, ISO dates as TEXT.

CREATE TABLE workspaces (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE staff (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    email          TEXT NOT NULL,
    name           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL,
    active         BIGINT NOT NULL DEFAULT 1,
    created_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX staff_email_unique ON staff (email);
CREATE INDEX staff_workspace ON staff (workspace_id);

CREATE TABLE teams (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX teams_name_unique ON teams (workspace_id, name);

CREATE TABLE team_members (
    team_id   TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    staff_id  TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, staff_id)
);

CREATE TABLE clients (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    phone         TEXT NOT NULL DEFAULT '',
    document      TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX clients_email_unique ON clients (workspace_id, email);

CREATE TABLE matters (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    reference     TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL DEFAULT '',
    deadline      TEXT,
    status        TEXT NOT NULL,
    visibility    TEXT NOT NULL,
    team_id       TEXT REFERENCES teams(id) ON DELETE SET NULL,
    owner_id      TEXT NOT NULL REFERENCES staff(id),
    archived      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX matters_workspace ON matters (workspace_id, archived, updated_at);

CREATE TABLE matter_parties (
    matter_id  TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    client_id  TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    PRIMARY KEY (matter_id, client_id)
);
CREATE INDEX matter_parties_client ON matter_parties (client_id);

-- from_matter is an appeal/offshoot of (or merely related to) to_matter.
CREATE TABLE matter_links (
    id              TEXT PRIMARY KEY,
    from_matter_id  TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    to_matter_id    TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX matter_links_unique ON matter_links (from_matter_id, to_matter_id);
CREATE INDEX matter_links_to ON matter_links (to_matter_id);

CREATE TABLE stages (
    id         TEXT PRIMARY KEY,
    matter_id  TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    done       BIGINT NOT NULL DEFAULT 0,
    position   BIGINT NOT NULL
);
CREATE INDEX stages_matter ON stages (matter_id, position);

CREATE TABLE board_columns (
    id         TEXT PRIMARY KEY,
    matter_id  TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    position   BIGINT NOT NULL,
    is_done    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX board_columns_matter ON board_columns (matter_id, position);

CREATE TABLE tasks (
    id           TEXT PRIMARY KEY,
    matter_id    TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    column_id    TEXT NOT NULL REFERENCES board_columns(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    due_on       TEXT,
    assignee_id  TEXT REFERENCES staff(id) ON DELETE SET NULL,
    is_public    BIGINT NOT NULL DEFAULT 0,
    position     BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX tasks_column ON tasks (column_id, position);
CREATE INDEX tasks_matter ON tasks (matter_id);

-- tower-sessions records; only a hash of the session id is stored.
CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
