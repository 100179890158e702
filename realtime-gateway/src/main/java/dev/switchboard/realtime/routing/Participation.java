package dev.switchboard.realtime.routing;

/** One row of {@code conversation_participants} that makes a user a participant. */
public record Participation(String conversationSid, String participantSid) {
}
