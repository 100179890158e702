package dev.switchboard.conversations.gigs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Body of {@code PUT /gigs/{gigId}/conversation}: everything optional, so an empty body opens an empty conversation. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OpenGigConversation(String friendlyName, List<ParticipantRequest> participants) {

    public OpenGigConversation {
        participants = participants == null ? List.of() : participants;
    }
}
