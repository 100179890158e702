package dev.switchboard.conversations.gigs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchboard.conversations.twilio.TwilioParticipant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A gig's conversation as clients see it (the earlier design's {@code gig_conversations} row), with its current
 * participants and its latest message.
 *
 * @param lastMessage null while nothing has been said in it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GigConversationView(String gigId, String conversationSid, String uniqueName, String state,
        List<TwilioParticipant> participants, OffsetDateTime createdAt, OffsetDateTime closedAt,
        LastMessage lastMessage) {

    /** The newest message of the conversation, not removed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LastMessage(String messageSid, String author, String body, int numMedia, OffsetDateTime sentAt) {
    }
}
