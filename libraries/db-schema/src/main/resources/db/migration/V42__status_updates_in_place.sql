-- Twilio's status callbacks update a message twice after it is stored (sent, delivered): `messages.status` through
-- conversation-manager and `outbound_messages.twilio_status` through message-sender. Neither update changes an indexed
-- column, so PostgreSQL can write the new row version on the same page without a new entry in every index (a HOT
-- update: nine indexes on messages, six on outbound_messages) -- if the page has room. Pages left 15 % free give
-- them that room; it applies to pages written from now on (docs/benchmarks.md, "P6").
ALTER TABLE messages SET (fillfactor = 85);
ALTER TABLE outbound_messages SET (fillfactor = 85);
