-- When the bot last sent a direct SMS/WhatsApp sender a hint ("no active task", "send a photo", "not registered"):
-- at most one per sender per switchboard.tasks.hint-interval, claimed in the transaction that queues the reply.
CREATE TABLE bot_hints (
    address      TEXT PRIMARY KEY,          -- the sender's bare E.164 number
    last_hint_at TIMESTAMPTZ NOT NULL
);
