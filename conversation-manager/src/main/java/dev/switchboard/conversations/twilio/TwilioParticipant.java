package dev.switchboard.conversations.twilio;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A participant Twilio added: an app user (identity) or an SMS/WhatsApp address behind a proxy address. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TwilioParticipant(String sid, String identity, String address, String proxyAddress) {
}
