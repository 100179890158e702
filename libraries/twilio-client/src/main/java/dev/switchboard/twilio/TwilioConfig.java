package dev.switchboard.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@code twilio.*} configuration of every service; each key also reads the env name Twilio users know
 * ({@code twilio.account-sid} is {@code TWILIO_ACCOUNT_SID}, ...). A setting only some services need is optional
 * here, and those services refuse to start without it ({@link #require}). This module holds a {@code beans.xml} so
 * that Quarkus indexes it and finds this mapping in the jar.
 */
@ConfigMapping(prefix = "twilio")
public interface TwilioConfig {

    /** {@code TWILIO_ACCOUNT_SID}: the account calls are made as, and every webhook must name (required). */
    String accountSid();

    /** {@code TWILIO_AUTH_TOKEN}: authenticates calls and signs webhooks (required). */
    String authToken();

    /** {@code TWILIO_AUTH_TOKEN_SECONDARY}: a second token webhooks may be signed with while the primary is rotated. */
    Optional<String> authTokenSecondary();

    /** {@code TWILIO_API_BASE_URL}: where Twilio's APIs are served instead of https://*.twilio.com (the stand-in). */
    Optional<String> apiBaseUrl();

    /**
     * {@code TWILIO_CONVERSATIONS_SERVICE_SID}: the Conversations service gig conversations live in; required by the
     * services that reach it, through {@link #require}.
     */
    Optional<String> conversationsServiceSid();

    /** {@code TWILIO_PHONE_NUMBER}: E.164 SMS sender and proxy address of SMS participants. */
    Optional<String> phoneNumber();

    /** {@code TWILIO_WHATSAPP_NUMBER}: E.164 WhatsApp sender and proxy address (without the whatsapp: prefix). */
    Optional<String> whatsappNumber();

    /** {@code TWILIO_MESSAGING_SERVICE_SID}: when set, every SMS/WhatsApp send goes through it instead of a From number. */
    Optional<String> messagingServiceSid();

    /** {@code TWILIO_TIMEOUT}: how long one Twilio call may take before it counts as failed (or, for a send, ambiguous). */
    @WithDefault("10s")
    Duration timeout();

    /**
     * WhatsApp template (Content SID, HX...) per kind of message, sent instead when Twilio refuses a free-form
     * message outside the 24-hour window (63016), e.g. {@code twilio.whatsapp-templates.task-done=HX...}.
     */
    Map<String, String> whatsappTemplates();

    /**
     * {@code TWILIO_CONVERSATIONS_SERVICE_SID}, for a service that reaches Conversations: required.
     *
     * @throws IllegalStateException naming the variable when it is not set
     */
    static String requireConversationsServiceSid(TwilioConfig config) {
        return require(config.conversationsServiceSid(), "TWILIO_CONVERSATIONS_SERVICE_SID",
                "the Conversations service gig conversations live in (IS...)");
    }

    /**
     * A setting this service cannot run without, though another service can.
     *
     * @param variable the env variable to name when it is missing, e.g. {@code TWILIO_CONVERSATIONS_SERVICE_SID}
     * @param what     what it is, for the message
     * @throws IllegalStateException naming the variable to set
     */
    static String require(Optional<String> value, String variable, String what) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException(
                variable + " is not set: this service needs " + what + ". Set it (from the Twilio Console) and start"
                        + " again."));
    }
}
