package dev.switchboard.conversations.gigs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchboard.conversations.twilio.TwilioParticipant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A gig's conversation as clients see it (the Supabase gig chat's {@code gig_conversations} row, docs/migrating.md),
 * with its current participants and its latest message.
 *
 * @param lastMessage null while nothing has been said in it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GigConversationView(String gigId, String conversationSid, String uniqueName, String state,
        List<TwilioParticipant> participants, OffsetDateTime createdAt,
        @Schema(nullable = true, description = "null while it is open") OffsetDateTime closedAt,
        @Schema(nullable = true, description = "null while nothing has been said in it") LastMessage lastMessage) {

    /** The newest message of the conversation, not removed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LastMessage(String messageSid, @Schema(nullable = true) String author,
            @Schema(nullable = true, description = "null for a media-only message") String body, int numMedia,
            @Schema(nullable = true) OffsetDateTime sentAt) {
    }
}
