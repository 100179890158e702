package dev.switchboard.ingest.twilio;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.stream.Stream;
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

    private double rejected(String reason) {
        return metrics.counter(TwilioSignatureVerifier.REJECTED_METRIC, "reason", reason).count();
    }
}
