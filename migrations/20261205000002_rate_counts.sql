-- Attempts per key (a SHA-256 of an account or an address) in the current minute,
-- shared by every instance on the database.
CREATE TABLE rate_counts (
    key_hash     TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL
);
CREATE INDEX rate_counts_window ON rate_counts (window_start);
