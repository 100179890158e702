package dev.switchboard.ingest.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.twilio.security.RequestValidator;
import dev.switchboard.problem.ProblemException;
import dev.switchboard.testing.TwilioSignatures;
import dev.switchboard.twilio.TwilioConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verifier against the Twilio SDK's own {@link RequestValidator}: it must accept exactly the signatures the SDK
 * accepts, the URL's other port form included, while computing them itself.
 */
class TwilioSignatureVerifierTest {

    private static final String ACCOUNT = "AC5e1f0000000000000000000000000042";
    private static final String PRIMARY = "primary-token";
    private static final String SECONDARY = "secondary-token";

    private final TwilioSignatureVerifier verifier = new TwilioSignatureVerifier(config(Optional.of(SECONDARY)),
            new SimpleMeterRegistry());

    @ParameterizedTest(name = "signed for {0}, received as {1}")
    @CsvSource({
            "https://hooks.example.com/webhooks/twilio/messaging, https://hooks.example.com:443/webhooks/twilio/messaging",
            "https://hooks.example.com:443/webhooks/twilio/messaging, https://hooks.example.com/webhooks/twilio/messaging",
            "http://hooks.example.com:80/webhooks/twilio/messaging?x=1, http://hooks.example.com/webhooks/twilio/messaging?x=1",
            "http://hooks.example.com/webhooks/twilio/messaging, http://hooks.example.com:8081/webhooks/twilio/messaging",
            "http://127.0.0.1:8081/webhooks/twilio/messaging, http://127.0.0.1:8081/webhooks/twilio/messaging" })
    void acceptsTheOtherPortFormAsTheSdkDoes(String signedUrl, String receivedUrl) {
        FormParams params = sms("hello");
        String signature = TwilioSignatures.sign(PRIMARY, signedUrl, params.entries());

        boolean sdkAccepts = new RequestValidator(PRIMARY).validate(receivedUrl, asMap(params), signature);

        assertEquals(true, sdkAccepts, "the SDK's verdict this case relies on");
        verifier.verify(receivedUrl, params, signature);
    }

    @Test
    void refusesAnotherPortThanTheOneSigned() {
        FormParams params = sms("hello");
        String signature = TwilioSignatures.sign(PRIMARY, "http://hooks.example.com:8081/path", params.entries());

        assertEquals(false, new RequestValidator(PRIMARY).validate("http://hooks.example.com:8082/path",
                asMap(params), signature));
        assertRefused("bad-signature", () -> verifier.verify("http://hooks.example.com:8082/path", params, signature));
    }

    @Test
    void agreesWithTheSdkOnRandomParametersTokensAndUrls() {
        Random random = new Random(7);
        List<String> urls = List.of("https://a.example/w", "https://a.example:443/w", "http://a.example:8081/w?q=1",
                "http://a.example/w");
        for (int i = 0; i < 500; i++) {
            FormParams params = randomForm(random);
            String signedUrl = urls.get(random.nextInt(urls.size()));
            String receivedUrl = urls.get(random.nextInt(urls.size()));
            String token = List.of(PRIMARY, SECONDARY, "someone-else").get(random.nextInt(3));
            String signature = TwilioSignatures.sign(token, signedUrl, params.entries());
            boolean sdk = new RequestValidator(PRIMARY).validate(receivedUrl, asMap(params), signature)
                    || new RequestValidator(SECONDARY).validate(receivedUrl, asMap(params), signature);

            boolean ours;
            try {
                verifier.verify(receivedUrl, params, signature);
                ours = true;
            } catch (ProblemException refused) {
                ours = false;
            }
            assertEquals(sdk, ours, "signed with " + token + " for " + signedUrl + ", received as " + receivedUrl);
        }
    }

    @Test
    void jsonWebhookNeedsTheSignedUrlAndTheBodyItsHashNames() throws Exception {
        String body = "{\"AccountSid\":\"" + ACCOUNT + "\",\"Body\":\"hi\"}";
        String url = "https://a.example/w?bodySHA256=" + sha256(body);
        FormParams params = FormParams.ofJson(body.getBytes(StandardCharsets.UTF_8));
        String signature = TwilioSignatures.sign(PRIMARY, url, List.of());

        assertEquals(true, new RequestValidator(PRIMARY).validate(url, body, signature));
        verifier.verifyJson(url, body, params, signature);
        assertRefused("bad-signature", () -> verifier.verifyJson(url, body.replace("hi", "ho"), params, signature));
        assertRefused("bad-signature", () -> verifier.verifyJson("https://a.example/w", body, params,
                TwilioSignatures.sign(PRIMARY, "https://a.example/w", List.of())));
    }

    @Test
    void missingSignatureAndAnotherAccountAreRefusedByName() {
        FormParams params = sms("hello");
        assertRefused("missing-signature", () -> verifier.verify("https://a.example/w", params, " "));
        FormParams other = FormParams.parse("AccountSid=ACother&Body=x");
        String signature = TwilioSignatures.sign(PRIMARY, "https://a.example/w", other.entries());
        assertRefused("wrong-account", () -> verifier.verify("https://a.example/w", other, signature));
    }

    private static void assertRefused(String reason, Runnable check) {
        ProblemException refused = assertThrows(ProblemException.class, check::run);
        assertEquals(403, refused.problem().status());
        assertEquals(reason, refused.problem().reason());
    }

    private static FormParams sms(String body) {
        return FormParams.parse("AccountSid=" + ACCOUNT + "&From=%2B15005550001&To=%2B15005550006&Body=" + body
                + "&MessageSid=SM00000000000000000000000000000001");
    }

    /** Distinct names: the SDK takes a map, so repeated names cannot be compared against it. */
    private static FormParams randomForm(Random random) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT);
        for (int i = random.nextInt(6); i > 0; i--) {
            params.put("P" + random.nextInt(100), Integer.toString(random.nextInt(), 36) + "é ✓&=");
        }
        return FormParams.parse(params.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private static Map<String, String> asMap(FormParams params) {
        return params.entries().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String sha256(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Only the three settings the verifier reads; any other call is a test bug. */
    private static TwilioConfig config(Optional<String> secondary) {
        return (TwilioConfig) Proxy.newProxyInstance(TwilioConfig.class.getClassLoader(),
                new Class<?>[] {TwilioConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "accountSid" -> ACCOUNT;
                    case "authToken" -> PRIMARY;
                    case "authTokenSecondary" -> secondary;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
