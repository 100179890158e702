-- A message Switchboard sends is a message: message-sender announces each SMS/WhatsApp send Twilio accepted as a
-- message.added (direction outbound) on twilio.message-events, and conversation-manager stores it like any other.

-- Which way a stored message went. Rows stored before this version are all inbound (outbound sends were never
-- stored as messages); a placeholder row (a status seen before its add) is inbound until its add says otherwise.
ALTER TABLE messages
    ADD COLUMN direction TEXT NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound'));

-- The outbound log is its own outbox: added_event_id is chosen in the transaction that records Twilio's answer, so
-- the message.added has one id however often it is published (a republished one is a duplicate that consumers drop);
-- announced_at is stamped once Kafka acknowledged it. A row with an id and no stamp is published by the next relay.
ALTER TABLE outbound_messages
    ADD COLUMN added_event_id TEXT UNIQUE,
    ADD COLUMN announced_at TIMESTAMPTZ;
CREATE INDEX outbound_messages_unannounced ON outbound_messages (updated_at)
    WHERE added_event_id IS NOT NULL AND announced_at IS NULL;
