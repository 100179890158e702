-- Per-sender pacing (message-sender send.SenderPacing): Twilio sends each number's messages at a fixed rate (messages
-- per second) and queues the rest. message-sender keeps each paced sender's next free send slot here, shared by all
-- of its replicas: each send reserves the next slot (one UPDATE of the sender's row) and calls Twilio no earlier.
CREATE TABLE sender_pacing (
    sender     TEXT PRIMARY KEY,          -- the From: a number, whatsapp:number, or a Messaging Service SID
    next_slot  TIMESTAMPTZ NOT NULL       -- the earliest time the next send from it may go to Twilio
);
GRANT SELECT, INSERT, UPDATE ON sender_pacing TO switchboard_message_sender;
