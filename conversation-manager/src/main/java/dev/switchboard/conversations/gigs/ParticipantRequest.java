package dev.switchboard.conversations.gigs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchboard.conversations.twilio.ParticipantSpec;
import dev.switchboard.twilio.TwilioConfig;
import dev.switchboard.conversations.users.ChatIdentities;
import dev.switchboard.conversations.users.PhoneNumbers;
import dev.switchboard.problem.ProblemException;
import java.util.Optional;

/**
 * One participant to add: an app user by chat {@code identity}, or an SMS / WhatsApp {@code address}
 * ({@code +1555…} or {@code whatsapp:+1555…}) relayed through {@code proxy_address} — by default our own Twilio
 * number of that channel.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ParticipantRequest(String identity, String address, String proxyAddress) {

    private static final String WHATSAPP = "whatsapp:";

    ParticipantSpec toSpec(TwilioConfig twilio, ChatIdentities identities) {
        boolean hasIdentity = identity != null && !identity.isBlank();
        boolean hasAddress = address != null && !address.isBlank();
        if (hasIdentity == hasAddress) {
            throw ProblemException.badRequest("invalid-participant",
                    "a participant has either an identity or an address, not both and not neither");
        }
        if (hasIdentity) {
            return new ParticipantSpec(identities.require(identity.trim(), "identity"), null, null);
        }
        if (PhoneNumbers.e164(address) == null || (address.contains(":") && !address.startsWith(WHATSAPP))) {
            throw ProblemException.badRequest("invalid-participant",
                    "address must be an E.164 number, optionally prefixed with whatsapp: — got '" + address + "'");
        }
        boolean whatsapp = address.startsWith(WHATSAPP);
        String proxy = Optional.ofNullable(proxyAddress)
                .or(() -> whatsapp ? twilio.whatsappNumber().map(number -> WHATSAPP + number) : twilio.phoneNumber())
                .orElseThrow(() -> ProblemException.badRequest("invalid-participant",
                        "proxy_address is required: no Twilio number is configured for this channel"));
        return new ParticipantSpec(null, address, proxy);
    }
}
