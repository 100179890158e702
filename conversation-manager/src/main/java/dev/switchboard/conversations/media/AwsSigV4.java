package dev.switchboard.conversations.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** AWS Signature Version 4 for one request without query parameters (docs.aws.amazon.com, "Signature Version 4"). */
final class AwsSigV4 {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String service;
    private final Clock clock;

    AwsSigV4(String accessKey, String secretKey, String region, String service, Clock clock) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    /** The headers to add: host, x-amz-date, x-amz-content-sha256 and authorization. */
    Map<String, String> sign(String method, String host, String path, Map<String, String> headers, byte[] body) {
        String amzDate = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC).format(STAMP);
        String date = amzDate.substring(0, 8);
        String payloadHash = hex(sha256(body));
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(), value.trim()));
        signed.put("host", host);
        signed.put("x-amz-date", amzDate);
        signed.put("x-amz-content-sha256", payloadHash);
        String signedNames = String.join(";", signed.keySet());
        String canonical = String.join("\n", method, path, "",
                signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining()),
                signedNames, payloadHash);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, hex(sha256(canonical.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(hmac(hmac(hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date), region), service),
                "aws4_request");
        Map<String, String> added = new LinkedHashMap<>();
        added.put("x-amz-date", amzDate);
        added.put("x-amz-content-sha256", payloadHash);
        added.put("authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders="
                + signedNames + ", Signature=" + hex(hmac(key, toSign)));
        return added;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
