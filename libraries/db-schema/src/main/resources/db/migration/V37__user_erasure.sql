-- Erasure (conversation-manager erasure package): an erased user's row stays, scrubbed, so the id is never reused
-- and erasing again answers 200 with nothing left to remove; erased_at says when.
ALTER TABLE users ADD COLUMN erased_at TIMESTAMPTZ;
-- Erasure deletes the log rows of the user's messages by message SID, status events included.
CREATE INDEX message_events_message_sid ON message_events (message_sid) WHERE message_sid IS NOT NULL;
