package dev.switchboard.stack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Supabase-style access tokens signed with an HS256 secret, with the JDK alone: what {@code ./switchboard token} and
 * the demo world hand out for the local suite, and what tests sign with (test-stack's TestTokens).
 */
public final class LocalTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private LocalTokens() {
    }

    /** A signed-in user's token: {@code sub} is their Supabase Auth id (a UUID) or their numeric user id. */
    public static String user(String subject, Duration ttl, String secret) {
        return sign(claims(subject, "authenticated", "authenticated", Instant.now().plus(ttl)), secret);
    }

    /** The service role's token, which reads and acts for everyone. */
    public static String serviceRole(Duration ttl, String secret) {
        return sign(claims("service", "service_role", "authenticated", Instant.now().plus(ttl)), secret);
    }

    public static String claims(String subject, String role, String audience, Instant expiresAt) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"aud\":\"" + audience + "\",\"iat\":" + now
                + ",\"exp\":" + expiresAt.getEpochSecond() + "}";
    }

    public static String sign(String claimsJson, String secret) {
        String unsigned = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return unsigned + "." + B64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String base64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
