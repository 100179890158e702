-- task.completed joins the durable event log, so a stream resumes from it like from any message event, on any
-- gateway replica and after any pause (it was kept only in each replica's two-minute memory). Its row carries the
-- user it is for; its conversation_key is that of the message that completed the task.
ALTER TABLE message_events ADD COLUMN user_id BIGINT;
CREATE INDEX message_events_user ON message_events (user_id, seq) WHERE user_id IS NOT NULL;

-- The gateway's catch-up reads a user's events by conversation, number and chat identity after a seq: each of these
-- is served by an index on (key, seq), so a user with few events never walks the log.
CREATE INDEX message_events_from_number ON message_events (from_number, seq);
CREATE INDEX message_events_to_number ON message_events (to_number, seq);
CREATE INDEX message_events_author ON message_events ((payload->'data'->>'author'), seq);
