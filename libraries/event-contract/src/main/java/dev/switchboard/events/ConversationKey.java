package dev.switchboard.events;

/**
 * The Kafka key of a message event: one conversation's events share a partition and so stay in order.
 * A Twilio Conversation is keyed by its SID; an SMS/WhatsApp exchange by its two addresses in a fixed order,
 * so that both directions of the exchange land together.
 */
public final class ConversationKey {

    private ConversationKey() {
    }

    public static String of(MessageData message) {
        if (message.conversationSid() != null) {
            return message.conversationSid();
        }
        String a = String.valueOf(message.from());
        String b = String.valueOf(message.to());
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }
}
