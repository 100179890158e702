package dev.switchboard.conversations.media;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

/**
 * AWS Signature Version 4 (docs.aws.amazon.com, "Signature Version 4"): a request without query parameters signed in
 * its headers, or a presigned URL (the signature in its query string) that a browser loads without credentials.
 */
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
        String scope = scope(amzDate);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("x-amz-date", amzDate);
        added.put("x-amz-content-sha256", payloadHash);
        added.put("authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders="
                + signedNames + ", Signature=" + signature(amzDate, scope, canonical));
        return added;
    }

    /**
     * The query string of a presigned URL for {@code path} (already URI-encoded) signed at {@code signedAt} and valid
     * for {@code expires} (S3 accepts up to 7 days): docs.aws.amazon.com, "Authenticating Requests: Using Query
     * Parameters". Only the host header is signed and the payload is UNSIGNED-PAYLOAD, so any client can send it.
     */
    String presignedQuery(String method, String host, String path, Instant signedAt, Duration expires) {
        String amzDate = signedAt.atZone(ZoneOffset.UTC).format(STAMP);
        String scope = scope(amzDate);
        TreeMap<String, String> query = new TreeMap<>();
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", accessKey + "/" + scope);
        query.put("X-Amz-Date", amzDate);
        query.put("X-Amz-Expires", Long.toString(expires.toSeconds()));
        query.put("X-Amz-SignedHeaders", "host");
        String canonicalQuery = query.entrySet().stream().map(e -> uriEncode(e.getKey()) + "=" + uriEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        String canonical = String.join("\n", method, path, canonicalQuery, "host:" + host + "\n", "host",
                "UNSIGNED-PAYLOAD");
        return canonicalQuery + "&X-Amz-Signature=" + signature(amzDate, scope, canonical);
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX (a space is %20). */
    static String uriEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private String scope(String amzDate) {
        return amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    }

    private String signature(String amzDate, String scope, String canonicalRequest) {
        String toSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(hmac(hmac(hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8),
                amzDate.substring(0, 8)), region), service), "aws4_request");
        return hex(hmac(key, toSign));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256; also what {@link FeedImageSignature} signs its URLs with. */
    static byte[] hmac(byte[] key, String data) {
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
