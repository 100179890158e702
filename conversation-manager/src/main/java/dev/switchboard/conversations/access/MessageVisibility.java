package dev.switchboard.conversations.access;

/**
 * The one rule of who reads a message (alias {@code m}), as SQL. A user reads the messages of conversations they take
 * part in: their phone number is the message's sender or recipient (numbers compared as bare E.164, so
 * {@code whatsapp:+1555…} matches {@code +1555…}), their chat identity wrote it, or they are a current participant
 * (by identity or by phone number) of its Twilio Conversation. The service role reads all.
 */
public final class MessageVisibility {

    private MessageVisibility() {
    }

    /**
     * @param param the placeholder bound to {@link #param(Caller)}: null (the service role) lets every row through
     */
    public static String condition(String param) {
        return """
                (%1$s::bigint IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = %1$s AND (
                    m.from_e164 = u.phone_number OR m.to_e164 = u.phone_number OR m.author = u.chat_identity
                    OR EXISTS (SELECT 1 FROM conversation_participants p
                               WHERE p.conversation_sid = m.conversation_sid AND p.removed_at IS NULL
                                 AND (p.identity = u.chat_identity OR p.address_e164 = u.phone_number)))))"""
                .formatted(param);
    }

    public static Long param(Caller caller) {
        return caller.isServiceRole() ? null : caller.userId();
    }
}
