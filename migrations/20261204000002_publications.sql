-- Publications ("publicações"): what the official journals published about a
-- matter. Added by staff ('manual') or by a feed ('import', with the feed's own id,
-- so a second import adds nothing twice). Clients see a publication only once staff
-- have reviewed it (`reviewed_at`); that moment is also when it counts as news.
CREATE TABLE publications (
    id            TEXT PRIMARY KEY,
    matter_id     TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    published_on  TEXT NOT NULL,
    journal       TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL,
    source        TEXT NOT NULL,
    external_id   TEXT,
    author_id     TEXT REFERENCES staff(id) ON DELETE SET NULL,
    reviewed_at   BIGINT,
    reviewed_by   TEXT REFERENCES staff(id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX publications_matter ON publications (matter_id, published_on);
CREATE UNIQUE INDEX publications_external ON publications (matter_id, source, external_id);
