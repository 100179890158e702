package dev.switchboard.stack.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Supabase-style JWTs for tests (HS256; {@code sub} = user id; {@code role} = {@code authenticated} or
 * {@code service_role}; {@code aud} = {@code authenticated}), signed here with the JDK alone so that a test never
 * trusts the code it checks. Services under test use {@link #SECRET} as {@code SWITCHBOARD_JWT_SECRET}.
 */
public final class TestTokens {

    public static final String SECRET = "switchboard-test-jwt-secret-0123456789abcdef";
    public static final String AUDIENCE = "authenticated";

    private TestTokens() {
    }

    public static String user(long userId) {
        return sign(claims(Long.toString(userId), "authenticated", AUDIENCE, Instant.now().plus(Duration.ofHours(1))),
                SECRET);
    }

    public static String serviceRole() {
        return sign(claims("service", "service_role", AUDIENCE, Instant.now().plus(Duration.ofHours(1))), SECRET);
    }

    public static String expiredUser(long userId) {
        return sign(claims(Long.toString(userId), "authenticated", AUDIENCE, Instant.now().minusSeconds(120)), SECRET);
    }

    public static String userWithAudience(long userId, String audience) {
        return sign(claims(Long.toString(userId), "authenticated", audience, Instant.now().plus(Duration.ofHours(1))),
                SECRET);
    }

    public static String userSignedWith(long userId, String secret) {
        return sign(claims(Long.toString(userId), "authenticated", AUDIENCE, Instant.now().plus(Duration.ofHours(1))),
                secret);
    }

    /** A token that claims {@code alg: none}: it must be refused. */
    public static String unsignedUser(long userId) {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + base64(claims(Long.toString(userId), "authenticated", AUDIENCE,
                Instant.now().plus(Duration.ofHours(1)))) + ".";
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
            byte[] signature = mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
