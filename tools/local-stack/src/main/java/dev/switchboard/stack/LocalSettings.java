package dev.switchboard.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings that make a local suite work out of the box: fake Twilio credentials that the stand-in accepts, and a JWT
 * secret of this checkout's own. Anything already in the launcher's environment wins, so {@code TWILIO_AUTH_TOKEN=... ./switchboard up} uses
 * the real value.
 */
public final class LocalSettings {

    /**
     * What every part of a local suite runs with unless the environment says otherwise ({@link #environment}): the
     * settings {@code ./switchboard up} gives, and the README's examples need, so tests start a suite with them too.
     * The JWT secret is not among them: {@link #jwtSecret} makes one per checkout.
     */
    public static final Map<String, String> DEFAULTS = Map.of(
            "TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000",
            "TWILIO_AUTH_TOKEN", "local-dev-auth-token",
            "TWILIO_CONVERSATIONS_SERVICE_SID", "IS00000000000000000000000000000000",
            "TWILIO_PHONE_NUMBER", "+15005550006",
            "TWILIO_WHATSAPP_NUMBER", "+14155238886");

    private LocalSettings() {
    }

    /**
     * The JWT secret of the local suite: {@code SWITCHBOARD_JWT_SECRET} when the environment sets one, else this
     * checkout's own, made at random the first time and kept in {@code <stack dir>/jwt-secret} (only its owner may
     * read it). Never a value written in the repository: services refuse published secrets.
     */
    public static String jwtSecret(Path stackDir) {
        return Optional.ofNullable(System.getenv("SWITCHBOARD_JWT_SECRET")).filter(s -> !s.isBlank())
                .orElseGet(() -> localJwtSecret(stackDir));
    }

    /** This checkout's own local secret (see {@link #jwtSecret}), whatever the environment says. */
    public static synchronized String localJwtSecret(Path stackDir) {
        Path file = stackDir.resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(stackDir);
            Files.writeString(file, secret + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Only the owner's checkout holds it either way.
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local JWT secret in " + file, e);
        }
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
