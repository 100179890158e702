package dev.switchboard.sender.messages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.sender.testing.SendRequests;
import dev.switchboard.testing.OpenApiResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The served document describes sending as it answers: the accepted message, and the problem for a bad one. */
@QuarkusTest
class ClientApiDocumentTest {

    private static final String APP_ORIGIN = "https://app.switchboard.test";

    private static void conforms(OpenApiResponses doc, String method, String template, Response response) {
        doc.assertConforms(method, template, response.statusCode(), response.contentType(), response.asString());
    }

    @Test
    void sendAnswersHaveTheShapesTheServedDocumentDeclares() {
        OpenApiResponses doc = OpenApiResponses.of(
                given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());

        conforms(doc, "POST", "/messages", SendRequests.sms().post());
        conforms(doc, "POST", "/messages", SendRequests.sms().with("to", "5551234").post());
        conforms(doc, "POST", "/messages", SendRequests.sms().token("not-a-token").post());
    }

    @Test
    void aPreflightWithAnIdempotencyKeyFromAnAllowedAppOriginIsAnsweredAndAnyOtherIsNot() {
        given().header("Origin", APP_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type, Idempotency-Key")
                .options("/messages")
                .then().statusCode(200).header("Access-Control-Allow-Origin", APP_ORIGIN);
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/messages")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
