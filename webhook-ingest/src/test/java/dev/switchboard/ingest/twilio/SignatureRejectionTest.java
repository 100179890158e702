package dev.switchboard.ingest.twilio;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class SignatureRejectionTest {

    @Inject
    MeterRegistry metrics;

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("tampered value", TwilioWebhook.sms("hi").changedAfterSigning("Body", "hi!"),
                        "bad-signature"),
                Arguments.of("extra parameter", TwilioWebhook.sms("hi").changedAfterSigning("Extra", "1"),
                        "bad-signature"),
                Arguments.of("signed for another URL", TwilioWebhook.sms("hi").signedForPath("/webhooks/twilio/status"),
                        "bad-signature"),
                Arguments.of("wrong token", TwilioWebhook.sms("hi").signedWith("not-our-token"), "bad-signature"),
                Arguments.of("conversations, tampered", TwilioWebhook.conversationMessage("onMessageAdded", "x")
                        .changedAfterSigning("Author", "someone-else"), "bad-signature"),
                Arguments.of("status, wrong token", TwilioWebhook.status(TwilioWebhook.sid("SM"), "sent")
                        .signedWith("not-our-token"), "bad-signature"),
                Arguments.of("missing signature header", TwilioWebhook.sms("hi").unsigned(), "missing-signature"),
                Arguments.of("another account", TwilioWebhook.sms("hi").with("AccountSid", TwilioWebhook.sid("AC")),
                        "wrong-account"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void unverifiedWebhookIsRefusedWithItsReasonCountedAndNothingOnKafka(String name, TwilioWebhook webhook,
            String reason) {
        double before = rejected(reason);

        webhook.post()
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("reason", equalTo(reason));

        assertEquals(before + 1, rejected(reason));
        webhook.assertNoEvent();
    }

    @Test
    void webhookSignedWithTheSecondaryTokenIsAcceptedDuringRotation() {
        TwilioWebhook webhook = TwilioWebhook.sms("rotating").signedWith(TwilioWebhook.secondaryAuthToken());

        webhook.post()
                .then()
                .statusCode(200);

        assertEquals(webhook.get("MessageSid"), webhook.onlyEvent().value().data().messageSid());
    }

    /**
     * A signature proves origin, not freshness: a replayed request is accepted again. Each replay is one more event,
     * but every one carries the same MessageSid and idempotency token, the keys consumers dedup on (conversation-manager's
     * {@code PersistenceConsumerTest} stores 50 deliveries of one SID as one row).
     */
    @Test
    void replayedWebhookPublishesEventsWithOneStableDedupKey() {
        TwilioWebhook webhook = TwilioWebhook.sms("replayed");
        WireRequest captured = webhook.wire();

        for (int replay = 0; replay < 5; replay++) {
            captured.post().then().statusCode(200);
        }

        List<Event<MessageData>> events = TestKafka.broker().messageEventsToEnd(webhook::isSourceOf).stream()
                .map(ConsumerRecord::value)
                .toList();
        assertEquals(5, events.size());
        assertEquals(Set.of(webhook.get("MessageSid")),
                events.stream().map(event -> event.data().messageSid()).collect(Collectors.toSet()));
        assertEquals(Set.of(webhook.idempotencyToken()), events.stream()
                .map(event -> event.data().twilioParams().get(WebhookRequest.IDEMPOTENCY_TOKEN))
                .collect(Collectors.toSet()));
    }

    private double rejected(String reason) {
        return metrics.counter(TwilioSignatureVerifier.REJECTED_METRIC, "reason", reason).count();
    }
}
