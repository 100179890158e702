package dev.switchboard.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.stack.DemoWorld;
import dev.switchboard.testing.SseClient;
import dev.switchboard.testing.SseEvent;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AutoClose;
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

    /** How often a wait checks its condition. */
    private static final Duration POLL = Duration.ofMillis(100);

    private static final Duration SOON = Suite.SOON;

    @AutoClose
    private static Suite suite;

    @BeforeAll
    static void startTheWholeSuite() {
        suite = Suite.start("suite");
    }

    @Test
    @Order(1)
    void aPhotoForAnActiveTaskFlowsThroughTheWholeSuiteToExactlyItsUser() throws Exception {
        String phone = Suite.newPhone();
        long userId = suite.newUser(phone);
        long taskId = suite.json("POST", suite.url("conversation-manager") + "/tasks", TestTokens.serviceRole(),
                Map.of("user_id", userId, "description", "Water the plants", "points", 15), 201).get("id").asLong();
        String otherPhone = Suite.newPhone();
        long otherUserId = suite.newUser(otherPhone);

        String messageSid = Suite.sid("MM");
        String mediaSid = Suite.sid("ME");
        byte[] photo = new byte[2048];
        ThreadLocalRandom.current().nextBytes(photo);
        System.arraycopy(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }, 0, photo, 0, 4);
        HttpResponse<String> stored = suite.http().send(HttpRequest.newBuilder(URI.create(suite.standIn() + "/_standin/media/" + mediaSid))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, stored.statusCode(), stored.body());

        try (SseClient mine = SseClient.open(suite.http(), suite.url("realtime-gateway"), TestTokens.user(userId));
                SseClient theirs = SseClient.open(suite.http(), suite.url("realtime-gateway"), TestTokens.user(otherUserId))) {
            assertEquals(200, mine.status());

            Map<String, String> webhook = Suite.inboundWhatsApp(messageSid, phone, "done, see the photo");
            webhook.put("NumMedia", "1");
            webhook.put("MessageType", "image");
            webhook.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + Suite.ACCOUNT_SID + "/Messages/"
                    + messageSid + "/Media/" + mediaSid);
            webhook.put("MediaContentType0", "image/jpeg");

            assertEquals(403, suite.postWebhook(webhook, false).statusCode(), "an unsigned webhook is refused");
            HttpResponse<String> accepted = suite.postWebhook(webhook, true);
            assertEquals(200, accepted.statusCode(), accepted.body());
            assertTrue(accepted.body().contains("<Response/>"), accepted.body());

            // The user's app sees their message, then their completed task, then the reply's delivery.
            SseEvent added = mine.await("message.added", e -> "message.added".equals(e.type())
                    && messageSid.equals(e.message().path("message_sid").asText()), SOON);
            // The app fetches the photo from Switchboard, never from Twilio (whose URL needs our credentials).
            String mediaPath = added.message().path("media_items").path(0).path("url").asText();
            assertEquals("/messages/" + messageSid + "/media/0", mediaPath, added.json().toString());
            SseEvent completed = mine.await("task.completed", e -> "task.completed".equals(e.type()), SOON);
            assertEquals(taskId, completed.task().path("task_id").asLong());
            assertEquals(15, completed.task().path("points_awarded").asInt());

            // The reply reached Twilio once, as a valid request, with a status callback to webhook-ingest.
            List<JsonNode> replies = awaitStandInMessagesTo(phone, SOON);
            assertEquals(1, replies.size(), replies.toString());
            JsonNode reply = replies.get(0);
            assertTrue(reply.path("form").path("Body").get(0).asText().contains("15 points"), reply.toString());
            assertEquals(suite.url("webhook-ingest") + "/webhooks/twilio/status",
                    reply.path("form").path("StatusCallback").get(0).asText());
            assertEquals(0, suite.json("GET", suite.standIn() + "/_standin/violations", null, null, 200).size());

            // Twilio's status callbacks for the reply flow back to the user's app.
            mine.await("the reply's delivered status", e -> "message.status".equals(e.type())
                    && "delivered".equals(e.message().path("status").asText()), SOON);

            // Stored once: the message, its photo byte for byte, the feed post, the points.
            JsonNode messages = suite.json("GET", suite.url("conversation-manager") + "/messages?limit=100", TestTokens.user(userId),
                    null, 200);
            List<JsonNode> mineStored = new java.util.ArrayList<>();
            messages.forEach(m -> {
                if (messageSid.equals(m.path("message_sid").asText())) {
                    mineStored.add(m);
                }
            });
            assertEquals(1, mineStored.size());
            HttpResponse<byte[]> media = awaitMedia(mediaPath, TestTokens.user(userId));
            assertArrayEquals(photo, media.body());
            JsonNode feed = suite.json("GET", suite.url("conversation-manager") + "/feed?limit=20", TestTokens.user(otherUserId),
                    null, 200);
            boolean posted = false;
            for (JsonNode post : feed) {
                posted |= post.path("task_id").asLong() == taskId;
            }
            assertTrue(posted, "the feed shows the post to every signed-in user: " + feed);
            assertEquals(15, suite.json("GET", suite.url("conversation-manager") + "/users/" + userId, TestTokens.user(userId), null,
                    200).path("points").asInt());

            // The other user's app saw none of it: their own next message arrives, and nothing of the first user's.
            String marker = Suite.sid("MM");
            assertEquals(200, suite.postWebhook(Suite.inboundWhatsApp(marker, otherPhone, "hi"), true).statusCode());
            theirs.await("their own message", e -> marker.equals(e.message().path("message_sid").asText()), SOON);
            assertTrue(theirs.events().stream().noneMatch(e -> messageSid.equals(e.message().path("message_sid").asText())
                    || "task.completed".equals(e.type()) || e.json().toString().contains(phone)), theirs.events().toString());
        }
    }

    /**
     * The gig chat the Supabase Edge Functions ran (docs/migrating.md), end to end: alice and bob in the app, carol by
     * SMS. An app message goes through message-sender into the gig's Conversation (in the configured service), Twilio
     * (the stand-in) announces it with onMessageAdded, and it is stored once and streamed to the participants; carol
     * gets it by SMS and answers by SMS into the same conversation. Once bob is removed, his stream, history and
     * catch-up get nothing more of it, and the bot never speaks in it.
     */
    @Test
    @Order(2)
    void aGigConversationWorksAsAGroupChatAcrossAppsAndSmsAndARemovedParticipantReadsNothingMore() throws Exception {
        String gig = "gig" + System.nanoTime();
        String alice = "alice-" + gig;
        String bob = "bob-" + gig;
        long aliceId = newChatUser(Suite.newPhone(), alice);
        long bobId = newChatUser(Suite.newPhone(), bob);
        String carolPhone = Suite.newPhone();
        suite.newUser(carolPhone);
        String manager = suite.url("conversation-manager");
        JsonNode opened = suite.json("PUT", manager + "/gigs/" + gig + "/conversation", TestTokens.serviceRole(),
                Map.of("participants", List.of(Map.of("identity", alice), Map.of("identity", bob),
                        Map.of("address", carolPhone))), 200);
        String conversation = opened.path("conversation_sid").asText();
        String bobsParticipant = null;
        for (JsonNode participant : opened.path("participants")) {
            if (bob.equals(participant.path("identity").asText())) {
                bobsParticipant = participant.path("sid").asText();
            }
        }

        try (SseClient alices = SseClient.open(suite.http(), suite.url("realtime-gateway"), TestTokens.user(aliceId));
                SseClient bobs = SseClient.open(suite.http(), suite.url("realtime-gateway"), TestTokens.user(bobId))) {
            // alice writes from the app, through message-sender.
            JsonNode sent = suite.json("POST", suite.url("message-sender") + "/conversations/" + conversation
                    + "/messages", TestTokens.user(aliceId), Map.of("body", "hello team"), 202);
            assertEquals("sent", sent.path("state").asText(), sent.toString());
            SseEvent hello = alices.await("alice's message on her stream", isMessage(conversation,
                    "hello team"), SOON);
            bobs.await("alice's message on bob's stream", isMessage(conversation, "hello team"), SOON);
            assertEquals(alice, hello.message().path("author").asText());

            // carol has it by SMS, and answers by SMS into the conversation.
            awaitSmsTo(carolPhone, "hello team");
            JsonNode routed = suite.json("POST", suite.standIn() + "/_standin/sms/inbound", null,
                    Map.of("from", carolPhone, "to", Suite.SMS_NUMBER, "body", "on my way"), 200);
            assertTrue(routed.toString().contains(conversation), routed.toString());
            SseEvent fromCarol = alices.await("carol's SMS on alice's stream", isMessage(conversation,
                    "on my way"), SOON);
            assertEquals(carolPhone, fromCarol.message().path("author").asText());
            bobs.await("carol's SMS on bob's stream", isMessage(conversation, "on my way"), SOON);

            // bob is removed: nothing more reaches him, live, in history or in a catch-up.
            assertEquals(204, suite.call("DELETE", manager + "/gigs/" + gig + "/conversation/participants/"
                    + bobsParticipant, TestTokens.serviceRole(), null).statusCode());
            suite.json("POST", suite.url("message-sender") + "/conversations/" + conversation + "/messages",
                    TestTokens.user(aliceId), Map.of("body", "after bob left"), 202);
            alices.await("alice's later message", isMessage(conversation, "after bob left"), SOON);
            awaitSmsTo(carolPhone, "after bob left");
            String marker = Suite.sid("SM");
            assertEquals(200, suite.postWebhook(Suite.inboundSms(marker,
                    suite.json("GET", manager + "/users/" + bobId, TestTokens.user(bobId), null, 200)
                            .path("phone_number").asText(), "marker"), true).statusCode());
            bobs.await("bob's own SMS, after the removal", e -> marker.equals(e.message().path("message_sid").asText()),
                    SOON);
            assertTrue(bobs.events().stream().noneMatch(isMessage(conversation, "after bob left")),
                    bobs.events().toString());
            assertEquals(403, suite.call("GET", manager + "/conversations/" + conversation + "/messages",
                    TestTokens.user(bobId), null).statusCode());
            try (SseClient resumed = SseClient.connect(suite.http(), suite.url("realtime-gateway"),
                    TestTokens.user(bobId), hello.id())) {
                assertEquals(200, resumed.opened().get(10, java.util.concurrent.TimeUnit.SECONDS));
                // The cursor names an event bob may no longer read: a reset, and nothing of the conversation.
                resumed.await("a reset", e -> "reset".equals(e.type()), SOON);
                assertTrue(resumed.events().stream().noneMatch(e -> conversation.equals(
                        e.message().path("conversation_sid").asText())), resumed.events().toString());
            }
        }

        // Stored once each; the app lists the gig with its last message; no bot message anywhere; no invalid request.
        // conversation-manager stores what the gateway streams from the same topic, each at its own pace: wait for it.
        Map<String, Long> expected = Map.of("after bob left", 1L, "hello team", 1L, "on my way", 1L);
        Map<String, Long> stored = Waits.waitFor("the conversation's messages stored", SOON, POLL)
                .until(() -> storedBodies(conversation), bodies -> bodies.keySet().equals(expected.keySet()));
        assertEquals(expected, stored);
        JsonNode mine = suite.json("GET", manager + "/conversations", TestTokens.user(aliceId), null, 200);
        assertTrue(mine.toString().contains("\"last_message\":{") && mine.toString().contains(conversation),
                mine.toString());
        JsonNode inTwilio = suite.json("GET", suite.standIn() + "/_standin/messages?to=" + URLEncoder.encode(carolPhone,
                StandardCharsets.UTF_8), null, null, 200);
        for (JsonNode sms : inTwilio) {
            assertTrue(List.of("hello team", "after bob left").contains(sms.path("body").asText()), inTwilio.toString());
        }
        assertEquals(0, suite.json("GET", suite.standIn() + "/_standin/violations", null, null, 200).size());
    }

    /** How many times each body of the conversation is stored in {@code messages}. */
    private static Map<String, Long> storedBodies(String conversation) throws java.sql.SQLException {
        try (java.sql.Connection db = suite.database(); java.sql.PreparedStatement count = db.prepareStatement(
                "SELECT body, count(*) FROM messages WHERE conversation_sid = ? GROUP BY body ORDER BY body")) {
            count.setString(1, conversation);
            java.sql.ResultSet rows = count.executeQuery();
            Map<String, Long> stored = new java.util.TreeMap<>();
            while (rows.next()) {
                stored.put(rows.getString(1), rows.getLong(2));
            }
            return stored;
        }
    }

    private static java.util.function.Predicate<SseEvent> isMessage(String conversation, String body) {
        return e -> "message.added".equals(e.type()) && conversation.equals(e.message().path("conversation_sid").asText())
                && body.equals(e.message().path("body").asText());
    }

    /**
     * A message Switchboard sends is a message: a service's SMS through message-sender is streamed to its recipient
     * and stored in history as an outbound message with its body, follows Twilio's status callbacks (the stand-in
     * posts sent, then delivered, to webhook-ingest) to delivered there and in the outbound log, and no body-less
     * placeholder ever shows in history.
     */
    @Test
    @Order(5)
    void aMessageSwitchboardSendsIsStreamedAndInHistoryAsOutboundAndReachesDeliveredEverywhere() throws Exception {
        String phone = Suite.newPhone();
        long userId = suite.newUser(phone);
        String token = TestTokens.user(userId);
        try (SseClient mine = SseClient.open(suite.http(), suite.url("realtime-gateway"), token)) {
            assertEquals(200, mine.status());

            JsonNode sent = suite.json("POST", suite.url("message-sender") + "/messages", TestTokens.serviceRole(),
                    Map.of("to", phone, "channel", "sms", "body", "Your gig starts at 9"), 202);
            String sid = sent.path("twilioSid").asText();

            SseEvent added = mine.await("the sent message", e -> "message.added".equals(e.type())
                    && sid.equals(e.message().path("message_sid").asText()), SOON);
            assertEquals("outbound", added.message().path("direction").asText());
            assertEquals("Your gig starts at 9", added.message().path("body").asText());
            mine.await("its delivered status", e -> "message.status".equals(e.type())
                    && sid.equals(e.message().path("message_sid").asText())
                    && "delivered".equals(e.message().path("status").asText()), SOON);

            long start = System.nanoTime();
            JsonNode stored = Waits.waitFor(sid + " stored as delivered", SOON, POLL)
                    .until(() -> storedMessage(token, sid), message -> message != null
                            && "delivered".equals(message.path("status").asText()));
            assertEquals("outbound", stored.path("direction").asText());
            assertEquals("Your gig starts at 9", stored.path("body").asText());

            // One bound for both: the outbound log follows within what is left of it.
            String outbound = suite.url("message-sender") + "/outbound/" + sent.path("id").asText();
            Waits.waitFor("the outbound log following to delivered", SOON.minusNanos(System.nanoTime() - start), POLL)
                    .until(() -> suite.json("GET", outbound, TestTokens.serviceRole(), null, 200),
                            log -> "delivered".equals(log.path("twilioStatus").asText()));
        }
    }

    /**
     * A client app as it is: its user signed in with Supabase Auth (a UUID sub an operator set as the user's auth_id)
     * and holds that session's token, signed with the project's HS256 secret, or with a key its JWKS URL publishes.
     * With those tokens it reads its messages, opens its stream and sends; one message reads the same from
     * GET /messages, GET /messages/{sid}, the conversation's history and the stream; the bot's auto-reply is in its
     * history and on its stream with its body, and reaches delivered.
     */
    @Test
    @Order(6)
    void aSupabaseSignedInAppReadsStreamsAndSendsWithOneMessageShapeEverywhere() throws Exception {
        String manager = suite.url("conversation-manager");
        String phone = Suite.newPhone();
        UUID authId = UUID.randomUUID();
        String identity = "app-" + authId;
        long userId = suite.json("POST", manager + "/users", TestTokens.serviceRole(), Map.of("username", "dana",
                "phone_number", phone, "chat_identity", identity, "auth_id", authId.toString()), 201).get("id").asLong();
        suite.json("POST", manager + "/tasks", TestTokens.serviceRole(),
                Map.of("user_id", userId, "description", "Photo of the finished shelf", "points", 5), 201);
        String hs256 = TestTokens.session(authId, phone, "HS256");
        String es256 = TestTokens.session(authId, phone, "ES256");
        String rs256 = TestTokens.session(authId, phone, "RS256");

        String messageSid = Suite.sid("MM");
        String mediaSid = Suite.sid("ME");
        byte[] photo = new byte[1024];
        System.arraycopy(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }, 0, photo, 0, 4);
        assertEquals(201, suite.http().send(HttpRequest.newBuilder(URI.create(suite.standIn() + "/_standin/media/"
                        + mediaSid)).header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(photo))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        try (SseClient stream = SseClient.open(suite.http(), suite.url("realtime-gateway"), es256)) {
            assertEquals(200, stream.status());
            Map<String, String> webhook = Suite.inboundWhatsApp(messageSid, phone, "shelf done");
            webhook.put("NumMedia", "1");
            webhook.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + Suite.ACCOUNT_SID + "/Messages/"
                    + messageSid + "/Media/" + mediaSid);
            webhook.put("MediaContentType0", "image/jpeg");
            assertEquals(200, suite.postWebhook(webhook, true).statusCode());

            JsonNode streamed = stream.await("the photo message", e -> "message.added".equals(e.type())
                    && messageSid.equals(e.json().path("message").path("message_sid").asText()), SOON).json()
                    .path("message");
            JsonNode reply = stream.await("the bot's reply", e -> "message.added".equals(e.type())
                    && "outbound".equals(e.json().path("message").path("direction").asText()), SOON).json()
                    .path("message");
            assertTrue(reply.path("body").asText().contains("5 points"), reply.toString());
            String replySid = reply.path("message_sid").asText();
            stream.await("the reply delivered", e -> "message.status".equals(e.type())
                    && replySid.equals(e.json().path("message").path("message_sid").asText())
                    && "delivered".equals(e.json().path("message").path("status").asText()), SOON);

            // One shape: the same message from the list, by SID, from history, and as streamed.
            JsonNode listed = awaitListed(hs256, messageSid, "received");
            JsonNode bySid = suite.json("GET", manager + "/messages/" + messageSid, rs256, null, 200);
            String key = URLEncoder.encode(listed.path("conversation_key").asText(), StandardCharsets.UTF_8);
            JsonNode fromHistory = null;
            for (JsonNode event : suite.json("GET", manager + "/conversations/" + key + "/messages", hs256, null, 200)
                    .path("events")) {
                if ("message.added".equals(event.path("type").asText())
                        && messageSid.equals(event.path("message").path("message_sid").asText())) {
                    fromHistory = event.path("message");
                }
            }
            assertTrue(fromHistory != null, "the message is in its conversation's history");
            for (JsonNode other : List.of(bySid, fromHistory, streamed)) {
                assertEquals(fieldNames(listed), fieldNames(other), other.toString());
                for (String field : List.of("message_sid", "conversation_key", "channel", "direction", "from_number",
                        "to_number", "body", "num_media", "media_items", "created_at")) {
                    assertEquals(listed.path(field), other.path(field), field + " differs: " + other);
                }
            }
            assertEquals("/messages/" + messageSid + "/media/0", listed.path("media_items").get(0).path("url").asText());
            // Stored by the media channel, on its own time: the reply does not wait for it.
            assertArrayEquals(photo, awaitMedia(listed.path("media_items").get(0).path("url").asText(), hs256).body());

            // The auto-reply is in the user's history with its body, as delivered.
            JsonNode storedReply = awaitListed(hs256, replySid, "delivered");
            assertEquals("outbound", storedReply.path("direction").asText());
            assertEquals(reply.path("body"), storedReply.path("body"));

            // And the app sends, with its JWKS-signed token, into a gig chat it takes part in.
            String gig = "gig" + System.nanoTime();
            String conversation = suite.json("PUT", manager + "/gigs/" + gig + "/conversation",
                    TestTokens.serviceRole(), Map.of("participants", List.of(Map.of("identity", identity))), 200)
                    .path("conversation_sid").asText();
            suite.json("POST", suite.url("message-sender") + "/conversations/" + conversation + "/messages", rs256,
                    Map.of("body", "sent from the app"), 202);
            JsonNode sent = stream.await("the app's own message", e -> "message.added".equals(e.type())
                    && "sent from the app".equals(e.json().path("message").path("body").asText()), SOON).json()
                    .path("message");
            assertEquals(identity, sent.path("author").asText());
            assertEquals(conversation, sent.path("conversation_sid").asText());
        }
    }

    /** The user's stored message {@code sid}, or null; every message listed must have a body or media. */
    private static JsonNode storedMessage(String token, String sid) throws Exception {
        JsonNode stored = null;
        for (JsonNode message : suite.json("GET", suite.url("conversation-manager") + "/messages?limit=100", token,
                null, 200)) {
            assertTrue(message.hasNonNull("body") || message.path("num_media").asInt() > 0,
                    "a body-less row showed as a message: " + message);
            if (sid.equals(message.path("message_sid").asText())) {
                stored = message;
            }
        }
        return stored;
    }

    private static JsonNode awaitListed(String token, String sid, String status) {
        return Waits.waitFor(sid + " listed as " + status, SOON, POLL).until(() -> {
            for (JsonNode message : suite.json("GET", suite.url("conversation-manager") + "/messages?limit=100", token,
                    null, 200)) {
                if (sid.equals(message.path("message_sid").asText()) && status.equals(message.path("status").asText())) {
                    return message;
                }
            }
            return null;
        }, message -> message != null);
    }

    private static java.util.Set<String> fieldNames(JsonNode node) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * What ./switchboard up seeds on a fresh local suite, through the public APIs: seeding twice changes nothing, and
     * the demo users' tokens are what an app would hold (their Supabase Auth ids), reading their own gig chat and task.
     */
    @Test
    @Order(7)
    void theDemoWorldIsSeededOnceAndItsTokensReadTheirUsersOwnData() throws Exception {
        DemoWorld demo = new DemoWorld(suite.url("conversation-manager"), TestTokens.SECRET);
        demo.seed();
        demo.seed();
        DemoWorld.DemoUser alice = DemoWorld.user("alice").orElseThrow();
        String manager = suite.url("conversation-manager");
        JsonNode me = suite.json("GET", manager + "/me", demo.token(alice), null, 200);
        assertEquals("alice", me.path("username").asText());
        assertEquals(alice.phone(), me.path("phone_number").asText());
        JsonNode tasks = suite.json("GET", manager + "/me/tasks?status=active", demo.token(alice), null, 200);
        assertEquals(1, tasks.size(), tasks.toString());
        JsonNode conversations = suite.json("GET", manager + "/me/conversations", demo.token(DemoWorld.user("bob")
                .orElseThrow()), null, 200);
        assertTrue(conversations.toString().contains(DemoWorld.GIG), conversations.toString());
        String printed = demo.describe(suite.url("realtime-gateway"));
        assertTrue(printed.contains(suite.url("realtime-gateway") + "/") && printed.contains("token alice"), printed);
    }

    private static long newChatUser(String phone, String identity) throws Exception {
        return suite.json("POST", suite.url("conversation-manager") + "/users", TestTokens.serviceRole(),
                Map.of("username", identity, "phone_number", phone, "chat_identity", identity), 201).get("id").asLong();
    }

    /** Waits until the stand-in has texted {@code body} to {@code phone}, as Conversations does for SMS participants. */
    private static void awaitSmsTo(String phone, String body) {
        String url = suite.standIn() + "/_standin/messages?to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8);
        Waits.waitFor("SMS '" + body + "' to " + phone, SOON, POLL)
                .until(() -> suite.json("GET", url, null, null, 200).toString(),
                        sms -> sms.contains("\"" + body + "\""));
    }

    /**
     * A fresh gateway replica reports ready, a client's stream is answered 200 at that instant, and the messages
     * posted right after reach it: no event is lost while the new replica's consumers find their partitions. Each
     * fresh start is a new consumer group, as in production; {@code -Dswitchboard.fresh-gateway-starts=20} (profile
     * {@code fresh-starts}) repeats it.
     */
    @Test
    @Order(3)
    void aStreamOpenedTheInstantAFreshGatewayIsReadyMissesNothingPostedAfter() throws Exception {
        String phone = Suite.newPhone();
        long userId = suite.newUser(phone);
        int starts = Integer.getInteger("switchboard.fresh-gateway-starts", 3);
        for (int start = 1; start <= starts; start++) {
            suite.stack().restart("realtime-gateway", Duration.ofMinutes(2));
            try (SseClient stream = SseClient.open(suite.http(), suite.url("realtime-gateway"), TestTokens.user(userId))) {
                assertEquals(200, stream.status());
                List<String> sids = List.of(Suite.sid("SM"), Suite.sid("SM"), Suite.sid("SM"));
                for (String sid : sids) {
                    assertEquals(200, suite.postWebhook(Suite.inboundWhatsApp(sid, phone, "start " + start), true)
                            .statusCode());
                }
                for (String sid : sids) {
                    stream.await("message " + sid + " after fresh start " + start + " of " + starts,
                            e -> "message.added".equals(e.type()) && sid.equals(e.message().path("message_sid").asText()),
                            SOON);
                }
            }
        }
    }

    /**
     * Last: the crash leaves conversation-manager's consumer groups waiting up to Kafka's session timeout (45 s) for
     * the killed member, and this test may end long before (when the task was completed before the kill): a test
     * after it would find history not stored yet.
     */
    @Test
    @Order(8)
    void duplicatesDeliveredAcrossACrashOfConversationManagerCompleteTheTaskExactlyOnce() throws Exception {
        String phone = Suite.newPhone();
        long userId = suite.newUser(phone);
        long taskId = suite.json("POST", suite.url("conversation-manager") + "/tasks", TestTokens.serviceRole(),
                Map.of("user_id", userId, "description", "Sweep the porch", "points", 7), 201).get("id").asLong();
        String messageSid = Suite.sid("MM");
        Map<String, String> webhook = Suite.inboundWhatsApp(messageSid, phone, "swept");
        webhook.put("NumMedia", "1");
        webhook.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + Suite.ACCOUNT_SID + "/Messages/"
                + messageSid + "/Media/" + Suite.sid("ME"));
        webhook.put("MediaContentType0", "image/jpeg");

        // Twilio retries: the same webhook twenty times, half of them while conversation-manager is down after a crash.
        java.util.concurrent.ExecutorService twilio = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Integer>> first = java.util.stream.IntStream.range(0, 10)
                    .mapToObj(i -> twilio.submit(() -> suite.postWebhook(webhook, true).statusCode())).toList();
            suite.stack().service("conversation-manager").kill();
            List<java.util.concurrent.Future<Integer>> second = java.util.stream.IntStream.range(0, 10)
                    .mapToObj(i -> twilio.submit(() -> suite.postWebhook(webhook, true).statusCode())).toList();
            for (java.util.concurrent.Future<Integer> answer : java.util.stream.Stream.concat(first.stream(),
                    second.stream()).toList()) {
                assertEquals(200, answer.get(), "webhook-ingest needs only Kafka");
            }
        } finally {
            twilio.shutdown();
        }
        suite.stack().restart("conversation-manager", Duration.ofMinutes(2));

        // The crashed consumer's partitions return after Kafka's session timeout (45 s): recovery is bounded by it.
        assertEquals(1, awaitStandInMessagesTo(phone, Duration.ofSeconds(90)).size(), "one reply, whatever was redelivered");
        assertEquals("completed", suite.json("GET", suite.url("conversation-manager") + "/tasks/" + taskId, TestTokens.serviceRole(),
                null, 200).path("status").asText());
        assertEquals(7, suite.json("GET", suite.url("conversation-manager") + "/users/" + userId, TestTokens.serviceRole(), null,
                200).path("points").asInt(), "points awarded once");
        JsonNode feed = suite.json("GET", suite.url("conversation-manager") + "/feed?limit=100", TestTokens.user(userId), null, 200);
        long posts = java.util.stream.StreamSupport.stream(feed.spliterator(), false)
                .filter(post -> post.path("task_id").asLong() == taskId).count();
        assertEquals(1, posts, "one feed post");
    }

    /** Waits for the first message to {@code phone}, then a little longer, so that a duplicate would show. */
    private static List<JsonNode> awaitStandInMessagesTo(String phone, Duration timeout) throws Exception {
        Waits.waitFor("the stand-in's first message for " + phone, timeout, POLL)
                .until(() -> !suite.standInMessagesTo("whatsapp:" + phone).isEmpty());
        Thread.sleep(1000); // not a wait for a condition: the time a duplicate would take to show
        return suite.standInMessagesTo("whatsapp:" + phone);
    }

    /** @param mediaPath the media item's {@code url} as the stream gave it: a path on conversation-manager */
    private static HttpResponse<byte[]> awaitMedia(String mediaPath, String token) {
        return Waits.waitFor(mediaPath + " served", SOON, POLL)
                .until(() -> suite.call("GET", suite.url("conversation-manager") + mediaPath, token, null),
                        media -> media.statusCode() == 200);
    }
}
