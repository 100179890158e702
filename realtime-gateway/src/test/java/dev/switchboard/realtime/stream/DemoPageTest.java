package dev.switchboard.realtime.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.SseEvent;
import dev.switchboard.testing.SseClient;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.TestKafka;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemoPageTest {

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    /**
     * The page and its scripts are served, and its settings say where the APIs are and which demo users it offers:
     * none, unless the local launcher hands the gateway their tokens (DEMO_SESSIONS).
     */
    @Test
    void demoPageIsServedWithItsScriptsAndOffersNoDemoUsersOutsideTheLocalSuite() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<script src=\"demo-app.js\"></script>"))
                .body(containsString("<script src=\"stream-events.js\"></script>"));
        given().when().get("/demo-app.js")
                .then().statusCode(200)
                .body(containsString("'/v1/stream/tickets'"))
                .body(containsString("new EventSource('/v1/stream?ticket='"));
        given().when().get("/demo/config")
                .then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("sessions", org.hamcrest.Matchers.empty())
                .body("conversation_manager_url", org.hamcrest.Matchers.equalTo(""));
    }

    /**
     * The page's own script, as served, tells real stream events by their ClientEvent fields: a status event as
     * "sid → status", not the "null" body it has. Needs Node.js (there is no JavaScript engine on the JVM here).
     */
    @Test
    void demoPageTellsRealStreamEventsByTheirClientFields() throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed");
        String script = given().when().get("/stream-events.js").then().statusCode(200).extract().asString();
        TestUser user = new TestDatabase().user();
        String stranger = TestDatabase.strangerNumber();
        Event<MessageData> photo = TestEvents.mms(stranger, user.phone(), "the fence",
                new MediaItem("ME1", "https://api.twilio.com/Media/ME1", "image/png", null, 8L));
        Event<MessageData> delivered = TestEvents.status(stranger, user.phone(), "delivered", null, null);
        Event<MessageData> failed = TestEvents.status(stranger, user.phone(), "undelivered", 30007, "filtered");
        // Ids as the database gives them (bigserial): a JavaScript number holds them exactly only up to 2^53.
        Event<TaskCompletedData> task = Event.of(EventTypes.TASK_COMPLETED, EventSources.TASK_COMPLETION,
                Long.toString(user.id()), new TaskCompletedData(user.id(), 42, 7, 10, 110, photo.data().messageSid(),
                        "https://media.example/fence.png"));
        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer()).awaitOpen()) {
            TestKafka.broker().publishMessageEvent(photo);
            TestKafka.broker().publishMessageEvent(delivered);
            TestKafka.broker().publishMessageEvent(failed);
            TestKafka.broker().publish(Topics.TASK_EVENTS, task);

            assertEquals(stranger + " → " + user.phone() + ": the fence [1 attachment]",
                    described(script, stream.awaitEventWithId(photo.id())));
            assertEquals(delivered.data().messageSid() + " → delivered",
                    described(script, stream.awaitEventWithId(delivered.id())));
            assertEquals(failed.data().messageSid() + " → undelivered (error 30007)",
                    described(script, stream.awaitEventWithId(failed.id())));
            assertEquals("task 42 done: +10 points (total 110)",
                    described(script, stream.awaitEventWithId(task.id())));
        }
    }

    /** What {@code describe(name, data)} of the page's script answers for this event, run by Node.js. */
    private static String described(String script, SseEvent event) throws IOException, InterruptedException {
        Path file = Files.createTempFile("stream-events", ".js");
        try {
            Files.writeString(file, script
                    + "\nprocess.stdout.write(describe(process.argv[2], JSON.parse(process.argv[3])));\n");
            Process node = new ProcessBuilder("node", file.toString(), event.type(), event.data())
                    .redirectErrorStream(true).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(node.waitFor(30, TimeUnit.SECONDS), "node did not finish");
            assertEquals(0, node.exitValue(), out);
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean nodeAvailable() {
        try {
            Process node = new ProcessBuilder("node", "--version").start();
            return node.waitFor(10, TimeUnit.SECONDS) && node.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
