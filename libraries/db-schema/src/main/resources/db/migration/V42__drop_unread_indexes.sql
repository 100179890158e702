-- Two indexes no statement reads any more, each written with every row: messages (to_number) — history filters by the
-- sender (from_number, from_e164) and by a user's e164 numbers, never by to_number — and message_events by chat
-- author (payload->'data'->>'author', seq), which the gateway's catch-up used until authorship stopped granting
-- access to a conversation (its branches now: conversation, from_number, to_number, user). Every log entry evaluated
-- that expression on its payload and inserted a key, NULL for SMS and WhatsApp.
DROP INDEX messages_to;
DROP INDEX message_events_author;
