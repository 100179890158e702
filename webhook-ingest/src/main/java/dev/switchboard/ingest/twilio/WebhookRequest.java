package dev.switchboard.ingest.twilio;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A verified webhook: its parameters and Twilio's idempotency token. Typed reads are lenient (null when absent or
 * unparsable) because the raw value always travels in {@link #twilioParams()}: a signed webhook is never refused for a
 * format Twilio changed.
 */
public record WebhookRequest(FormParams params, String idempotencyToken) {

    public static final String IDEMPOTENCY_TOKEN = "I-Twilio-Idempotency-Token";

    public String text(String name) {
        return params.get(name);
    }

    public String text(String name, String fallbackName) {
        String value = params.get(name);
        return value != null ? value : params.get(fallbackName);
    }

    public Integer integer(String name) {
        try {
            String value = params.get(name);
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Instant instant(String name) {
        try {
            String value = params.get(name);
            return value == null || value.isBlank() ? null : Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Every parameter Twilio posted, plus the idempotency token header under its own name when Twilio sent one. */
    public Map<String, String> twilioParams() {
        Map<String, String> all = params.asMap();
        if (idempotencyToken != null) {
            all.put(IDEMPOTENCY_TOKEN, idempotencyToken);
        }
        return all;
    }
}
