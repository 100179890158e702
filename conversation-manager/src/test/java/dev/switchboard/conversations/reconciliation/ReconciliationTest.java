package dev.switchboard.conversations.reconciliation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.conversations.testing.Users;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.StandIn;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * One reconciliation pass, by hand ({@code POST /reconciliations}), against the Twilio stand-in, whose webhooks go
 * nowhere in these tests: whatever it holds was never announced, which is the gap a pass closes. Everything it heals
 * takes the normal path (Kafka, the persistence, media and task-completion consumers of this service).
 */
@QuarkusTest
class ReconciliationTest {

    private static final String SERVICE = "IS00000000000000000000000000000000";
    private static final String SMS_NUMBER = "+15005550006";

    @Inject
    Database database;

    @Inject
    ReconciliationJob job;

    private static RequestSpecification asService() {
        return given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON);
    }

    private static RequestSpecification twilio() {
        return given().baseUri(StandIn.baseUrl()).auth().preemptive().basic(StandIn.ACCOUNT_SID, "token");
    }

    private static JsonPath pass() {
        return asService().body(Map.of("since", "PT15M")).post("/reconciliations")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    private static List<String> healed(JsonPath report, String kind) {
        return report.getList("items.findAll { it.kind == '" + kind + "' }.sid");
    }

    /** Waits out the settle time: a pass leaves alone what Twilio recorded in its last moments. */
    private static void settle() throws InterruptedException {
        Thread.sleep(1_500);
    }

    @Test
    void aTextWhoseWebhookNeverCameIsStoredOnceWithItsMediaAndASecondPassHealsNothing() throws Exception {
        String phone = Messages.phoneNumber();
        Users.create(phone, null);
        String mediaSid = Messages.sid("ME");
        byte[] photo = new byte[1024];
        ThreadLocalRandom.current().nextBytes(photo);
        System.arraycopy(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }, 0, photo, 0, 4);
        StandIn.putMedia(mediaSid, "image/jpeg", photo);
        String sid = given().baseUri(StandIn.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("from", phone, "to", SMS_NUMBER, "body", "never announced", "media", List.of(mediaSid)))
                .post("/_standin/sms/inbound").then().statusCode(200)
                .body("routed_to", equalTo("none")).extract().path("sms_sid");
        settle();

        JsonPath first = pass();
        assertEquals(List.of(sid), healed(first, "message").stream().filter(sid::equals).toList(), first.prettify());
        JsonObject stored = Waits.waitFor("the healed text stored with its photo")
                .until(() -> database.message(sid), row -> row != null && "stored".equals(row.getString("media_status")));
        assertEquals("never announced", stored.getString("body"));
        assertEquals("inbound", stored.getString("direction"));
        assertEquals(phone, stored.getString("from_number"));
        assertEquals(1, stored.getInteger("num_media"));
        assertEquals(List.of(EventSources.RECONCILIATION), database.query(
                "SELECT payload->>'source' AS source FROM message_events WHERE message_sid = $1", sid).stream()
                .map(row -> row.getString("source")).toList());
        given().auth().oauth2(TestTokens.serviceRole()).get("/messages/{sid}/media/0", sid)
                .then().statusCode(200).contentType("image/jpeg");

        JsonPath second = pass();
        assertEquals(0L, second.getMap("healed").values().stream().mapToLong(n -> ((Number) n).longValue()).sum(),
                "a second pass finds nothing to heal: " + second.prettify());
        assertEquals(1, database.query("SELECT 1 FROM message_events WHERE message_sid = $1", sid).size());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("switchboard_reconciled_total{kind=\"message\"}"));
    }

    /** The scheduled pass (its trigger is off in these tests) covers the last RECONCILIATION_WINDOW by itself. */
    @Test
    void theScheduledPassHealsTheWindowWithoutBeingAsked() throws Exception {
        String phone = Messages.phoneNumber();
        Users.create(phone, null);
        String sid = given().baseUri(StandIn.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("from", phone, "to", SMS_NUMBER, "body", "healed on schedule"))
                .post("/_standin/sms/inbound").then().statusCode(200).extract().path("sms_sid");
        settle();

        job.scheduled();

        assertEquals("healed on schedule", Waits.waitFor("the text stored").until(() -> database.message(sid),
                row -> row != null).getString("body"));
    }

    @Test
    void aSentMessageWhoseStatusCallbacksWereLostTakesTwiliosStatus() throws Exception {
        String to = Messages.phoneNumber();
        Users.create(to, null);
        String sid = twilio().contentType(ContentType.URLENC)
                .formParam("To", to).formParam("From", SMS_NUMBER).formParam("Body", "your gig starts at 9")
                .post("/2010-04-01/Accounts/{account}/Messages.json", StandIn.ACCOUNT_SID)
                .then().statusCode(201).extract().path("sid");
        // As message-sender announces what it sent: Twilio had just queued it.
        MessageData sent = new MessageData(sid, StandIn.ACCOUNT_SID, null, null, "sms", SMS_NUMBER, to, null,
                "your gig starts at 9", null, null, null, List.of(), "queued", null, null, Instant.now(), null, null,
                MessageData.OUTBOUND);
        TestKafka.broker().publishMessageEvent(Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGE_SENDER,
                ConversationKey.of(sent), sent));
        Waits.waitFor("the announcement stored").until(() -> database.message(sid), row -> row != null
                && row.getValue("added_at") != null);
        Waits.waitFor("Twilio (the stand-in) delivering it").until(() -> twilio()
                .get("/2010-04-01/Accounts/{account}/Messages/{sid}.json", StandIn.ACCOUNT_SID, sid)
                .then().statusCode(200).extract().<String>path("status"), "delivered"::equals);
        assertEquals("queued", database.message(sid).getString("status"), "no status callback ever came");
        settle();

        JsonPath report = pass();
        assertTrue(healed(report, "status").contains(sid), report.prettify());
        Waits.waitFor("delivered").until(() -> database.message(sid), row -> "delivered".equals(row.getString("status")));
        assertTrue(healed(pass(), "status").isEmpty(), "healed once");
    }

    @Test
    void aConversationsMessageAndParticipantNeverAnnouncedAreHealedAndATextIntoTheConversationIsNoDirectMessage()
            throws Exception {
        String gig = "g" + System.nanoTime();
        String carol = Messages.phoneNumber();
        String conversation = asService().body(Map.of("participants", List.of(Map.of("identity", "alice-" + gig),
                        Map.of("address", carol))))
                .put("/gigs/{gig}/conversation", gig).then().statusCode(200).extract().path("conversation_sid");
        String conversationPath = "/v1/Services/" + SERVICE + "/Conversations/" + conversation;
        String late = twilio().contentType(ContentType.URLENC).header("X-Twilio-Webhook-Enabled", "true")
                .formParam("Identity", "dave-" + gig)
                .post(conversationPath + "/Participants").then().statusCode(201).extract().path("sid");
        String hello = twilio().contentType(ContentType.URLENC).header("X-Twilio-Webhook-Enabled", "true")
                .formParam("Author", "alice-" + gig).formParam("Body", "hello team")
                .post(conversationPath + "/Messages").then().statusCode(201).extract().path("sid");
        JsonPath routed = given().baseUri(StandIn.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("from", carol, "to", SMS_NUMBER, "body", "on my way"))
                .post("/_standin/sms/inbound").then().statusCode(200)
                .body("routed_to", equalTo("conversation")).extract().jsonPath();
        settle();

        JsonPath report = pass();
        assertEquals(List.of(late), healed(report, "participant_added").stream().filter(late::equals).toList());
        List<String> messages = healed(report, "conversation_message");
        assertTrue(messages.containsAll(List.of(hello, routed.getString("message_sid"))), report.prettify());
        assertFalse(healed(report, "message").contains(routed.getString("sms_sid")),
                "carol's text is the conversation's message, not a direct one: " + report.prettify());

        Waits.waitFor("both messages stored").until(() -> database.query(
                "SELECT body FROM messages WHERE conversation_sid = $1 ORDER BY conversation_index", conversation),
                rows -> rows.size() == 2);
        assertEquals(List.of("hello team", "on my way"), database.query(
                "SELECT body FROM messages WHERE conversation_sid = $1 ORDER BY conversation_index", conversation)
                .stream().map(row -> row.getString("body")).toList());
        Waits.waitFor("dave counted in").until(() -> database.query(
                "SELECT identity FROM conversation_participants WHERE participant_sid = $1 AND removed_at IS NULL",
                late), rows -> rows.size() == 1);
        assertNull(database.message(routed.getString("sms_sid")));
    }

    @Test
    void twilioAnswering429IsWaitedOutNotGivenUpOn() {
        given().baseUri(StandIn.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("method", "GET", "pathRegex", "/Messages\\.json$", "status", 429, "times", 2))
                .post("/_standin/script").then().statusCode(201);
        long before = listReads();

        pass();

        assertTrue(listReads() - before >= 3, "two 429s, then the page: " + (listReads() - before) + " reads");
    }

    private static long listReads() {
        return StandIn.requestsContaining("/Messages.json").stream()
                .filter(request -> "GET".equals(request.get("method"))).count();
    }

    @Test
    void onePassAtATimeAcrossReplicas() {
        database.execute("UPDATE reconciliation_lease SET holder = 'another-replica', expires_at = now() + interval '1 minute'");
        try {
            asService().body(Map.of()).post("/reconciliations").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("another conversation-manager replica is reconciling"));
            database.execute("UPDATE reconciliation_lease SET expires_at = now() - interval '1 second'");
            asService().body(Map.of()).post("/reconciliations").then().statusCode(200);
        } finally {
            database.execute("UPDATE reconciliation_lease SET holder = NULL, expires_at = '-infinity'");
        }
    }

    @Test
    void onlyTheServiceRoleReconcilesAndABadWindowIsRefused() {
        long userId = Users.create(Messages.phoneNumber(), null);
        given().contentType(ContentType.JSON).body(Map.of()).post("/reconciliations").then().statusCode(401);
        given().auth().oauth2(TestTokens.user(userId)).contentType(ContentType.JSON).body(Map.of())
                .post("/reconciliations").then().statusCode(403);
        asService().body(Map.of("since", "two hours")).post("/reconciliations").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("PT2H"));
        asService().body(Map.of("since", Instant.now().plus(Duration.ofHours(1)).toString())).post("/reconciliations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("in the past"));
    }
}
