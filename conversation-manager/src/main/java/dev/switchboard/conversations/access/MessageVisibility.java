package dev.switchboard.conversations.access;

import dev.switchboard.auth.Caller;

/**
 * The one rule of who reads a message (alias {@code m}), as SQL; the realtime gateway applies the same rule to its
 * catch-up and live stream. A message of a Twilio Conversation is read by the conversation's current participants
 * (by chat identity or by phone number), and by no one else: a removed participant reads nothing of it any more, and
 * having written a message grants nothing. An SMS/WhatsApp message is read by the users whose number is its sender or
 * recipient (numbers compared as bare E.164, so {@code whatsapp:+1555…} matches {@code +1555…}). The service role
 * reads all.
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
                    (m.conversation_sid IS NULL AND (m.from_e164 = u.phone_number OR m.to_e164 = u.phone_number))
                    OR (m.conversation_sid IS NOT NULL AND %2$s))))"""
                .formatted(param, currentParticipant("m.conversation_sid", "u"));
    }

    /** Whether user {@code u} is a current participant of the conversation {@code conversationSid} (an SQL expression). */
    public static String currentParticipant(String conversationSid, String user) {
        return """
                EXISTS (SELECT 1 FROM conversation_participants p
                        WHERE p.conversation_sid = %1$s AND p.removed_at IS NULL
                          AND (p.identity = %2$s.chat_identity OR p.address_e164 = %2$s.phone_number))"""
                .formatted(conversationSid, user);
    }

    /**
     * The conversations the user row aliased {@code user} currently takes part in, as a set (column
     * {@code conversation_sid}) a plan can start from: the same rule as {@link #currentParticipant}, for queries that
     * find the user's rows by conversation instead of testing each row.
     */
    public static String currentConversations(String user) {
        return """
                (SELECT DISTINCT p.conversation_sid FROM conversation_participants p
                 WHERE p.removed_at IS NULL AND (p.identity = %1$s.chat_identity OR p.address_e164 = %1$s.phone_number))"""
                .formatted(user);
    }

    public static Long param(Caller caller) {
        return caller.isServiceRole() ? null : caller.userId();
    }
}
