-- A matter's documents, uploaded by staff into the same store as ticket
-- attachments (the orphan sweep keeps every file a document or an attachment
-- names). `shared`: whether clients with the documents block may download it
-- (on by default); `shared_at`: when it last became visible to them (news since a
-- client's last visit).
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    matter_id     TEXT NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    storage_key   TEXT NOT NULL,
    uploaded_by   TEXT REFERENCES staff(id) ON DELETE SET NULL,
    shared        BIGINT NOT NULL DEFAULT 1,
    shared_at     BIGINT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX documents_matter ON documents (matter_id, created_at);
CREATE INDEX documents_storage ON documents (storage_key);
