-- The inbox orders by ticket number (numbers follow creation): one index per
-- filter-and-order it offers, so a page of 50 reads 50 index entries, not the
-- whole workspace. (workspace_id, number) is the unique index tickets_number.
DROP INDEX tickets_inbox;
DROP INDEX tickets_inbox_state;
CREATE INDEX tickets_inbox_state ON tickets (workspace_id, state, number);
CREATE INDEX tickets_inbox_priority ON tickets (workspace_id, priority_rank, number);
-- A client's tickets in one matter (the portal's matter page), newest first.
CREATE INDEX tickets_client_matter ON tickets (client_id, matter_id, created_at);
