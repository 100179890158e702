package dev.switchboard.twilio.standin;

import java.util.Optional;

/** HTTP Basic auth as Twilio checks it: the user is the Account SID, the password its Auth Token. */
final class TwilioAuth {

    private final Optional<String> authToken;

    TwilioAuth(Optional<String> authToken) {
        this.authToken = authToken;
    }

    /** The account the request authenticates as; empty when it does not (no Basic auth or a wrong token). */
    Optional<String> account(StandInRequest request) {
        return request.basicCredentials()
                .filter(credentials -> authToken.map(credentials[1]::equals).orElse(true))
                .map(credentials -> credentials[0]);
    }

    static StandInResponse unauthorized() {
        return StandInResponse.twilioError(401, 20003, "Authenticate")
                .withHeader("WWW-Authenticate", "Basic realm=\"Twilio API\"");
    }
}
