package dev.switchboard.bench.streams;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** User JWTs as the client apps hold them (Supabase style: HS256, audience authenticated, sub = user id). */
public final class Jwts {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    public static String user(String secret, long userId) {
        long now = System.currentTimeMillis() / 1000;
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = encode("{\"sub\":\"" + userId + "\",\"role\":\"authenticated\",\"aud\":\"authenticated\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = URL.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
            return header + "." + claims + "." + signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
