-- Least privilege: message-sender and the realtime gateway connect as roles of their own that may do only what
-- they do. conversation-manager owns the schema (it migrates it) and connects as the owner.
--
-- The roles are made LOGIN without a password: where the database asks for passwords (every deployment) nobody can
-- sign in as them until the operator sets one (ALTER ROLE ... PASSWORD, docs/reliability.md "Database roles"); an
-- operator may also create them beforehand, and then this only grants. Roles are cluster-wide: a second database
-- in the same cluster finds them made.
DO $$
DECLARE
    r TEXT;
BEGIN
    FOREACH r IN ARRAY ARRAY['switchboard_message_sender', 'switchboard_realtime_gateway'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I LOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- made meanwhile by a migration of another database in this cluster
            END;
        END IF;
    END LOOP;
END
$$;

-- message-sender: its outbound log (sends, idempotency, statuses, purge); who may send into a gig conversation.
GRANT SELECT, INSERT, UPDATE, DELETE ON outbound_messages TO switchboard_message_sender;
GRANT SELECT ON users, conversation_participants, gig_conversations TO switchboard_message_sender;

-- realtime-gateway: the durable event log (catch-up) and who reads what.
GRANT SELECT ON message_events, conversation_participants, users TO switchboard_realtime_gateway;

-- Both verify client tokens, and a first sign-in may link the user with the token's phone number (rest-support
-- UserDirectory): that is the one column they write outside their own tables.
GRANT UPDATE (auth_id) ON users TO switchboard_message_sender, switchboard_realtime_gateway;
