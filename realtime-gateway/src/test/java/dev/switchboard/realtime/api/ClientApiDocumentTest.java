package dev.switchboard.realtime.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.stack.testing.OpenApiResponses;
import dev.switchboard.stack.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** What client apps build on: the served document describes the stream and tickets as they answer; CORS for apps. */
@QuarkusTest
class ClientApiDocumentTest {

    private static final String APP_ORIGIN = "https://app.switchboard.test";

    private static void conforms(OpenApiResponses doc, String method, String template, Response response) {
        doc.assertConforms(method, template, response.statusCode(), response.contentType(), response.asString());
    }

    @Test
    void theStreamAndTicketAnswersHaveTheShapesTheServedDocumentDeclares() {
        OpenApiResponses doc = OpenApiResponses.of(
                given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());

        conforms(doc, "POST", "/v1/stream/tickets",
                given().auth().oauth2(TestTokens.user(4343)).post("/v1/stream/tickets"));
        conforms(doc, "POST", "/v1/stream/tickets", given().post("/v1/stream/tickets"));
        conforms(doc, "GET", "/v1/stream", given().get("/v1/stream"));
        conforms(doc, "GET", "/v1/stream", given().auth().oauth2(TestTokens.expiredUser(4343)).get("/v1/stream"));
    }

    @Test
    void aCredentialedPreflightFromAnAllowedAppOriginIsAnsweredAndAnyOtherIsNot() {
        given().header("Origin", APP_ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Last-Event-ID")
                .options("/v1/stream")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", APP_ORIGIN)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Last-Event-ID"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/v1/stream")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void swaggerUiIsServedOutsideProduction() {
        given().get("/q/swagger-ui/").then().statusCode(is(200));
    }
}
