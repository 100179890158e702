package dev.switchboard.conversations.media;

import static io.restassured.RestAssured.given;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.testing.StandIn;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.TestKafka;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A backlog of WhatsApp messages with one image each, as webhook-ingest puts them on {@code twilio.message-events}.
 * Every message of a backlog has the backlog's marker in its body and in its media SID, so its rows and its Twilio
 * requests can be told apart from other tests' traffic; every image has bytes of its own, so an item stored for the
 * wrong message shows in its checksum.
 */
final class MediaBacklog {

    /** PNG signature and IHDR of a 64 x 48 image: the header is read (declared pixels), so it is not left to chance. */
    private static final byte[] PNG_HEADER = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13,
            'I', 'H', 'D', 'R', 0, 0, 0, 64, 0, 0, 0, 48 };

    private final String marker = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    /** Message SID to the SHA-256 of its one image. */
    private final Map<String, String> checksums = new LinkedHashMap<>();
    private final List<Event<?>> events = new ArrayList<>();

    /** Makes the stand-in serve every item; not yet on the topic. */
    MediaBacklog(int size) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // A few uploads at a time: the stand-in has 16 threads, and one at a time would take half a minute.
        Semaphore uploads = new Semaphore(8);
        List<CompletableFuture<?>> uploaded = new ArrayList<>();
        for (int number = 0; number < size; number++) {
            String mediaSid = "ME" + marker + "%020x".formatted(number);
            byte[] image = image();
            uploads.acquire();
            uploaded.add(http.sendAsync(HttpRequest.newBuilder(URI.create(StandIn.baseUrl() + "/_standin/media/" + mediaSid))
                            .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(image))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((answer, failure) -> uploads.release())
                    .thenAccept(answer -> {
                        if (answer.statusCode() >= 300) {
                            throw new IllegalStateException("the stand-in refused media " + mediaSid + ": "
                                    + answer.statusCode());
                        }
                    }));
            Messages message = Messages.aMessage().body(bodyPrefix() + number);
            message.media(StandIn.mediaUrl(message.messageSid(), mediaSid), "image/png");
            checksums.put(message.messageSid(), MediaObjects.sha256(image));
            events.add(message.event(EventTypes.MESSAGE_ADDED));
        }
        CompletableFuture.allOf(uploaded.toArray(CompletableFuture[]::new)).get();
    }

    int size() {
        return events.size();
    }

    /** Start of the body of every message of this backlog; each body ends with the message's number. */
    String bodyPrefix() {
        return "Media backlog " + marker + " #";
    }

    /** The stand-in answers each of this backlog's downloads only after {@code delayMs}, then as usual. */
    void twilioAnswersEachAfter(long delayMs) {
        given().baseUri(StandIn.baseUrl()).contentType("application/json")
                .body(Map.of("method", "GET", "pathRegex", "/Media/ME" + marker + "[0-9a-f]{20}$", "times", size(),
                        "delayMs", delayMs))
                .when().post("/_standin/script")
                .then().statusCode(201);
    }

    /** Produces every message.added of the backlog and waits until the broker has them all. */
    void produce() {
        TestKafka.broker().publishAll(Topics.MESSAGE_EVENTS, events);
    }

    /** Messages of this backlog by media_status. */
    Map<String, Long> mediaStatuses(Database database) {
        return database.query("SELECT media_status, count(*) AS n FROM messages WHERE body LIKE $1 GROUP BY media_status",
                        bodyPrefix() + "%").stream()
                .collect(Collectors.toMap(row -> row.getString("media_status"), row -> row.getLong("n")));
    }

    /**
     * Per message of this backlog that is not as it should be (media_status stored, exactly one stored object, the
     * checksum of its own image): what it is instead. Empty when every item was kept once and right.
     */
    Map<String, String> wronglyKept(Database database) {
        Map<String, JsonObject> rows = database.query("""
                        SELECT m.message_sid, m.media_status, count(o.message_sid) AS objects,
                               string_agg(o.sha256, ',') AS sha256, string_agg(o.media_index::text, ',') AS indexes
                        FROM messages m LEFT JOIN media_objects o ON o.message_sid = m.message_sid
                        WHERE m.body LIKE $1 GROUP BY m.message_sid, m.media_status""", bodyPrefix() + "%")
                .stream().collect(Collectors.toMap(row -> row.getString("message_sid"), Function.identity()));
        Map<String, String> wrong = new LinkedHashMap<>();
        checksums.forEach((messageSid, sha256) -> {
            JsonObject row = rows.get(messageSid);
            if (row == null) {
                wrong.put(messageSid, "no message row");
            } else if (!"stored".equals(row.getString("media_status")) || row.getLong("objects") != 1
                    || !sha256.equals(row.getString("sha256")) || !"0".equals(row.getString("indexes"))) {
                wrong.put(messageSid, row.encode());
            }
        });
        return wrong;
    }

    /** Requests the stand-in received for each item of this backlog (an item never requested is absent). */
    Map<String, Long> downloadsPerItem() {
        return StandIn.requestsContaining("/Media/ME" + marker).stream()
                .collect(Collectors.groupingBy(request -> String.valueOf(request.get("path")), Collectors.counting()));
    }

    private static byte[] image() {
        byte[] bytes = new byte[1_000 + ThreadLocalRandom.current().nextInt(1_000)];
        ThreadLocalRandom.current().nextBytes(bytes);
        System.arraycopy(PNG_HEADER, 0, bytes, 0, PNG_HEADER.length);
        return bytes;
    }

    static Duration sequentialBaseline(int size, long delayMs) {
        return Duration.ofMillis(size * delayMs);
    }
}
