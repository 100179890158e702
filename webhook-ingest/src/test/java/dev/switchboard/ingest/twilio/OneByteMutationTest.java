package dev.switchboard.ingest.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of one-byte mutations of valid signed webhooks: none may be accepted or reach Kafka. A changed body is
 * refused as unsigned (403) or, when the change breaks a percent escape (a hex digit
 * flipped to a non-hex byte), as malformed (400); a changed signature or
 * query as unsigned (403); a changed path no longer names a webhook (404/405). Every refusal is a problem body.
 */
@QuarkusTest
class OneByteMutationTest {

    private static final Logger LOG = Logger.getLogger(OneByteMutationTest.class);
    private static final String QUERY = "?tenant=hostile&v=1";
    private static final Map<String, Set<Integer>> REFUSALS = Map.of(
            "body^0x1", Set.of(400, 403),
            "body^0x80", Set.of(400, 403),
            "signature", Set.of(403),
            "url", Set.of(403, 404, 405));

    static Stream<Arguments> signedWebhooks() {
        return Stream.of(
                Arguments.of("messaging", TwilioWebhook.whatsapp("Task 12 done \uD83D\uDE00 50% + tip").withMedia(2)
                        .at(TwilioWebhook.MESSAGING + QUERY)),
                Arguments.of("conversations", TwilioWebhook.conversationMessage("onMessageAdded", "on my way & late")
                        .at(TwilioWebhook.CONVERSATIONS + QUERY)),
                Arguments.of("status callback", TwilioWebhook.status(TwilioWebhook.sid("SM"), "delivered")
                        .with("ErrorCode", "30008").at(TwilioWebhook.STATUS + QUERY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedWebhooks")
    void everyOneByteMutationOfASignedWebhookIsRefusedAndPublishesNothing(String name, TwilioWebhook webhook) {
        WireRequest valid = webhook.wire();
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> wronglyAnswered = new ArrayList<>();

        OneByteMutations.of(valid).forEach(mutation -> {
            Response response = mutation.request().post();
            statuses.merge(mutation.part() + " " + response.statusCode(), 1, Integer::sum);
            if (!REFUSALS.get(mutation.part()).contains(response.statusCode())
                    || !response.contentType().startsWith("application/problem+json")) {
                wronglyAnswered.add(mutation + " -> " + response.statusCode() + " " + response.contentType());
            }
        });
        LOG.infof("%s: one-byte mutations by part and answer: %s", name, statuses);

        assertEquals(List.of(), wronglyAnswered);
        valid.post().then().statusCode(200);
        webhook.onlyEvent();
    }
}
