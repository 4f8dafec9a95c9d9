-- The daily email digest a client may ask for in the portal ("Meus dados"), per
-- client record (per firm). `digest_since`: NULL when off; when on, news counts
-- from then (or from the last digest, `digest_sent_at`). `digest_locale`: the
-- language the client asked in.
ALTER TABLE clients ADD COLUMN digest_since BIGINT;
ALTER TABLE clients ADD COLUMN digest_sent_at BIGINT;
ALTER TABLE clients ADD COLUMN digest_locale TEXT;
