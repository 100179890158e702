-- Task completion (conversation-manager, consumer group task-completion).

-- One post per message as well as one per task (feed.task_id is unique since V1).
ALTER TABLE feed ADD CONSTRAINT feed_message_sid_key UNIQUE (message_sid);
-- Which media item of the message is the post's image (served at feed.image_url = /feed/{id}/image).
ALTER TABLE feed ADD COLUMN image_index INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN completed_by_message_sid TEXT UNIQUE;

-- Kafka records that must leave after a database commit (replies, task.completed), written in the same transaction
-- as the effects they announce. OutboxRelay publishes and stamps them; a crash between the two publishes a record
-- twice, which its consumers absorb (message-sender dedups on the command id, SSE clients on the event id).
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        TEXT NOT NULL,
    record_key   TEXT NOT NULL,
    payload      JSONB NOT NULL,            -- the Event exactly as EventJson wrote it
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
