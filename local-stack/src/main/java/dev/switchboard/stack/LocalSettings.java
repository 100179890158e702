package dev.switchboard.stack;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings that make a local suite work out of the box: fake Twilio credentials that the stand-in accepts, a JWT
 * secret, and the public URL Twilio (here: the stand-in and the simulator) signs webhooks for. Anything already in
 * the launcher's environment wins, so {@code TWILIO_AUTH_TOKEN=... ./switchboard up} uses the real value.
 */
final class LocalSettings {

    static final Map<String, String> DEFAULTS = Map.of(
            "TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000",
            "TWILIO_AUTH_TOKEN", "local-dev-auth-token",
            "TWILIO_CONVERSATIONS_SERVICE_SID", "IS00000000000000000000000000000000",
            "TWILIO_PHONE_NUMBER", "+15005550006",
            "TWILIO_WHATSAPP_NUMBER", "+14155238886",
            "SWITCHBOARD_JWT_SECRET", "local-dev-jwt-secret-change-me-0123456789",
            "SWITCHBOARD_PUBLIC_URL", "http://127.0.0.1:8081",
            "SWITCHBOARD_STATUS_CALLBACK_URL", "http://127.0.0.1:8081/webhooks/twilio/status");

    private LocalSettings() {
    }

    /** {@code overrides} over the launcher's environment over {@link #DEFAULTS}. */
    static Map<String, String> withDefaults(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(DEFAULTS);
        env.putAll(System.getenv());
        env.putAll(overrides);
        return env;
    }
}
