package dev.switchboard.realtime;

import static dev.switchboard.testing.Privileges.refused;
import static dev.switchboard.testing.Privileges.role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The gateway connects as its own role, which reads the event log and who may read what, and writes nothing but a
 * first sign-in's link: a compromised gateway cannot forge history or read stored messages and media.
 */
@QuarkusTest
class DatabaseRoleTest {

    @Inject
    Pool pool;

    @Test
    void theGatewayConnectsAsItsOwnRole() {
        assertEquals("switchboard_realtime_gateway", role(pool));
    }

    @Test
    void theGatewayReadsTheEventLogAndWhoReadsWhat() {
        assertFalse(refused(pool, "SELECT count(*) FROM message_events"));
        assertFalse(refused(pool, "SELECT count(*) FROM conversation_participants"));
        assertFalse(refused(pool, "SELECT count(*) FROM users"));
    }

    @Test
    void theGatewayMayNotWriteTheLogNorReadMessagesMediaOrTasks() {
        assertTrue(refused(pool, "DELETE FROM message_events"));
        assertTrue(refused(pool, "INSERT INTO conversation_participants (participant_sid, conversation_sid, identity)"
                + " VALUES ('MB0', 'CH0', 'mallory')"));
        assertTrue(refused(pool, "UPDATE users SET points = points + 1000"));
        assertTrue(refused(pool, "SELECT count(*) FROM messages"));
        assertTrue(refused(pool, "SELECT count(*) FROM media_objects"));
        assertTrue(refused(pool, "SELECT count(*) FROM tasks"));
        assertTrue(refused(pool, "SELECT count(*) FROM outbound_messages"));
    }
}
