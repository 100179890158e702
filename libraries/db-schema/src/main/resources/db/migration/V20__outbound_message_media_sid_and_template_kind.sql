-- message-sender sends from the recorded row (a repeated request may pick up a row a crashed attempt left behind),
-- so the row holds everything a send needs: the Conversations media SID, and the kind of message that picks the
-- WhatsApp template used when Twilio refuses a free-form message outside the 24-hour window (63016).
ALTER TABLE outbound_messages
    ADD COLUMN media_sid     TEXT,
    ADD COLUMN template_kind TEXT;
