-- Retention: each purge deletes its oldest rows in small batches, found through an index on the time it ages by
-- (conversation-manager retention package, message-sender outbound OutboundPurge). Without these a batch would scan
-- the whole table to find its rows.
CREATE INDEX message_events_stored_at ON message_events (stored_at);
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
-- outbound_messages needs none: outbound_messages_state (state, updated_at) finds final rows by age.
