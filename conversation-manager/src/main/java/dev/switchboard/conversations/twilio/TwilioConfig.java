package dev.switchboard.conversations.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How conversation-manager reaches Twilio; the env names are Twilio's own (TWILIO_ACCOUNT_SID, ...). */
@ConfigMapping(prefix = "twilio")
public interface TwilioConfig {

    /** TWILIO_ACCOUNT_SID. */
    String accountSid();

    /** TWILIO_AUTH_TOKEN. */
    String authToken();

    /** TWILIO_API_BASE_URL: a Twilio stand-in's base URL instead of https://*.twilio.com; unset in production. */
    Optional<String> apiBaseUrl();

    /** TWILIO_CONVERSATIONS_SERVICE_SID: the Conversations service gig conversations live in. */
    String conversationsServiceSid();

    /** TWILIO_PHONE_NUMBER: the proxy address of SMS participants. */
    Optional<String> phoneNumber();

    /** TWILIO_WHATSAPP_NUMBER: the proxy address of WhatsApp participants (without the whatsapp: prefix). */
    Optional<String> whatsappNumber();

    /** How long one Twilio call may take before it counts as failed. */
    @WithDefault("10s")
    Duration requestTimeout();
}
