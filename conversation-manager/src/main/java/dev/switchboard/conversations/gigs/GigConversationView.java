package dev.switchboard.conversations.gigs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchboard.conversations.twilio.TwilioParticipant;
import java.time.OffsetDateTime;
import java.util.List;

/** A gig's conversation as clients see it (the earlier design's {@code gig_conversations} row, with participants). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GigConversationView(String gigId, String conversationSid, String uniqueName, String state,
        List<TwilioParticipant> participants, OffsetDateTime createdAt, OffsetDateTime closedAt) {
}
