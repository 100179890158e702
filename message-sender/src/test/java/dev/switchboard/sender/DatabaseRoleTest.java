package dev.switchboard.sender;

import dev.switchboard.testing.DatabaseRoleContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/**
 * message-sender connects as its own role: its outbound log, its senders' pacing, and reads of who may send into a gig
 * conversation. It cannot read stored messages, media or the event log, nor change users, participants or tasks.
 */
@QuarkusTest
class DatabaseRoleTest extends DatabaseRoleContract {

    DatabaseRoleTest() {
        super("switchboard_message_sender",
                List.of("SELECT count(*) FROM outbound_messages", "SELECT count(*) FROM conversation_participants",
                        "SELECT count(*) FROM gig_conversations",
                        "UPDATE sender_pacing SET next_slot = next_slot WHERE sender = 'none'"),
                List.of("SELECT count(*) FROM messages", "SELECT count(*) FROM media_objects",
                        "SELECT count(*) FROM message_events",
                        "INSERT INTO conversation_participants (participant_sid, conversation_sid, identity)"
                                + " VALUES ('MB0', 'CH0', 'mallory')",
                        "UPDATE gig_conversations SET state = 'open'", "UPDATE users SET points = points + 1000",
                        "DELETE FROM tasks", "DELETE FROM sender_pacing"));
    }
}
