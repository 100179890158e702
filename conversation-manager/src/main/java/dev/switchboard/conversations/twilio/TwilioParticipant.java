package dev.switchboard.conversations.twilio;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A participant Twilio added: an app user (identity) or an SMS/WhatsApp address behind a proxy address. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TwilioParticipant(String sid,
        @Schema(nullable = true, description = "an app user's chat identity; null for an SMS/WhatsApp participant")
        String identity,
        @Schema(nullable = true, description = "an SMS/WhatsApp participant's address; null for an app user")
        String address,
        @Schema(nullable = true, description = "the Switchboard number an SMS/WhatsApp participant is texted from")
        String proxyAddress) {
}
