package dev.switchboard.realtime.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.Event;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.SseClient;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.OpenApiResponses;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What client apps build on: the served document describes the stream and tickets as they answer; CORS for apps. */
@QuarkusTest
class ClientApiDocumentTest {

    private static final String APP_ORIGIN = "https://app.switchboard.test";
    private static final String STREAM_200 = "/paths/~1v1~1stream/get/responses/200";

    @TestHTTPResource("/v1/stream")
    URI streamUri;

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

    /**
     * Each SSE event's data conforms to the schema the served document declares for it ({@code x-event-data} of the
     * stream's 200): a message with media, a delivery failure, a chat message and its removal, and a task, as the
     * stream really sent them.
     */
    @Test
    void eachStreamEventsDataHasTheClientEventShapeTheServedDocumentDeclares() {
        OpenApiResponses doc = OpenApiResponses.of(
                given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        OpenApiResponses eventData = eventDataAsJson(doc.document());
        TestDatabase db = new TestDatabase();
        TestUser user = db.user();
        String conversation = TestEvents.conversationSid();
        db.addParticipant(conversation, user);
        String stranger = TestDatabase.strangerNumber();
        Event<MessageData> chat = TestEvents.chat(conversation, "someone-else", "hello");
        List<Event<MessageData>> messages = List.of(
                TestEvents.mms(stranger, user.phone(), "photo",
                        new MediaItem("ME1", "https://api.twilio.com/Media/ME1", "image/png", "a.png", 8L)),
                TestEvents.status(stranger, user.phone(), "failed", 30008, "Unknown error"),
                chat,
                TestEvents.removed(chat));
        Event<TaskCompletedData> task = TestEvents.taskCompleted(user.id());
        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer()).awaitOpen()) {
            messages.forEach(TestKafka.broker()::publishMessageEvent);
            TestKafka.broker().publish(Topics.TASK_EVENTS, task);

            for (String id : List.of(messages.get(0).id(), messages.get(1).id(), messages.get(2).id(),
                    messages.get(3).id(), task.id())) {
                eventData.assertConforms("GET", "/v1/stream", 200, "application/json",
                        stream.awaitEventWithId(id).data());
            }
        }
    }

    /**
     * The checker reads JSON response bodies, and SSE data has its schema in an extension: the same document with
     * the stream's 200 answering that schema as JSON lets it check one event's data.
     */
    private static OpenApiResponses eventDataAsJson(JsonNode document) {
        JsonNode schema = document.at(STREAM_200 + "/content/text~1event-stream/x-event-data");
        assertEquals("#/components/schemas/ClientEvent", schema.path("$ref").asText(), "x-event-data of the stream");
        ObjectNode copy = document.deepCopy();
        ObjectNode content = ((ObjectNode) copy.at(STREAM_200)).putObject("content");
        content.putObject("application/json").set("schema", schema);
        return OpenApiResponses.of(copy.toString());
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
