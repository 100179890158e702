package dev.switchboard.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.e2e.Suite;
import dev.switchboard.stack.ProjectLayout;
import dev.switchboard.testing.SseClient;
import dev.switchboard.testing.SseEvent;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Twilio never delivered, healed from its own lists: the stand-in drops every webhook (Messaging, Conversations,
 * status callbacks) while 200 texts arrive from ten users (19 with media, one a photo for an active task), Switchboard
 * sends 50 SMS, and 20 messages are written in a gig conversation (15 from the app, 5 by SMS). Then one pass,
 * {@code ./switchboard reconcile}, heals them all through the normal path: each message stored once with its media, the
 * task completed once, every status final, each event on the right streams once; a second pass changes nothing.
 * The services run their production settings, except that passes run by hand only ({@code RECONCILIATION_EVERY=off}),
 * so that the test counts one pass.
 */
class ReconciliationFaultTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(200);
    /** conversation-manager's default RECONCILIATION_SETTLE, and a margin. */
    private static final Duration SETTLE = Duration.ofSeconds(32);
    private static final int USERS = 10;
    private static final int TEXTS_PER_USER = 20;
    private static final int SENDS_PER_USER = 5;

    private static Suite suite;

    @BeforeAll
    static void startTheSuite() {
        suite = Suite.start("reconciliation", Map.of("RECONCILIATION_EVERY", "off"));
    }

    @AfterAll
    static void stopTheSuite() {
        suite.close();
    }

    @Test
    void onePassHealsEveryDroppedWebhookExactlyOnceAndASecondPassChangesNothing() throws Exception {
        String manager = suite.url("conversation-manager");
        String sender = suite.url("message-sender");
        List<String> phones = new ArrayList<>();
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            phones.add(Suite.newPhone());
            users.add(suite.newUser(phones.get(i)));
        }
        long taskId = suite.json("POST", manager + "/tasks", TestTokens.serviceRole(),
                Map.of("user_id", users.get(0), "description", "Photograph the venue", "points", 25), 201)
                .get("id").asLong();
        String gig = "gig" + System.nanoTime();
        long alice = suite.json("POST", manager + "/users", TestTokens.serviceRole(), Map.of("username", "alice-" + gig,
                "phone_number", Suite.newPhone(), "chat_identity", "alice-" + gig), 201).get("id").asLong();
        String carol = Suite.newPhone();
        suite.newUser(carol);
        String conversation = suite.json("PUT", manager + "/gigs/" + gig + "/conversation", TestTokens.serviceRole(),
                Map.of("participants", List.of(Map.of("identity", "alice-" + gig), Map.of("address", carol))), 200)
                .path("conversation_sid").asText();

        List<SseClient> streams = new ArrayList<>();
        for (long user : users) {
            streams.add(SseClient.open(suite.http(), suite.url("realtime-gateway"), TestTokens.user(user)).awaitOpen());
        }
        SseClient alices = SseClient.open(suite.http(), suite.url("realtime-gateway"), TestTokens.user(alice))
                .awaitOpen();
        try {
            // Twilio records everything below, and announces none of it.
            suite.json("POST", suite.standIn() + "/_standin/drops", null,
                    Map.of("kinds", List.of("messaging", "conversations", "status")), 201);

            Map<String, Integer> textedBy = new LinkedHashMap<>();
            List<String> withMedia = new ArrayList<>();
            String photo = null;
            for (int n = 0; n < USERS * TEXTS_PER_USER; n++) {
                int user = n % USERS;
                Map<String, Object> text = new HashMap<>(Map.of("from", phones.get(user), "to", Suite.SMS_NUMBER,
                        "body", "text " + n));
                // 19 texts with a photo, two from each user but the first, whose one photo is for their task.
                boolean media = n % 10 == (n / 10) % 10 && n != 100;
                if (media) {
                    text.put("media", List.of(putJpeg()));
                }
                JsonNode routed = suite.json("POST", suite.standIn() + "/_standin/sms/inbound", null, text, 200);
                assertTrue(routed.path("webhook_dropped").asBoolean(), routed.toString());
                String sid = routed.path("sms_sid").asText();
                textedBy.put(sid, user);
                if (media) {
                    withMedia.add(sid);
                    photo = user == 0 ? sid : photo;
                }
            }
            Map<String, Integer> sentTo = new LinkedHashMap<>();
            for (int n = 0; n < USERS * SENDS_PER_USER; n++) {
                JsonNode sent = suite.json("POST", sender + "/messages", TestTokens.serviceRole(),
                        Map.of("to", phones.get(n % USERS), "channel", "sms", "body", "notice " + n), 202);
                sentTo.put(sent.path("twilioSid").asText(), n % USERS);
            }
            List<String> chatBodies = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                String body = "chat " + n;
                chatBodies.add(body);
                if (n % 4 == 3) {
                    suite.json("POST", suite.standIn() + "/_standin/sms/inbound", null,
                            Map.of("from", carol, "to", Suite.SMS_NUMBER, "body", body), 200);
                } else {
                    suite.json("POST", sender + "/conversations/" + conversation + "/messages", TestTokens.user(alice),
                            Map.of("body", body), 202);
                }
            }
            Instant lastMade = Instant.now();
            assertEquals(0, count("SELECT count(*) FROM messages WHERE message_sid = ANY(?)", textedBy.keySet()));
            assertEquals(0, suite.queryLong("SELECT count(*) FROM messages WHERE conversation_sid = '" + conversation
                    + "'"));
            suite.call("DELETE", suite.standIn() + "/_standin/drops", null, null);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), lastMade.plus(SETTLE)).toMillis()));

            long logBefore = suite.queryLong("SELECT count(*) FROM message_events");
            Instant passStarted = Instant.now();
            String printed = reconcileByHand();
            assertTrue(printed.contains("healed: message 200, status 50, conversation_message 20, participant_added 0,"
                    + " participant_removed 0"), printed);

            // Each text stored once, its media with it; the task completed once.
            Waits.waitFor("the 200 texts stored", PATIENCE, POLL).until(() -> count(
                    "SELECT count(*) FROM messages WHERE added_at IS NOT NULL AND message_sid = ANY(?)",
                    textedBy.keySet()), stored -> stored == 200);
            Waits.waitFor("their media stored", PATIENCE, POLL).until(() -> count(
                    "SELECT count(*) FROM messages WHERE media_status = 'stored' AND message_sid = ANY(?)", withMedia),
                    stored -> stored == withMedia.size());
            Waits.waitFor("the task completed", PATIENCE, POLL).until(() -> suite.queryLong(
                    "SELECT count(*) FROM tasks WHERE status = 'completed' AND id = " + taskId), done -> done == 1);
            assertEquals(photo, text("SELECT completed_by_message_sid FROM tasks WHERE id = " + taskId));
            assertEquals(1, suite.queryLong("SELECT count(*) FROM feed WHERE task_id = " + taskId));
            assertEquals(25, suite.queryLong("SELECT points FROM users WHERE id = " + users.get(0)));
            // Every status final: Switchboard's history and message-sender's log.
            Waits.waitFor("the 50 sends delivered", PATIENCE, POLL).until(() -> count(
                    "SELECT count(*) FROM messages WHERE status = 'delivered' AND message_sid = ANY(?)",
                    sentTo.keySet()), delivered -> delivered == 50);
            Waits.waitFor("message-sender's log delivered", PATIENCE, POLL).until(() -> count(
                    "SELECT count(*) FROM outbound_messages WHERE twilio_status = 'delivered' AND twilio_sid = ANY(?)",
                    sentTo.keySet()), delivered -> delivered == 50);
            // The conversation's 20 messages, once each, in order.
            Waits.waitFor("the conversation's 20 messages", PATIENCE, POLL).until(() -> suite.queryLong(
                    "SELECT count(*) FROM messages WHERE conversation_sid = '" + conversation + "'"), n -> n == 20);
            assertEquals(chatBodies, texts("SELECT body FROM messages WHERE conversation_sid = '" + conversation
                    + "' ORDER BY conversation_index"));
            Duration healed = Duration.between(passStarted, Instant.now());

            // Each stream got its own texts and statuses once, and nobody else's.
            for (int user = 0; user < USERS; user++) {
                SseClient stream = streams.get(user);
                for (var text : textedBy.entrySet()) {
                    String sid = text.getKey();
                    if (text.getValue() == user) {
                        stream.await("text " + sid, added(sid), PATIENCE);
                    }
                }
                for (var send : sentTo.entrySet()) {
                    if (send.getValue() == user) {
                        stream.await("delivered " + send.getKey(), delivered(send.getKey()), PATIENCE);
                    }
                }
            }
            for (String body : chatBodies) {
                alices.await("chat '" + body + "'", e -> "message.added".equals(e.type())
                        && body.equals(e.message().path("body").asText()), PATIENCE);
            }
            // The bot answers what the pass healed: one hint per texter (at most one an hour) and the completion of
            // user 0's task. Those replies and their statuses reach the log after the pass, through message-sender
            // and Twilio's callbacks, so the log is counted for the second pass only once they are all in.
            Waits.waitFor("the notices and the bot's " + (USERS + 1) + " replies added and delivered", PATIENCE, POLL)
                    .until(() -> suite.queryLong("SELECT count(*) FROM messages WHERE direction = 'outbound'"
                            + " AND channel = 'sms' AND added_at IS NOT NULL AND status = 'delivered'"),
                            n -> n == sentTo.size() + USERS + 1);
            long logAfterFirst = suite.queryLong("SELECT count(*) FROM message_events");
            JsonNode second = suite.json("POST", manager + "/reconciliations", TestTokens.serviceRole(),
                    Map.of("since", "PT15M"), 200);
            long healedAgain = 0;
            for (JsonNode count : second.path("healed")) {
                healedAgain += count.asLong();
            }
            assertEquals(0, healedAgain, second.toString());
            Thread.sleep(3_000);
            for (int user = 0; user < USERS; user++) {
                List<SseEvent> seen = streams.get(user).events();
                for (var text : textedBy.entrySet()) {
                    long times = seen.stream().filter(added(text.getKey())).count();
                    assertEquals(text.getValue() == user ? 1 : 0, times, "text " + text.getKey() + " on user " + user);
                }
                for (var send : sentTo.entrySet()) {
                    long times = seen.stream().filter(delivered(send.getKey())).count();
                    assertEquals(send.getValue() == user ? 1 : 0, times, "delivered " + send.getKey() + " on " + user);
                }
            }
            for (String body : chatBodies) {
                assertEquals(1, alices.events().stream().filter(e -> "message.added".equals(e.type())
                        && body.equals(e.message().path("body").asText())).count(), "chat '" + body + "' once");
            }
            assertEquals(logAfterFirst, suite.queryLong("SELECT count(*) FROM message_events"),
                    "the second pass stored nothing");
            String metrics = new String(suite.call("GET", manager + "/q/metrics", null, null).body(),
                    StandardCharsets.UTF_8);
            assertTrue(metrics.contains("switchboard_reconciled_total{kind=\"message\"} 200.0"), metrics);
            assertEquals(0, suite.json("GET", suite.standIn() + "/_standin/violations", null, null, 200).size());
            System.out.printf("[fault figures] reconciliation: dropped 200 texts (%d with media), 100 status callbacks"
                    + " of 50 sends, 20 conversation webhooks; one pass healed 270 (%s), every effect stored and"
                    + " streamed %.1f s after the pass began; message_events +%d; second pass healed 0%n",
                    withMedia.size(), printed.lines().filter(line -> line.startsWith("reconciled")).findFirst()
                            .orElse(""), healed.toMillis() / 1000.0, logAfterFirst - logBefore);
        } finally {
            streams.forEach(SseClient::close);
            alices.close();
        }
    }

    /** {@code ./switchboard reconcile}, as an operator runs it against a deployment: URL and token given. */
    private static String reconcileByHand() throws Exception {
        Path root = ProjectLayout.root();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ProjectLayout.commandLineClassPath(root), "dev.switchboard.cli.SwitchboardCli", "reconcile",
                "--since", "PT15M", "--url", suite.url("conversation-manager")).redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_TOKEN", TestTokens.serviceRole());
        Process command = builder.start();
        String output = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(command.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, command.exitValue(), output);
        return output;
    }

    private static Predicate<SseEvent> added(String sid) {
        return e -> "message.added".equals(e.type()) && sid.equals(e.message().path("message_sid").asText());
    }

    private static Predicate<SseEvent> delivered(String sid) {
        return e -> "message.status".equals(e.type()) && sid.equals(e.message().path("message_sid").asText())
                && "delivered".equals(e.message().path("status").asText());
    }

    /** A JPEG's bytes at the stand-in, under a new media SID. */
    private static String putJpeg() throws Exception {
        String mediaSid = Suite.sid("ME");
        byte[] jpeg = new byte[768];
        ThreadLocalRandom.current().nextBytes(jpeg);
        System.arraycopy(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }, 0, jpeg, 0, 4);
        HttpResponse<String> stored = suite.http().send(HttpRequest.newBuilder(URI.create(suite.standIn()
                + "/_standin/media/" + mediaSid)).header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, stored.statusCode(), stored.body());
        return mediaSid;
    }

    private static long count(String sql, java.util.Collection<String> sids) throws Exception {
        try (Connection db = suite.database(); PreparedStatement query = db.prepareStatement(sql)) {
            Array array = db.createArrayOf("text", sids.toArray());
            query.setArray(1, array);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String text(String sql) throws Exception {
        List<String> values = texts(sql);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> texts(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection db = suite.database(); PreparedStatement query = db.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
