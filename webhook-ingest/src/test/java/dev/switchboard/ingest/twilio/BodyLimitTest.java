package dev.switchboard.ingest.twilio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BodyLimitTest {

    @Test
    void bodyAboveTheCapIsRefusedWithTooLargeAndNothingOnKafka() {
        TwilioWebhook webhook = TwilioWebhook.conversationMessage("onMessageAdded", "x".repeat(70_000));

        webhook.post()
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("reason", equalTo("body-too-large"));

        webhook.assertNoEvent();
    }

    /** PostgreSQL text cannot hold U+0000: such a message would be dead-lettered after Twilio was told it arrived. */
    @Test
    void signedWebhookWithANulCharacterIsRefusedAsUnstorableAndNothingOnKafka() {
        TwilioWebhook webhook = TwilioWebhook.sms("before\u0000after");

        webhook.post()
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("reason", equalTo("nul-character"));

        webhook.assertNoEvent();
    }

    @Test
    void bodyThatIsNotFormEncodingIsRefusedAsMalformed() {
        given()
                .contentType("application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", "irrelevant")
                .body("Body=%E2%82&AccountSid=%ZZ")
                .post(TwilioWebhook.MESSAGING)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("reason", equalTo("malformed-body"));
    }

    @Test
    void nonFormContentIsRefusedWithAProblem() {
        given()
                .contentType("text/plain")
                .body("Body=hi")
                .post(TwilioWebhook.STATUS)
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }
}
