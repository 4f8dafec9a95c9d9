-- Movements ("andamentos"): dated entries in a matter's history. `source` is
-- 'manual' (written by staff) or the feed that brought it ('datajud', 'import');
-- a feed's entries carry the feed's own id, so fetching again adds nothing twice
-- (NULL external ids, the manual ones, never collide).
CREATE TABLE movements (
    id           TEXT PRIMARY KEY,
    matter_id    TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    -- 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM' when the feed gives the time.
    occurred_at  TEXT NOT NULL,
    body         TEXT NOT NULL,
    source       TEXT NOT NULL,
    external_id  TEXT,
    author_id    TEXT REFERENCES staff(id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX movements_matter ON movements (matter_id, occurred_at);
CREATE UNIQUE INDEX movements_external ON movements (matter_id, source, external_id);

-- The staff's glossary: a phrase found in movements and what it means, in words a
-- client understands. `phrase_key` is the phrase lower-cased (matching, uniqueness).
CREATE TABLE glossary (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    phrase        TEXT NOT NULL,
    phrase_key    TEXT NOT NULL,
    explanation   TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX glossary_phrase ON glossary (workspace_id, phrase_key);

-- Whether the starter glossary was given to the workspace (once: entries staff
-- delete stay deleted).
ALTER TABLE workspaces ADD COLUMN glossary_seeded BIGINT NOT NULL DEFAULT 0;

-- The last DataJud sync of a matter: when, its outcome ('ok' or what went wrong, a
-- translation key) and how many movements it added.
ALTER TABLE matters ADD COLUMN sync_at BIGINT;
ALTER TABLE matters ADD COLUMN sync_status TEXT;
ALTER TABLE matters ADD COLUMN sync_added BIGINT NOT NULL DEFAULT 0;
