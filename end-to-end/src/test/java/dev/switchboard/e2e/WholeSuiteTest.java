package dev.switchboard.e2e;

import static dev.switchboard.stack.ManagedProcesses.freePort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.stack.LocalStack;
import dev.switchboard.stack.StackSettings;
import dev.switchboard.stack.testing.TestTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The suite as its users meet it: Twilio posts a signed WhatsApp photo to webhook-ingest, and the user's task is
 * completed, the reply reaches Twilio, Twilio's status callbacks come back, and the user's app sees it all live —
 * while another user's app sees none of it. Everything runs as in production: packaged services in their own JVMs,
 * a real Kafka broker and PostgreSQL, and the Twilio stand-in in place of Twilio.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSuiteTest {

    private static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    private static final String AUTH_TOKEN = "end-to-end-auth-token";
    private static final String WHATSAPP_NUMBER = "+14155238886";
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack suite;
    private static Map<String, Integer> ports;
    private static int standInPort;

    @BeforeAll
    static void startTheWholeSuite() {
        Path root = Path.of("").toAbsolutePath().getParent();
        ports = new LinkedHashMap<>();
        StackSettings.DEFAULT_SERVICE_PORTS.keySet().forEach(service -> ports.put(service, freePort()));
        standInPort = freePort();
        suite = new LocalStack(new StackSettings(root, root.resolve("end-to-end/target/suite"), freePort(), freePort(),
                freePort(), Optional.empty(), Optional.empty(), ports, Optional.of(standInPort),
                Map.of("SWITCHBOARD_JWT_SECRET", TestTokens.SECRET, "TWILIO_ACCOUNT_SID", ACCOUNT_SID,
                        "TWILIO_AUTH_TOKEN", AUTH_TOKEN, "TWILIO_WHATSAPP_NUMBER", WHATSAPP_NUMBER)));
        try {
            suite.startInfrastructure();
            suite.startServices(Duration.ofMinutes(4));
        } catch (RuntimeException e) {
            suite.destroy();
            throw e;
        }
    }

    @AfterAll
    static void stopTheWholeSuite() {
        if (suite != null) {
            suite.destroy();
        }
    }

    private static String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private static String standIn() {
        return "http://127.0.0.1:" + standInPort;
    }

    private static HttpResponse<byte[]> call(String method, String url, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(SOON);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(String method, String url, String token, Object body, int expectedStatus)
            throws Exception {
        HttpResponse<byte[]> response = call(method, url, token, body);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(expectedStatus, response.statusCode(), method + " " + url + " answered " + text);
        return JSON.readTree(text);
    }

    private static String newPhone() {
        return "+1555" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private static long newUser(String phone) throws Exception {
        return json("POST", url("conversation-manager") + "/users", TestTokens.serviceRole(),
                Map.of("username", "user" + phone, "phone_number", phone), 201).get("id").asLong();
    }

    private static HttpResponse<String> postWebhook(Map<String, String> params, boolean signed) throws Exception {
        String webhook = url("webhook-ingest") + "/webhooks/twilio/messaging";
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signed) {
            request.header("X-Twilio-Signature", TwilioSignatures.sign(AUTH_TOKEN, webhook, params));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> inboundWhatsApp(String messageSid, String fromPhone, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", messageSid);
        params.put("SmsSid", messageSid);
        params.put("AccountSid", ACCOUNT_SID);
        params.put("From", "whatsapp:" + fromPhone);
        params.put("To", "whatsapp:" + WHATSAPP_NUMBER);
        params.put("Body", body);
        params.put("NumMedia", "0");
        params.put("ProfileName", "Ada");
        params.put("WaId", fromPhone.substring(1));
        return params;
    }

    private static String sid(String prefix) {
        return prefix + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    @Order(1)
    void aPhotoForAnActiveTaskFlowsThroughTheWholeSuiteToExactlyItsUser() throws Exception {
        String phone = newPhone();
        long userId = newUser(phone);
        long taskId = json("POST", url("conversation-manager") + "/tasks", TestTokens.serviceRole(),
                Map.of("user_id", userId, "description", "Water the plants", "points", 15), 201).get("id").asLong();
        String otherPhone = newPhone();
        long otherUserId = newUser(otherPhone);

        String messageSid = sid("MM");
        String mediaSid = sid("ME");
        byte[] photo = new byte[2048];
        ThreadLocalRandom.current().nextBytes(photo);
        System.arraycopy(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }, 0, photo, 0, 4);
        HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(URI.create(standIn() + "/_standin/media/" + mediaSid))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, stored.statusCode(), stored.body());

        try (SseStream mine = SseStream.open(HTTP, url("realtime-gateway"), TestTokens.user(userId));
                SseStream theirs = SseStream.open(HTTP, url("realtime-gateway"), TestTokens.user(otherUserId))) {
            assertEquals(200, mine.status());

            Map<String, String> webhook = inboundWhatsApp(messageSid, phone, "done, see the photo");
            webhook.put("NumMedia", "1");
            webhook.put("MessageType", "image");
            webhook.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/"
                    + messageSid + "/Media/" + mediaSid);
            webhook.put("MediaContentType0", "image/jpeg");

            assertEquals(403, postWebhook(webhook, false).statusCode(), "an unsigned webhook is refused");
            HttpResponse<String> accepted = postWebhook(webhook, true);
            assertEquals(200, accepted.statusCode(), accepted.body());
            assertTrue(accepted.body().contains("<Response/>"), accepted.body());

            // The user's app sees their message, then their completed task, then the reply's delivery.
            mine.await("message.added", e -> "message.added".equals(e.type())
                    && messageSid.equals(e.data().path("messageSid").asText()), SOON);
            SseStream.Received completed = mine.await("task.completed", e -> "task.completed".equals(e.type()), SOON);
            assertEquals(taskId, completed.data().path("taskId").asLong());
            assertEquals(15, completed.data().path("pointsAwarded").asInt());

            // The reply reached Twilio once, as a valid request, with a status callback to webhook-ingest.
            List<JsonNode> replies = awaitStandInMessagesTo(phone, SOON);
            assertEquals(1, replies.size(), replies.toString());
            JsonNode reply = replies.get(0);
            assertTrue(reply.path("form").path("Body").get(0).asText().contains("15 points"), reply.toString());
            assertEquals(url("webhook-ingest") + "/webhooks/twilio/status",
                    reply.path("form").path("StatusCallback").get(0).asText());
            assertEquals(0, json("GET", standIn() + "/_standin/violations", null, null, 200).size());

            // Twilio's status callbacks for the reply flow back to the user's app.
            mine.await("the reply's delivered status", e -> "message.status".equals(e.type())
                    && "delivered".equals(e.data().path("status").asText()), SOON);

            // Stored once: the message, its photo byte for byte, the feed post, the points.
            JsonNode messages = json("GET", url("conversation-manager") + "/messages?limit=100", TestTokens.user(userId),
                    null, 200);
            List<JsonNode> mineStored = new java.util.ArrayList<>();
            messages.forEach(m -> {
                if (messageSid.equals(m.path("message_sid").asText())) {
                    mineStored.add(m);
                }
            });
            assertEquals(1, mineStored.size());
            long messageId = mineStored.get(0).path("id").asLong();
            HttpResponse<byte[]> media = awaitMedia(messageId, TestTokens.user(userId));
            assertArrayEquals(photo, media.body());
            JsonNode feed = json("GET", url("conversation-manager") + "/feed?limit=20", TestTokens.user(otherUserId),
                    null, 200);
            boolean posted = false;
            for (JsonNode post : feed) {
                posted |= post.path("task_id").asLong() == taskId;
            }
            assertTrue(posted, "the feed shows the post to every signed-in user: " + feed);
            assertEquals(15, json("GET", url("conversation-manager") + "/users/" + userId, TestTokens.user(userId), null,
                    200).path("points").asInt());

            // The other user's app saw none of it: their own next message arrives, and nothing of the first user's.
            String marker = sid("MM");
            assertEquals(200, postWebhook(inboundWhatsApp(marker, otherPhone, "hi"), true).statusCode());
            theirs.await("their own message", e -> marker.equals(e.data().path("messageSid").asText()), SOON);
            assertTrue(theirs.events().stream().noneMatch(e -> messageSid.equals(e.data().path("messageSid").asText())
                    || "task.completed".equals(e.type()) || e.data().toString().contains(phone)), theirs.events().toString());
        }
    }

    /** Last: the crash leaves conversation-manager's consumer groups rebalancing for a while. */
    @Test
    @Order(2)
    void duplicatesDeliveredAcrossACrashOfConversationManagerCompleteTheTaskExactlyOnce() throws Exception {
        String phone = newPhone();
        long userId = newUser(phone);
        long taskId = json("POST", url("conversation-manager") + "/tasks", TestTokens.serviceRole(),
                Map.of("user_id", userId, "description", "Sweep the porch", "points", 7), 201).get("id").asLong();
        String messageSid = sid("MM");
        Map<String, String> webhook = inboundWhatsApp(messageSid, phone, "swept");
        webhook.put("NumMedia", "1");
        webhook.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/"
                + messageSid + "/Media/" + sid("ME"));
        webhook.put("MediaContentType0", "image/jpeg");

        // Twilio retries: the same webhook twenty times, half of them while conversation-manager is down after a crash.
        java.util.concurrent.ExecutorService twilio = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Integer>> first = java.util.stream.IntStream.range(0, 10)
                    .mapToObj(i -> twilio.submit(() -> postWebhook(webhook, true).statusCode())).toList();
            suite.service("conversation-manager").kill();
            List<java.util.concurrent.Future<Integer>> second = java.util.stream.IntStream.range(0, 10)
                    .mapToObj(i -> twilio.submit(() -> postWebhook(webhook, true).statusCode())).toList();
            for (java.util.concurrent.Future<Integer> answer : java.util.stream.Stream.concat(first.stream(),
                    second.stream()).toList()) {
                assertEquals(200, answer.get(), "webhook-ingest needs only Kafka");
            }
        } finally {
            twilio.shutdown();
        }
        suite.restart("conversation-manager", Duration.ofMinutes(2));

        // The crashed consumer's partitions return after Kafka's session timeout (45 s): recovery is bounded by it.
        assertEquals(1, awaitStandInMessagesTo(phone, Duration.ofSeconds(90)).size(), "one reply, whatever was redelivered");
        assertEquals("completed", json("GET", url("conversation-manager") + "/tasks/" + taskId, TestTokens.serviceRole(),
                null, 200).path("status").asText());
        assertEquals(7, json("GET", url("conversation-manager") + "/users/" + userId, TestTokens.serviceRole(), null,
                200).path("points").asInt(), "points awarded once");
        JsonNode feed = json("GET", url("conversation-manager") + "/feed?limit=100", TestTokens.user(userId), null, 200);
        long posts = java.util.stream.StreamSupport.stream(feed.spliterator(), false)
                .filter(post -> post.path("task_id").asLong() == taskId).count();
        assertEquals(1, posts, "one feed post");
    }

    /** Messages the stand-in was asked to send to {@code phone} over WhatsApp. */
    private static List<JsonNode> standInMessagesTo(String phone) throws Exception {
        List<JsonNode> sent = new java.util.ArrayList<>();
        json("GET", standIn() + "/_standin/requests?pathPrefix=/2010-04-01", null, null, 200).forEach(request -> {
            if ("POST".equals(request.path("method").asText()) && request.path("path").asText().endsWith("/Messages.json")
                    && ("whatsapp:" + phone).equals(request.path("form").path("To").path(0).asText())) {
                sent.add(request);
            }
        });
        return sent;
    }

    /** Waits for the first message to {@code phone}, then a little longer, so that a duplicate would show. */
    private static List<JsonNode> awaitStandInMessagesTo(String phone, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (standInMessagesTo(phone).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stand-in got no message for " + phone);
            }
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        return standInMessagesTo(phone);
    }

    private static HttpResponse<byte[]> awaitMedia(long messageId, String token) throws Exception {
        long deadline = System.nanoTime() + SOON.toNanos();
        HttpResponse<byte[]> media;
        do {
            media = call("GET", url("conversation-manager") + "/messages/" + messageId + "/media/0", token, null);
            if (media.statusCode() == 200) {
                return media;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("media of message " + messageId + " not served: " + media.statusCode());
    }
}
