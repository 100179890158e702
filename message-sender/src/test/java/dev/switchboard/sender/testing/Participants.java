package dev.switchboard.sender.testing;

import dev.switchboard.testing.SchemaOwner;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;

/**
 * Test data in conversation-manager's tables (users, conversation_participants, gig_conversations), which
 * message-sender only reads: written as the schema's owner, since message-sender's own role may not.
 */
public final class Participants {

    private Participants() {
    }

    /** Gives the user the Supabase Auth id their app's tokens carry as {@code sub}. */
    public static void signsInWithSupabase(long userId, UUID authId) {
        execute("UPDATE users SET auth_id = $1 WHERE id = $2", Tuple.of(authId, userId));
    }

    /** A new user with a chat identity; returns their users.id. */
    public static long user(String chatIdentity) {
        return SchemaOwner.pool()
                .preparedQuery("INSERT INTO users (username, chat_identity) VALUES ($1, $1) RETURNING id")
                .execute(Tuple.of(chatIdentity))
                .await().indefinitely()
                .iterator().next().getLong("id");
    }

    public static void join(String conversationSid, String identity, boolean removed) {
        execute("INSERT INTO conversation_participants (participant_sid, conversation_sid, identity, removed_at)"
                        + " VALUES ($1, $2, $3, " + (removed ? "now()" : "NULL") + ")",
                Tuple.of("MB" + UUID.randomUUID().toString().replace("-", ""), conversationSid, identity));
    }

    /** The gig_conversations row conversation-manager keeps for a gig's conversation, in {@code state}. */
    public static void gig(String conversationSid, String state) {
        String gig = "gig-" + UUID.randomUUID();
        execute("INSERT INTO gig_conversations (gig_id, conversation_sid, unique_name, state) VALUES ($1, $2, $1, $3)",
                Tuple.of(gig, conversationSid, state));
    }

    public static String identity() {
        return "user-" + UUID.randomUUID();
    }

    private static void execute(String sql, Tuple parameters) {
        SchemaOwner.pool().preparedQuery(sql).execute(parameters).await().indefinitely();
    }
}
