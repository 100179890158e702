package dev.switchboard.conversations.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.stack.testing.OpenApiResponses;
import dev.switchboard.stack.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** What client apps build on: the served OpenAPI document, real answers shaped as it says, bad numbers as 400, CORS. */
@QuarkusTest
class ClientApiDocumentTest {

    private static final String APP_ORIGIN = "https://app.switchboard.test";

    @Inject
    Database db;

    private long user() {
        return db.query("INSERT INTO users (username, phone_number, points) VALUES ('doc', $1, 3) RETURNING id",
                Messages.phoneNumber()).get(0).getLong("id");
    }

    private static OpenApiResponses document() {
        String json = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        return OpenApiResponses.of(json);
    }

    private static void conforms(OpenApiResponses doc, String method, String template, Response response) {
        doc.assertConforms(method, template, response.statusCode(), response.contentType(), response.asString());
    }

    @Test
    void realAnswersHaveTheShapesTheServedDocumentDeclares() {
        OpenApiResponses doc = document();
        long me = user();
        db.query("INSERT INTO tasks (user_id, description, status) VALUES ($1, 'd', 'active')", me);
        long done = db.query("INSERT INTO tasks (user_id, description, status) VALUES ($1, 'd', 'completed') RETURNING id",
                me).get(0).getLong("id");
        db.query("INSERT INTO feed (user_id, task_id, message_sid, image_url) VALUES ($1, $2, $3, 'https://x/i')",
                me, done, "MMdoc" + done);
        String token = TestTokens.user(me);

        assertEquals("bearer", doc.document().path("components").path("securitySchemes").fieldNames().next());
        conforms(doc, "GET", "/users/{id}", given().auth().oauth2(token).get("/users/{id}", me));
        conforms(doc, "GET", "/users/{id}", given().auth().oauth2(token).get("/users/{id}", user()));
        conforms(doc, "GET", "/tasks", given().auth().oauth2(token).get("/tasks"));
        conforms(doc, "GET", "/tasks", given().auth().oauth2(token).get("/tasks?status=bogus"));
        conforms(doc, "GET", "/feed", given().auth().oauth2(token).get("/feed"));
        conforms(doc, "GET", "/feed", given().auth().oauth2(token).get("/feed?limit=abc"));
    }

    @Test
    void aMalformedOrOutOfRangeFeedPageIsA400ProblemNotA404() {
        String token = TestTokens.user(user());
        for (String query : new String[] {"limit=abc", "limit=0", "limit=101", "limit=1.5"}) {
            given().auth().oauth2(token).get("/feed?" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-limit"));
        }
        for (String query : new String[] {"before=abc", "before=0", "before=99999999999999999999"}) {
            given().auth().oauth2(token).get("/feed?" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-before"));
        }
        given().auth().oauth2(token).get("/feed?limit=100&before=9000000000").then().statusCode(200);
    }

    @Test
    void aMalformedTaskOwnerIsA400ProblemNotA404() {
        for (String query : new String[] {"user_id=abc", "user_id=0", "user_id=1e3"}) {
            given().auth().oauth2(TestTokens.serviceRole()).get("/tasks?" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-user-id"));
        }
    }

    @Test
    void aPreflightFromAnAllowedAppOriginIsAnsweredAndAnyOtherIsNot() {
        given().header("Origin", APP_ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization, Idempotency-Key")
                .options("/feed")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", APP_ORIGIN)
                .header("Access-Control-Allow-Credentials", "true");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/feed")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
