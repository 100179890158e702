package dev.switchboard.twilio;

import com.twilio.http.TwilioRestClient;
import java.util.Optional;

/** Builds the Twilio SDK client every Switchboard service uses. */
public final class TwilioClients {

    private TwilioClients() {
    }

    /**
     * @param apiBaseUrl where Twilio's APIs are served instead of {@code https://*.twilio.com} (the local stand-in
     *                   in tests and {@code ./switchboard up}); empty for the real Twilio
     */
    public static TwilioRestClient create(String accountSid, String authToken, Optional<String> apiBaseUrl) {
        return new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(new SingleAttemptHttpClient(apiBaseUrl))
                .build();
    }
}
