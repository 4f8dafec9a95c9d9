-- Sharing: client access (account or secret link), grants of blocks over a scope,
-- single-use client tokens, the mail outbox and the client access log.

-- How a client reaches the portal: NULL (never shared), 'account' or 'link'.
ALTER TABLE clients ADD COLUMN access_type TEXT;
-- SHA-256 of the client's secret link token (link access only), and its expiry.
ALTER TABLE clients ADD COLUMN link_hash TEXT;
ALTER TABLE clients ADD COLUMN link_expires_at BIGINT;
ALTER TABLE clients ADD COLUMN last_seen_at BIGINT;
CREATE UNIQUE INDEX clients_link_hash ON clients (link_hash);
CREATE INDEX clients_email ON clients (email);

-- A person's portal password; one login serves every firm where the email is a client.
CREATE TABLE client_logins (
    email          TEXT PRIMARY KEY,
    password_hash  TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);

-- A grant gives one client a set of blocks over a scope: one matter ('matter'), or
-- every matter where the client is a party ('parties').
CREATE TABLE grants (
    id               TEXT PRIMARY KEY,
    workspace_id     TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    client_id        TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    scope            TEXT NOT NULL,
    matter_id        TEXT REFERENCES matters(id) ON DELETE CASCADE,
    include_private  BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX grants_matter_unique ON grants (client_id, matter_id);
CREATE UNIQUE INDEX grants_parties_unique ON grants (client_id) WHERE scope = 'parties';
CREATE INDEX grants_workspace ON grants (workspace_id);
CREATE INDEX grants_matter ON grants (matter_id);

CREATE TABLE grant_blocks (
    grant_id  TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    block     TEXT NOT NULL,
    PRIMARY KEY (grant_id, block)
);

-- Invitation and password-reset tokens: only a hash, single use, with an expiry.
CREATE TABLE client_tokens (
    hash        TEXT PRIMARY KEY,
    purpose     TEXT NOT NULL,
    email       TEXT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX client_tokens_email ON client_tokens (email);

-- Mail waits here, written in the transaction of the change that caused it.
CREATE TABLE outbox (
    id               TEXT PRIMARY KEY,
    to_addr          TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    sent_at          BIGINT,
    last_error       TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

-- Which client viewed which matter, when, and how ('account' or 'link').
CREATE TABLE access_log (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    client_id     TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    matter_id     TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    via           TEXT NOT NULL,
    at            BIGINT NOT NULL
);
CREATE INDEX access_log_client ON access_log (client_id, matter_id, at);
CREATE INDEX access_log_workspace ON access_log (workspace_id, at);
