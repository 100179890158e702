package dev.switchboard.realtime.routing;

/**
 * A participant added to or removed from a Twilio Conversation; {@code identity} for chat users, {@code address}
 * (a phone number) for SMS/WhatsApp participants.
 */
public record ParticipantChange(boolean added, String conversationSid, String participantSid, String identity,
        String address) {
}
