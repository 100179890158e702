package dev.switchboard.ingest.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.MessageData;
import dev.switchboard.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Webhook bodies as webhook-ingest decodes them once their signature holds: a body is either refused with a 4xx
 * problem or becomes, under every normalizer, an event that survives the trip through Kafka's JSON unchanged. Any
 * other exception is a finding. The default build replays the committed seed corpus
 * ({@code WebhookParsingFuzzTestInputs/<method>/}); {@code -Pfuzz} mutates it (see docs/reliability.md).
 */
class WebhookParsingFuzzTest {

    private static final List<WebhookNormalizer> NORMALIZERS = List.of(new MessagingEvents(),
            new ConversationsEvents(new ObjectMapper()), new StatusEvents());

    @FuzzTest(maxDuration = "10m")
    void formBodyIsRefusedOrNormalized(byte[] body) {
        refusedOrNormalized(() -> FormParams.parse(new String(body, StandardCharsets.UTF_8)));
    }

    @FuzzTest(maxDuration = "10m")
    void jsonBodyIsRefusedOrNormalized(byte[] body) {
        refusedOrNormalized(() -> FormParams.ofJson(body));
    }

    private static void refusedOrNormalized(Supplier<FormParams> parse) {
        FormParams params;
        try {
            params = parse.get();
        } catch (ProblemException refused) {
            assertClientError(refused);
            return;
        }
        WebhookRequest request = new WebhookRequest(params, "fuzz-idempotency-token");
        for (WebhookNormalizer normalizer : NORMALIZERS) {
            try {
                Event<MessageData> event = normalizer.normalize(request);
                assertEquals(event, EventJson.read(EventJson.write(event), MessageData.class));
            } catch (ProblemException refused) {
                assertClientError(refused);
            }
        }
    }

    private static void assertClientError(ProblemException refused) {
        int status = refused.problem().status();
        assertTrue(status >= 400 && status < 500, "refused with " + status);
    }
}
