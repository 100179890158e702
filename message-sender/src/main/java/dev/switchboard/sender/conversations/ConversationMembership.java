package dev.switchboard.sender.conversations;

import dev.switchboard.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who an app user is in Twilio Conversations ({@code users.chat_identity}), whether they are in a conversation
 * ({@code conversation_participants}, not removed) and whether the conversation is still open
 * ({@code gig_conversations.state}, which conversation-manager mirrors from Twilio). Read-only: conversation-manager
 * owns these tables.
 */
@ApplicationScoped
public class ConversationMembership {

    private static final String IDENTITY_IN_CONVERSATION = """
            SELECT u.chat_identity FROM users u
            JOIN conversation_participants p ON p.identity = u.chat_identity
            WHERE u.id = :userId AND p.conversation_sid = :conversationSid AND p.removed_at IS NULL
            LIMIT 1""";

    private static final String CLOSED = """
            SELECT 1 FROM gig_conversations WHERE conversation_sid = :conversationSid AND state = 'closed'""";

    /** @throws ProblemException 409 when the conversation is closed: Twilio would refuse the message. */
    @WithSession
    public Uni<Void> requireOpen(String conversationSid) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLOSED, Integer.class)
                        .setParameter("conversationSid", conversationSid)
                        .getResultList())
                .invoke(closed -> {
                    if (!closed.isEmpty()) {
                        throw new ProblemException(409, "conversation-closed", "Conflict",
                                "Conversation " + conversationSid + " is closed; nothing more can be sent into it.");
                    }
                })
                .replaceWithVoid();
    }

    /**
     * @return the user's chat identity, the only author they may send as
     * @throws ProblemException 403 when the user is not a participant of the conversation
     */
    @WithSession
    public Uni<String> identityIn(String conversationSid, String userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(IDENTITY_IN_CONVERSATION, String.class)
                        .setParameter("userId", parseId(userId))
                        .setParameter("conversationSid", conversationSid)
                        .getResultList())
                .map(identities -> identities.stream().findFirst().orElseThrow(() -> ProblemException.forbidden("not-a-member",
                        "You are not a participant of conversation " + conversationSid + ".")));
    }

    private static long parseId(String userId) {
        try {
            return Long.parseLong(userId);
        } catch (NumberFormatException notAUserId) {
            throw ProblemException.forbidden("not-a-user", "The token's subject is not a user id.");
        }
    }
}
