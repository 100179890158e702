package dev.switchboard.realtime;

import dev.switchboard.testing.DatabaseRoleContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/**
 * The gateway connects as its own role, which reads the event log and who may read what, and writes nothing but a
 * first sign-in's link: a compromised gateway cannot forge history or read stored messages and media.
 */
@QuarkusTest
class DatabaseRoleTest extends DatabaseRoleContract {

    DatabaseRoleTest() {
        super("switchboard_realtime_gateway",
                List.of("SELECT count(*) FROM message_events", "SELECT count(*) FROM conversation_participants",
                        "SELECT count(*) FROM users"),
                List.of("DELETE FROM message_events",
                        "INSERT INTO conversation_participants (participant_sid, conversation_sid, identity)"
                                + " VALUES ('MB0', 'CH0', 'mallory')",
                        "UPDATE users SET points = points + 1000", "SELECT count(*) FROM messages",
                        "SELECT count(*) FROM media_objects", "SELECT count(*) FROM tasks",
                        "SELECT count(*) FROM outbound_messages"));
    }
}
