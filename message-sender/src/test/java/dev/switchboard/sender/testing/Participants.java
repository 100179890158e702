package dev.switchboard.sender.testing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import java.util.UUID;

/**
 * Test data in conversation-manager's tables (users, conversation_participants), which message-sender only reads.
 */
public final class Participants {

    private Participants() {
    }

    /** A new user with a chat identity; returns their users.id. */
    /** Gives the user the Supabase Auth id their app's tokens carry as {@code sub}. */
    public static void signsInWithSupabase(long userId, UUID authId) {
        await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("UPDATE users SET auth_id = :authId WHERE id = :id")
                        .setParameter("authId", authId)
                        .setParameter("id", userId)
                        .executeUpdate())));
    }

    public static long user(String chatIdentity) {
        return await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT INTO users (username, chat_identity) VALUES (:name, :identity) RETURNING id",
                                Long.class)
                        .setParameter("name", chatIdentity)
                        .setParameter("identity", chatIdentity)
                        .getSingleResult())));
    }

    public static void join(String conversationSid, String identity, boolean removed) {
        String sql = "INSERT INTO conversation_participants (participant_sid, conversation_sid, identity, removed_at) "
                + "VALUES (:sid, :conversation, :identity, " + (removed ? "now()" : "NULL") + ")";
        await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql)
                        .setParameter("sid", "MB" + UUID.randomUUID().toString().replace("-", ""))
                        .setParameter("conversation", conversationSid)
                        .setParameter("identity", identity)
                        .executeUpdate())));
    }

    /** The gig_conversations row conversation-manager keeps for a gig's conversation, in {@code state}. */
    public static void gig(String conversationSid, String state) {
        String sql = "INSERT INTO gig_conversations (gig_id, conversation_sid, unique_name, state) "
                + "VALUES (:gig, :conversation, :gig, :state)";
        String gig = "gig-" + UUID.randomUUID();
        await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql)
                        .setParameter("gig", gig)
                        .setParameter("conversation", conversationSid)
                        .setParameter("state", state)
                        .executeUpdate())));
    }

    public static String identity() {
        return "user-" + UUID.randomUUID();
    }

    private static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new AssertionError("test data could not be written", e);
        }
    }
}
