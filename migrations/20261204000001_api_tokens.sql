-- Per-workspace API tokens for the import endpoint. The secret is shown once, when
-- it is made; only its SHA-256 is kept, with its last four characters to tell
-- tokens apart. A revoked token stays listed (who made it, when it was revoked).
CREATE TABLE api_tokens (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    hint          TEXT NOT NULL,
    created_by    TEXT REFERENCES staff(id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);
CREATE INDEX api_tokens_workspace ON api_tokens (workspace_id, created_at);
