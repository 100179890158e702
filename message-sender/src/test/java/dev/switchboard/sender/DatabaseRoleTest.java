package dev.switchboard.sender;

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
 * message-sender connects as its own role: its outbound log, and reads of who may send into a gig conversation. It
 * cannot read stored messages, media or the event log, nor change users, participants or tasks.
 */
@QuarkusTest
class DatabaseRoleTest {

    @Inject
    Pool pool;

    @Test
    void messageSenderConnectsAsItsOwnRole() {
        assertEquals("switchboard_message_sender", role(pool));
    }

    @Test
    void messageSenderKeepsItsOutboundLogAndReadsWhoMaySend() {
        assertFalse(refused(pool, "SELECT count(*) FROM outbound_messages"));
        assertFalse(refused(pool, "SELECT count(*) FROM conversation_participants"));
        assertFalse(refused(pool, "SELECT count(*) FROM gig_conversations"));
    }

    @Test
    void messageSenderMayNotReadMessagesMediaOrTheLogNorChangeWhoMaySend() {
        assertTrue(refused(pool, "SELECT count(*) FROM messages"));
        assertTrue(refused(pool, "SELECT count(*) FROM media_objects"));
        assertTrue(refused(pool, "SELECT count(*) FROM message_events"));
        assertTrue(refused(pool, "INSERT INTO conversation_participants (participant_sid, conversation_sid, identity)"
                + " VALUES ('MB0', 'CH0', 'mallory')"));
        assertTrue(refused(pool, "UPDATE gig_conversations SET state = 'open'"));
        assertTrue(refused(pool, "UPDATE users SET points = points + 1000"));
        assertTrue(refused(pool, "DELETE FROM tasks"));
    }
}
