package dev.switchboard.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tests' one Twilio webhook signer, written from Twilio's documentation and independent of the code under test
 * (webhook-ingest's verifier, the stand-in's own signer): base64(HMAC-SHA1(auth token, URL + every POST parameter's
 * name and value, sorted by name, then value)).
 */
public final class TwilioSignatures {

    private TwilioSignatures() {
    }

    public static String sign(String authToken, String url, Map<String, String> params) {
        return sign(authToken, url, List.copyOf(params.entrySet()));
    }

    /** A form may repeat a name: every pair is signed. */
    public static String sign(String authToken, String url, List<Map.Entry<String, String>> params) {
        StringBuilder signed = new StringBuilder(url);
        params.stream()
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .forEach(param -> signed.append(param.getKey()).append(param.getValue()));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
