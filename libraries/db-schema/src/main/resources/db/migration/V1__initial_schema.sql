-- Switchboard schema, version 1. Owned by conversation-manager (it runs Flyway at start); the other services read.
-- Names and columns stay compatible with the earlier designs (users, tasks, feed, messages) so their data can move over.

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    username      TEXT,
    phone_number  TEXT UNIQUE,              -- E.164, without a whatsapp: prefix
    chat_identity TEXT UNIQUE,              -- Twilio Conversations identity of the app user
    points        BIGINT NOT NULL DEFAULT 0 CHECK (points >= 0)
);

CREATE TABLE tasks (
    id           BIGSERIAL PRIMARY KEY,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    user_id      BIGINT NOT NULL REFERENCES users (id),
    description  TEXT,
    due_time     TIMESTAMPTZ,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'cancelled', 'expired')),
    points       INTEGER CHECK (points >= 0),   -- null: the configured default
    completed_at TIMESTAMPTZ
);
CREATE INDEX tasks_user_status ON tasks (user_id, status);

CREATE TABLE messages (
    id                    BIGSERIAL PRIMARY KEY,
    message_sid           TEXT NOT NULL UNIQUE,
    account_sid           TEXT,
    conversation_sid      TEXT,
    conversation_key      TEXT NOT NULL,        -- ConversationSid, or the two numbers of an SMS/WhatsApp exchange
    channel               TEXT NOT NULL,        -- sms | whatsapp | chat
    from_number           TEXT,
    to_number             TEXT,
    author                TEXT,
    body                  TEXT,
    attributes            TEXT,
    conversation_index    INTEGER,
    num_media             INTEGER NOT NULL DEFAULT 0,
    media_items           JSONB NOT NULL DEFAULT '[]',
    storage_urls          JSONB NOT NULL DEFAULT '[]',
    status                TEXT,
    error_code            INTEGER,
    error_message         TEXT,
    twilio_params         JSONB NOT NULL DEFAULT '{}',
    processed             BOOLEAN NOT NULL DEFAULT false,
    sent_at               TIMESTAMPTZ,          -- Twilio's DateCreated
    twilio_updated_at     TIMESTAMPTZ,          -- Twilio's DateUpdated: an older update never overwrites a newer one
    last_event_id         TEXT,                 -- id of the event that last changed the row (resumable cursor)
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    removed_at            TIMESTAMPTZ
);
CREATE INDEX messages_conversation ON messages (conversation_key, id);
CREATE INDEX messages_conversation_sid ON messages (conversation_sid, id) WHERE conversation_sid IS NOT NULL;
CREATE INDEX messages_from ON messages (from_number);
CREATE INDEX messages_to ON messages (to_number);

CREATE TABLE feed (
    id           BIGSERIAL PRIMARY KEY,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    user_id      BIGINT NOT NULL REFERENCES users (id),
    task_id      BIGINT NOT NULL UNIQUE REFERENCES tasks (id),   -- one post per completed task
    message_sid  TEXT NOT NULL,
    image_url    TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'published',
    post_content TEXT
);
CREATE INDEX feed_newest ON feed (created_at DESC, id DESC);

CREATE TABLE gig_conversations (
    id               BIGSERIAL PRIMARY KEY,
    gig_id           TEXT NOT NULL UNIQUE,
    conversation_sid TEXT NOT NULL UNIQUE,
    unique_name      TEXT NOT NULL UNIQUE,
    state            TEXT NOT NULL DEFAULT 'active',   -- participants: conversation_participants, by conversation_sid
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_at        TIMESTAMPTZ
);

-- Who takes part in which Twilio Conversation: what the realtime gateway routes by.
CREATE TABLE conversation_participants (
    participant_sid  TEXT PRIMARY KEY,
    conversation_sid TEXT NOT NULL,
    identity         TEXT,
    address          TEXT,
    proxy_address    TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    removed_at       TIMESTAMPTZ
);
CREATE INDEX conversation_participants_conversation ON conversation_participants (conversation_sid);
CREATE INDEX conversation_participants_identity ON conversation_participants (identity);
CREATE INDEX conversation_participants_address ON conversation_participants (address);

-- Where the bytes of each stored media item live (the earlier design's storage bucket).
CREATE TABLE media_objects (
    id            BIGSERIAL PRIMARY KEY,
    message_sid   TEXT NOT NULL,
    media_index   INTEGER NOT NULL,
    media_sid     TEXT,
    content_type  TEXT NOT NULL,
    size_bytes    BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    storage       TEXT NOT NULL CHECK (storage IN ('database', 'file', 's3')),
    storage_key   TEXT NOT NULL,
    bytes         BYTEA,                       -- only for storage = 'database'
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (message_sid, media_index)
);

-- message-sender's log: every request is recorded before Twilio is called.
CREATE TABLE outbound_messages (
    id                UUID PRIMARY KEY,
    idempotency_key   TEXT NOT NULL UNIQUE,     -- command id or Idempotency-Key header
    channel           TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp', 'conversation')),
    to_address        TEXT,
    from_address      TEXT,
    conversation_sid  TEXT,
    author            TEXT,
    body              TEXT,
    media_urls        JSONB NOT NULL DEFAULT '[]',
    content_sid       TEXT,
    content_variables JSONB,
    attributes        TEXT,
    requested_by      TEXT,
    state             TEXT NOT NULL CHECK (state IN ('requested', 'sending', 'sent', 'failed', 'ambiguous')),
    twilio_sid        TEXT UNIQUE,
    twilio_status     TEXT,
    error_code        INTEGER,
    error_message     TEXT,
    attempts          INTEGER NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX outbound_messages_state ON outbound_messages (state, updated_at);

-- Every message event applied by the persistence consumer, in the order it was stored: the durable log behind
-- history paging and the realtime gateway's catch-up. Its event_id (UUIDv7) is the cursor clients hold
-- (SSE id:, Last-Event-ID, ?after=); seq orders the log and is what a cursor is resolved to.
CREATE TABLE message_events (
    seq              BIGSERIAL PRIMARY KEY,
    event_id         TEXT NOT NULL UNIQUE,
    type             TEXT NOT NULL,
    message_sid      TEXT,
    conversation_key TEXT NOT NULL,
    from_number      TEXT,
    to_number        TEXT,
    payload          JSONB NOT NULL,             -- the event as it was on Kafka (EventJson)
    stored_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX message_events_conversation ON message_events (conversation_key, seq);

-- Events a consumer has already applied, written in the same transaction as their effects: redelivery is a no-op.
CREATE TABLE processed_events (
    consumer     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
