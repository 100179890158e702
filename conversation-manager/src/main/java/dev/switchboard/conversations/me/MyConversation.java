package dev.switchboard.conversations.me;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchboard.conversations.gigs.GigConversationView;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One conversation of the caller, of either kind: a gig conversation they take part in now, or a direct SMS/WhatsApp
 * exchange with one of their numbers. {@code conversation_key} is what {@code /conversations/{key}/messages} reads.
 * A gig is summarised (its id and state; {@code GET /gigs/{gig_id}/conversation} has participants and all), so every
 * member's shape, nulls included, is declared here.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MyConversation(
        @Schema(enumeration = { MyConversation.GIG, MyConversation.DIRECT }) String kind,
        @Schema(description = "a gig's ConversationSid, or a direct exchange's two addresses sorted, joined by '|'")
        String conversationKey,
        @Schema(nullable = true, description = "null for a gig conversation nothing was said in yet")
        OffsetDateTime lastMessageAt,
        @Schema(nullable = true, description = "gig only: the gig's id") String gigId,
        @Schema(nullable = true, description = "gig only: active or closed") String state,
        @Schema(nullable = true, description = "gig only: when its conversation was opened") OffsetDateTime createdAt,
        @Schema(nullable = true, description = "direct only: sms or whatsapp (of the latest message)") String channel,
        @Schema(nullable = true, description = "direct only: the other party's address, as Twilio gave it")
        String counterpart) {

    public static final String GIG = "gig";
    public static final String DIRECT = "direct";

    static MyConversation gig(GigConversationView gig) {
        return new MyConversation(GIG, gig.conversationSid(),
                gig.lastMessage() == null ? null : gig.lastMessage().sentAt(), gig.gigId(), gig.state(),
                gig.createdAt(), null, null);
    }

    static MyConversation direct(String conversationKey, OffsetDateTime lastMessageAt, String channel,
            String counterpart) {
        return new MyConversation(DIRECT, conversationKey, lastMessageAt, null, null, null, channel, counterpart);
    }

    /** When it was last active: its latest message, else (a gig nothing was said in) when it was opened. */
    OffsetDateTime activeAt() {
        return lastMessageAt != null ? lastMessageAt : createdAt;
    }
}
