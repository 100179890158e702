package dev.switchboard.ingest.twilio;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.stack.KafkaBroker;
import dev.switchboard.testing.LocalStackTestResource;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KafkaOutageTest {

    /** The ack deadline (4 s by default) plus slack for a loaded machine; still inside Twilio's 5 s. */
    private static final long ANSWER_WITHIN_MS = 4_900;

    @Test
    void webhookIsRefusedWith503WithinTheDeadlineWhileKafkaIsDownAndAcceptedOnTwiliosRetry() {
        TwilioWebhook webhook = TwilioWebhook.sms("sent while Kafka is down");
        KafkaBroker broker = LocalStackTestResource.brokerOf(ConfigProvider.getConfig()).orElseThrow();
        broker.stop();
        try {
            long start = System.currentTimeMillis();
            Response response = webhook.post();
            long took = System.currentTimeMillis() - start;

            response.then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("reason", equalTo("kafka-unavailable"));
            assertTrue(took < ANSWER_WITHIN_MS, "answered after " + took + " ms");
        } finally {
            broker.start();
        }

        assertEquals(200, retriedLikeTwilio(webhook));
        assertFalse(TestKafka.broker().messageEventsToEnd(webhook::isSourceOf).isEmpty(),
                "the retried webhook's event");
    }

    /** Twilio retries a refused webhook; the producer needs a moment to find the restarted broker. */
    private static int retriedLikeTwilio(TwilioWebhook webhook) {
        try {
            return Waits.waitFor("the webhook answered other than 503", Duration.ofSeconds(60), Duration.ZERO)
                    .until(() -> webhook.post().statusCode(), status -> status != 503);
        } catch (ConditionTimeoutException stillRefused) {
            return 503;
        }
    }
}
