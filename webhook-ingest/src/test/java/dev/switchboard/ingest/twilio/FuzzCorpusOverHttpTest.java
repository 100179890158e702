package dev.switchboard.ingest.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.problem.ProblemException;
import dev.switchboard.testing.TwilioSignatures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The form seed corpus of {@link WebhookParsingFuzzTest}, posted validly signed to every webhook endpoint: whatever
 * the body, the answer is 2xx or a 4xx problem, never a 5xx. Bodies that are not form encoding go out unsigned and
 * must be refused as malformed.
 */
@QuarkusTest
class FuzzCorpusOverHttpTest {

    private static final String CORPUS = "WebhookParsingFuzzTestInputs/formBodyIsRefusedOrNormalized";

    static Stream<Path> seeds() throws URISyntaxException, IOException {
        try (Stream<Path> files = Files.list(Path.of(FuzzCorpusOverHttpTest.class.getResource(CORPUS).toURI()))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void seedIsAcceptedOrRefusedWithAProblemOnEveryEndpoint(Path seed) {
        byte[] body = read(seed);
        List<String> wrong = new ArrayList<>();
        for (String path : List.of(TwilioWebhook.MESSAGING, TwilioWebhook.CONVERSATIONS, TwilioWebhook.STATUS)) {
            Response response = signed(path, body).post();
            boolean problem = response.statusCode() >= 400 && response.statusCode() < 500
                    && response.contentType().startsWith("application/problem+json");
            if (response.statusCode() >= 300 && !problem) {
                wrong.add(path + " -> " + response.statusCode() + " " + response.asString());
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static WireRequest signed(String path, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookRequest.IDEMPOTENCY_TOKEN, UUID.randomUUID().toString());
        try {
            FormParams params = FormParams.parse(new String(body, StandardCharsets.UTF_8));
            String authToken = ConfigProvider.getConfig().getValue("twilio.auth-token", String.class);
            headers.put(WireRequest.SIGNATURE, TwilioSignatures.sign(authToken,
                    RestAssured.baseURI + ":" + RestAssured.port + path, params.entries()));
        } catch (ProblemException notAForm) {
            headers.put(WireRequest.SIGNATURE, "not-a-form-so-never-verified");
        }
        return new WireRequest(path, body, headers);
    }

    private static byte[] read(Path seed) {
        try {
            return Files.readAllBytes(seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
