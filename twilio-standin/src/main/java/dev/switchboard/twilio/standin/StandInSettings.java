package dev.switchboard.twilio.standin;

import java.util.Map;
import java.util.Optional;

/**
 * What the stand-in takes from its environment.
 *
 * @param authToken       {@code TWILIO_AUTH_TOKEN}: when set, Basic auth passwords must equal it and status callbacks
 *                        are signed with it; when unset, any password is accepted and callbacks go unsigned
 * @param statusCallbacks {@code TWILIO_STANDIN_STATUS_CALLBACKS}: post {@code sent} then {@code delivered} to a
 *                        message's local {@code StatusCallback} URL (on unless set to {@code false})
 */
public record StandInSettings(Optional<String> authToken, boolean statusCallbacks) {

    public static StandInSettings fromEnvironment() {
        return from(System.getenv());
    }

    static StandInSettings from(Map<String, String> env) {
        return new StandInSettings(
                Optional.ofNullable(env.get("TWILIO_AUTH_TOKEN")).filter(token -> !token.isBlank()),
                !"false".equalsIgnoreCase(env.getOrDefault("TWILIO_STANDIN_STATUS_CALLBACKS", "true")));
    }
}
