-- conversation-manager, version 2: order-independent persistence, normalized numbers for access checks, media state.

-- Rank of a Twilio message status: a status only replaces a lower-ranked one, so callbacks may arrive in any order.
-- failed / undelivered / canceled outrank everything: they are terminal. Unknown statuses rank 0 (never win).
CREATE FUNCTION message_status_rank(status TEXT) RETURNS INTEGER
    LANGUAGE SQL IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE status
           WHEN 'accepted' THEN 1
           WHEN 'scheduled' THEN 1
           WHEN 'queued' THEN 2
           WHEN 'sending' THEN 3
           WHEN 'receiving' THEN 3
           WHEN 'sent' THEN 4
           WHEN 'received' THEN 5
           WHEN 'delivered' THEN 5
           WHEN 'partially_delivered' THEN 5
           WHEN 'read' THEN 6
           WHEN 'undelivered' THEN 7
           WHEN 'failed' THEN 7
           WHEN 'canceled' THEN 7
           ELSE 0
       END
$$;

ALTER TABLE messages
    -- from_number/to_number keep Twilio's form (whatsapp:+1..., or a chat identity); these hold the bare E.164 number
    -- (null when the address is not a phone number) and are what users.phone_number is matched against.
    ADD COLUMN from_e164 TEXT,
    ADD COLUMN to_e164 TEXT,
    -- When message.added landed. Null: a placeholder row made by an update, status or removal that came first.
    ADD COLUMN added_at TIMESTAMPTZ,
    -- Download state of media_items: none (no media) | pending | stored | failed (retried later).
    ADD COLUMN media_status TEXT NOT NULL DEFAULT 'none' CHECK (media_status IN ('none', 'pending', 'stored', 'failed')),
    ADD COLUMN media_error TEXT,
    ADD COLUMN media_attempts INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN media_retry_at TIMESTAMPTZ;
UPDATE messages SET added_at = created_at;
CREATE INDEX messages_from_e164 ON messages (from_e164);
CREATE INDEX messages_to_e164 ON messages (to_e164);
CREATE INDEX messages_media_retry ON messages (media_retry_at) WHERE media_status = 'failed';

ALTER TABLE message_events
    ADD COLUMN from_e164 TEXT,
    ADD COLUMN to_e164 TEXT;

ALTER TABLE conversation_participants
    ADD COLUMN address_e164 TEXT,              -- MessagingBinding.Address as bare E.164 (null for chat participants)
    ADD COLUMN added_at TIMESTAMPTZ,           -- when onParticipantAdded landed (null: only the removal was seen)
    ADD COLUMN last_event_id TEXT;
CREATE INDEX conversation_participants_address_e164 ON conversation_participants (address_e164);
