package dev.switchboard.sender.send;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How message-sender talks to Twilio beyond the account: callbacks, retries, templates of commands. */
@ConfigMapping(prefix = "switchboard.sender")
public interface SendConfig {

    /** {@code SWITCHBOARD_STATUS_CALLBACK_URL}: webhook-ingest's status URL, set on every SMS/WhatsApp send. */
    @WithDefault("http://127.0.0.1:8081/webhooks/twilio/status")
    String statusCallbackUrl();

    /** Template kind (see twilio.whatsapp-templates) used for Kafka send commands, which carry none themselves. */
    @WithDefault("auto-reply")
    String commandTemplateKind();

    /**
     * {@code SENDER_ANNOUNCE_RELAY_INTERVAL}: how often sends whose announcement (their {@code message.added}) did not
     * reach Kafka are announced again, those settled longer ago than one interval.
     */
    @WithDefault("5s")
    Duration announceRelayInterval();

    /**
     * Messages per second Twilio sends from each configured sender ({@link SenderPacing}); a sender without a rate is
     * not paced here (Twilio queues what exceeds its rate). Set each to the rate of the number or service.
     */
    Pacing pacing();

    interface Pacing {

        /** {@code SENDER_RATE_PHONE_NUMBER}: of {@code TWILIO_PHONE_NUMBER} (SMS). */
        Optional<Double> phoneNumber();

        /** {@code SENDER_RATE_WHATSAPP_NUMBER}: of {@code TWILIO_WHATSAPP_NUMBER}. */
        Optional<Double> whatsappNumber();

        /** {@code SENDER_RATE_MESSAGING_SERVICE}: of {@code TWILIO_MESSAGING_SERVICE_SID}, all its numbers together. */
        Optional<Double> messagingService();

        /**
         * {@code SENDER_PACING_ARRIVAL_JITTER}: how much the way from a send's start to Twilio may vary (the HTTP
         * client, the network, a pause). Twilio counts a sender's rate by when its requests arrive; sends started
         * exactly 1/rate apart can arrive more than rate within one second when some take longer on the way, so a
         * paced sender's sends are spaced (1 s + this) / rate apart ({@link SenderPacing}). Zero paces at the rate.
         */
        @WithDefault("100ms")
        Duration arrivalJitter();
    }

    /** Retries of sends Twilio certainly did not accept (429, connection refused); see {@link RetryBudget}. */
    Retry retry();

    interface Retry {

        /** Attempts per send a caller waits for, the first included. */
        @WithDefault("5")
        int maxAttempts();

        /** Time budget of one send a caller waits for, waits included; a wait that would pass it ends the retries. */
        @WithDefault("60s")
        Duration maxDuration();

        /**
         * {@code SENDER_COMMAND_RETRY_BUDGET}: time budget of one Kafka send command, waits included, with no cap on
         * attempts. Long enough to wait out a rate-limit storm or a Twilio network outage; bounded so that a command
         * does not hold its worker for ever.
         */
        @WithDefault("15m")
        Duration commandMaxDuration();

        /** Backoff before the second attempt; it doubles each attempt, then is jittered down by up to half. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Longest backoff between two attempts (a longer Retry-After is still honoured within the budget). */
        @WithDefault("10s")
        Duration maxBackoff();
    }
}
