package dev.switchboard.stack;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings that make a local suite work out of the box: fake Twilio credentials that the stand-in accepts, a JWT
 * secret. Anything already in the launcher's environment wins, so {@code TWILIO_AUTH_TOKEN=... ./switchboard up} uses
 * the real value.
 */
public final class LocalSettings {

    static final Map<String, String> DEFAULTS = Map.of(
            "TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000",
            "TWILIO_AUTH_TOKEN", "local-dev-auth-token",
            "TWILIO_CONVERSATIONS_SERVICE_SID", "IS00000000000000000000000000000000",
            "TWILIO_PHONE_NUMBER", "+15005550006",
            "TWILIO_WHATSAPP_NUMBER", "+14155238886",
            "SWITCHBOARD_JWT_SECRET", LocalSettings.LOCAL_JWT_SECRET);

    private LocalSettings() {
    }

    /** The JWT secret the local suite runs with: published in this repository, so for this machine only. */
    public static final String LOCAL_JWT_SECRET = "local-dev-jwt-secret-change-me-0123456789";

    /** The JWT secret the launcher's services get: the environment's, else {@link #LOCAL_JWT_SECRET}. */
    public static String jwtSecret() {
        return System.getenv().getOrDefault("SWITCHBOARD_JWT_SECRET", LOCAL_JWT_SECRET);
    }

    /** {@code forced} over the launcher's environment over {@code defaults} over {@link #DEFAULTS}. */
    public static Map<String, String> environment(Map<String, String> defaults, Map<String, String> forced) {
        Map<String, String> env = new HashMap<>(DEFAULTS);
        env.putAll(defaults);
        env.putAll(System.getenv());
        env.putAll(forced);
        return env;
    }
}
