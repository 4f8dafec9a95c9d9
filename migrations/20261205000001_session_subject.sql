-- Whose session a row is ('staff:<id>', 'client:<email>'), so a password reset can
-- end that person's other sessions. Rows saved before this have none until saved again.
ALTER TABLE sessions ADD COLUMN subject TEXT;
CREATE INDEX sessions_subject ON sessions (subject);
