package dev.switchboard.sender.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The Twilio account and senders; each property also reads the env name Twilio users know (TWILIO_ACCOUNT_SID, ...). */
@ConfigMapping(prefix = "twilio")
public interface TwilioConfig {

    /** {@code TWILIO_ACCOUNT_SID} (required). */
    String accountSid();

    /** {@code TWILIO_AUTH_TOKEN} (required). */
    String authToken();

    /** {@code TWILIO_API_BASE_URL}: where Twilio's APIs are served instead of https://*.twilio.com (the stand-in). */
    Optional<String> apiBaseUrl();

    /** {@code TWILIO_CONVERSATIONS_SERVICE_SID}: the Conversations service gig conversations live in (required). */
    String conversationsServiceSid();

    /** {@code TWILIO_PHONE_NUMBER}: E.164 sender of SMS when no Messaging Service is configured. */
    Optional<String> phoneNumber();

    /** {@code TWILIO_WHATSAPP_NUMBER}: E.164 WhatsApp sender (without the whatsapp: prefix). */
    Optional<String> whatsappNumber();

    /** {@code TWILIO_MESSAGING_SERVICE_SID}: when set, every SMS/WhatsApp send goes through it instead of a From number. */
    Optional<String> messagingServiceSid();

    /** {@code TWILIO_TIMEOUT}: how long to wait for Twilio's answer; past it the send is recorded as ambiguous. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * WhatsApp template (Content SID, HX...) per kind of message, sent instead when Twilio refuses a free-form
     * message outside the 24-hour window (63016), e.g. {@code twilio.whatsapp-templates.task-done=HX...}.
     */
    Map<String, String> whatsappTemplates();
}
