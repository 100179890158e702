package dev.switchboard.ingest.twilio;

import dev.switchboard.twilio.TwilioConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proves a webhook came from our Twilio account: Twilio's signature (base64 HMAC-SHA1 of the URL and the sorted
 * parameters) under the primary or the secondary Auth Token, then the {@code AccountSid}. Fails closed; every refusal
 * is counted in {@value #REJECTED_METRIC} by reason.
 * <p>
 * It accepts exactly what the Twilio SDK's {@code RequestValidator} accepts — the URL as received, or the same URL
 * with its port added (the scheme's default) or removed, since Twilio signs some URLs one way and some the other —
 * but computes one HMAC for a genuine webhook where the SDK always computes two, each with a freshly looked-up
 * {@code Mac}, on every request's path.
 */
@ApplicationScoped
public class TwilioSignatureVerifier {

    public static final String REJECTED_METRIC = "switchboard.webhooks.rejected";
    private static final String HMAC_SHA1 = "HmacSHA1";
    /** {@code Mac.getInstance} searches the security providers on every call; a thread's Mac is only re-keyed. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(TwilioSignatureVerifier::newMac);

    private final TwilioConfig config;
    private final List<SecretKeySpec> authTokens;
    private final MeterRegistry metrics;

    public TwilioSignatureVerifier(TwilioConfig config, MeterRegistry metrics) {
        this.config = config;
        this.authTokens = Stream.concat(Stream.of(config.authToken()), config.authTokenSecondary().stream())
                .map(token -> new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), HMAC_SHA1))
                .toList();
        this.metrics = metrics;
    }

    /** A form webhook: Twilio signs the URL and the parameters. */
    public void verify(String url, FormParams params, String signature) {
        String signedParams = signedParams(params);
        verify(url, params, signature, candidate -> signs(candidate + signedParams, signature));
    }

    /** A JSON webhook: Twilio signs the URL alone, whose {@code bodySHA256} parameter is the body's SHA-256. */
    public void verifyJson(String url, String body, FormParams params, String signature) {
        boolean bodyHashed = bodyHashOf(url).filter(hash -> hash.equals(sha256(body))).isPresent();
        verify(url, params, signature, candidate -> bodyHashed && signs(candidate, signature));
    }

    /** @throws dev.switchboard.problem.ProblemException 403 naming the {@link SignatureFailure} */
    private void verify(String url, FormParams params, String signature, Predicate<String> signedForUrl) {
        failure(url, params, signature, signedForUrl).ifPresent(failure -> {
            metrics.counter(REJECTED_METRIC, "reason", failure.code()).increment();
            throw failure.asProblem();
        });
    }

    private Optional<SignatureFailure> failure(String url, FormParams params, String signature,
            Predicate<String> signedForUrl) {
        if (signature == null || signature.isBlank()) {
            return Optional.of(SignatureFailure.MISSING_SIGNATURE);
        }
        if (!signedForUrl.test(url) && otherPortForm(url).filter(signedForUrl).isEmpty()) {
            return Optional.of(SignatureFailure.BAD_SIGNATURE);
        }
        if (!config.accountSid().equals(params.get("AccountSid"))) {
            return Optional.of(SignatureFailure.WRONG_ACCOUNT);
        }
        return Optional.empty();
    }

    private boolean signs(String content, String signature) {
        byte[] given = signature.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return authTokens.stream().anyMatch(token -> MessageDigest.isEqual(given, hmac(token, bytes)));
    }

    private static byte[] hmac(SecretKeySpec token, byte[] content) {
        Mac mac = MACS.get();
        try {
            mac.init(token);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encode(mac.doFinal(content));
    }

    /** Every parameter's name and value, sorted by name, then value: the part of what Twilio signs after the URL. */
    private static String signedParams(FormParams params) {
        StringBuilder signed = new StringBuilder();
        params.entries().stream()
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .forEach(param -> signed.append(param.getKey()).append(param.getValue()));
        return signed.toString();
    }

    /**
     * The URL with the scheme's default port added when it has none, or with its port removed when it has one (any
     * port, as the SDK does); empty when it is not a URI.
     */
    private static Optional<String> otherPortForm(String url) {
        try {
            URI uri = new URI(url);
            int port = uri.getPort() == -1 ? ("https".equals(uri.getScheme()) ? 443 : 80) : -1;
            return Optional.of(new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), port, uri.getPath(),
                    uri.getQuery(), uri.getFragment()).toString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> bodyHashOf(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        return Stream.of(url.substring(query + 1).split("&"))
                .filter(param -> param.startsWith("bodySHA256="))
                .map(param -> URLDecoder.decode(param.substring("bodySHA256=".length()), StandardCharsets.UTF_8))
                .findFirst();
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC_SHA1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
