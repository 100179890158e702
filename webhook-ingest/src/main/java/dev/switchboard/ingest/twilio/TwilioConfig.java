package dev.switchboard.ingest.twilio;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The Twilio account whose webhooks are accepted (env {@code TWILIO_ACCOUNT_SID}, {@code TWILIO_AUTH_TOKEN}, ...). */
@ConfigMapping(prefix = "twilio")
public interface TwilioConfig {

    /** The account every webhook must name in {@code AccountSid}; no default: the service does not start without it. */
    String accountSid();

    /** The Auth Token Twilio signs webhooks with; no default: the service does not start without it. */
    String authToken();

    /** A second accepted token while the primary is rotated (Twilio's "secondary Auth Token"); none by default. */
    Optional<String> authTokenSecondary();
}
