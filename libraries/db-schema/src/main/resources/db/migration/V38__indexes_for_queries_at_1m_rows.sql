-- Indexes the plans at 1,000,000 messages asked for (docs/design.md, "Queries at 1M rows"; QueryPlansAt1MTest).

-- A user's messages newest first (MessageRepository: /me/messages, /messages): one branch per number column reads the
-- user's rows in id order and stops at the page, instead of walking every message by id and testing each. The
-- (from_e164) and (to_e164) indexes are prefixes of these and go.
CREATE INDEX messages_from_e164_id ON messages (from_e164, id);
CREATE INDEX messages_to_e164_id ON messages (to_e164, id);
DROP INDEX messages_from_e164;
DROP INDEX messages_to_e164;

-- The media retry job's candidates (MediaRetryJob: failed with a retry time, or still pending) in the order it claims
-- them. Only rows whose download is not settled are in it (a failure given up on has no retry time), so the job reads
-- a handful of entries, not the table. It replaces the index of failed rows by retry time, which served no query.
CREATE INDEX messages_media_unsettled ON messages (id)
    WHERE (media_status = 'pending' OR (media_status = 'failed' AND media_retry_at IS NOT NULL)) AND removed_at IS NULL;
DROP INDEX messages_media_retry;
