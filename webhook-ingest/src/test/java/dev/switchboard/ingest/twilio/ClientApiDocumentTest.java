package dev.switchboard.ingest.twilio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.testing.OpenApiResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The served document describes the webhooks as they answer: TwiML on success, a problem on a forgery. */
@QuarkusTest
class ClientApiDocumentTest {

    private static void conforms(OpenApiResponses doc, String method, String template, Response response) {
        doc.assertConforms(method, template, response.statusCode(), response.contentType(), response.asString());
    }

    @Test
    void webhookAnswersHaveTheShapesTheServedDocumentDeclares() {
        OpenApiResponses doc = OpenApiResponses.of(
                given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());

        conforms(doc, "POST", TwilioWebhook.MESSAGING, TwilioWebhook.sms("documented").post());
        conforms(doc, "POST", TwilioWebhook.MESSAGING, TwilioWebhook.sms("forged").signedWith("not-our-token").post());
        conforms(doc, "POST", TwilioWebhook.STATUS,
                TwilioWebhook.status(TwilioWebhook.sid("SM"), "sent").unsigned().post());
    }

    @Test
    void noAppOriginIsAllowedToCallTheWebhooksCrossOriginUnlessListed() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options(TwilioWebhook.MESSAGING)
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
