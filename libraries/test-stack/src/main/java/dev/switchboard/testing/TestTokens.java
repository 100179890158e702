package dev.switchboard.testing;

import dev.switchboard.stack.LocalTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Supabase-style JWTs for tests, signed with the JDK alone (LocalTokens) so that a test never trusts the code it checks:
 * HS256 with {@link #SECRET} (services under test use it as {@code SWITCHBOARD_JWT_SECRET}), or RS256/ES256 with the
 * keys {@link TestJwks} publishes. {@code sub} is a user id, or for {@link #session} a Supabase Auth user id (UUID);
 * {@code role} is {@code authenticated} or {@code service_role}; {@code aud} is {@code authenticated}.
 */
public final class TestTokens {

    /**
     * This test run's HS256 secret: random, so that tests run with a secret as unpublished as production's (services
     * refuse published ones). Kept in a system property because Quarkus tests load this class in more than one class
     * loader, and the test resource that configures the service must hand it the same secret its tests sign with.
     */
    public static final String SECRET = runSecret();
    public static final String AUDIENCE = "authenticated";

    private TestTokens() {
    }

    private static String runSecret() {
        synchronized (System.getProperties()) {
            String secret = System.getProperty("switchboard.test.jwt-secret");
            if (secret == null) {
                byte[] random = new byte[32];
                new java.security.SecureRandom().nextBytes(random);
                secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                System.setProperty("switchboard.test.jwt-secret", secret);
            }
            return secret;
        }
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

    /**
     * A token shaped like the access token of a Supabase Auth session: UUID {@code sub}, {@code aud} authenticated,
     * Supabase's issuer, email, phone (digits, as Supabase stores it) and session claims, signed with {@code algorithm}
     * (HS256 with the secret; RS256 or ES256 with a published key).
     */
    public static String session(java.util.UUID authId, String phone, String algorithm) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"https://project.supabase.co/auth/v1\",\"sub\":\"" + authId
                + "\",\"aud\":\"authenticated\",\"exp\":" + (now + 3600) + ",\"iat\":" + now
                + ",\"email\":\"user@example.com\",\"phone\":\"" + (phone == null ? "" : phone.replace("+", ""))
                + "\",\"app_metadata\":{\"provider\":\"phone\",\"providers\":[\"phone\"]},\"user_metadata\":{},"
                + "\"role\":\"authenticated\",\"aal\":\"aal1\",\"amr\":[{\"method\":\"otp\",\"timestamp\":" + now
                + "}],\"session_id\":\"" + java.util.UUID.randomUUID() + "\",\"is_anonymous\":false}";
        return "HS256".equals(algorithm) ? sign(claims, SECRET) : signWithPublishedKey(claims, algorithm);
    }

    /** Signs with the RS256 or ES256 key {@link TestJwks} publishes, naming it by {@code kid} as Supabase does. */
    public static String signWithPublishedKey(String claimsJson, String algorithm) {
        String kid = "RS256".equals(algorithm) ? TestJwks.RSA_KID : TestJwks.EC_KID;
        String unsigned = base64("{\"alg\":\"" + algorithm + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}") + "."
                + base64(claimsJson);
        return unsigned + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(TestJwks.sign(algorithm, unsigned.getBytes(StandardCharsets.US_ASCII)));
    }

    public static String claims(String subject, String role, String audience, Instant expiresAt) {
        return LocalTokens.claims(subject, role, audience, expiresAt);
    }

    public static String sign(String claimsJson, String secret) {
        return LocalTokens.sign(claimsJson, secret);
    }

    private static String base64(String json) {
        return LocalTokens.base64(json);
    }
}
