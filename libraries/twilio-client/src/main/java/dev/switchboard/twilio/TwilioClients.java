package dev.switchboard.twilio;

import com.twilio.http.TwilioRestClient;
import java.time.Duration;
import java.util.Optional;

/** Builds the Twilio SDK client every Switchboard service uses. */
public final class TwilioClients {

    /** The SDK's own socket timeout. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private TwilioClients() {
    }

    /**
     * @param apiBaseUrl where Twilio's APIs are served instead of {@code https://*.twilio.com} (the local stand-in
     *                   in tests and {@code ./switchboard up}); empty for the real Twilio
     */
    public static TwilioRestClient create(String accountSid, String authToken, Optional<String> apiBaseUrl) {
        return create(accountSid, authToken, apiBaseUrl, DEFAULT_READ_TIMEOUT);
    }

    /**
     * @param readTimeout how long to wait for an answer; a read timeout surfaces as an {@code ApiException} caused by
     *                    a {@link java.net.SocketTimeoutException}, after which Twilio may or may not have acted
     */
    public static TwilioRestClient create(String accountSid, String authToken, Optional<String> apiBaseUrl,
                                          Duration readTimeout) {
        return new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(new SingleAttemptHttpClient(apiBaseUrl, readTimeout))
                .build();
    }
}
