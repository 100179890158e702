package dev.switchboard.realtime.routing;

import java.util.Set;

/**
 * Who may read an event, as facts of the event itself, so that routing needs no database.
 *
 * @param userId          the only reader of a {@code task.completed}, else null
 * @param conversationSid the Twilio Conversation of a chat message, else null
 * @param conversationKey the conversation the event belongs to ({@code ConversationKey}), null for task events
 * @param numbers         the E.164 From and To of an SMS/WhatsApp message ({@code whatsapp:} stripped)
 */
public record Audience(Long userId, String conversationSid, String conversationKey, Set<String> numbers) {

    private static final String WHATSAPP = "whatsapp:";

    public static Audience user(long userId) {
        return new Audience(userId, null, null, Set.of());
    }

    public static String e164(String address) {
        return address != null && address.startsWith(WHATSAPP) ? address.substring(WHATSAPP.length()) : address;
    }
}
