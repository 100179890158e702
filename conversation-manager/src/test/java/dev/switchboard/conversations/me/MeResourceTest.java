package dev.switchboard.conversations.me;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** {@code /me}: a signed-in user's own profile, tasks, feed posts and conversations; nobody else's; not the service's. */
@QuarkusTest
class MeResourceTest {

    private static final String[] ME_PATHS = { "/me", "/me/tasks", "/me/feed", "/me/conversations" };

    @Inject
    Database db;

    /** A user; a null chat identity is passed as '' (Database takes no null parameters) and stored as null. */
    private long user(String phone, String chatIdentity, long points) {
        return db.query("INSERT INTO users (username, phone_number, chat_identity, points)"
                + " VALUES ('me', $1, NULLIF($2, ''), $3) RETURNING id", phone, chatIdentity == null ? "" : chatIdentity,
                points).get(0).getLong("id");
    }

    private long task(long userId, String status) {
        return db.query("INSERT INTO tasks (user_id, description, status) VALUES ($1, 'd', $2) RETURNING id",
                userId, status).get(0).getLong("id");
    }

    private long post(long userId) {
        long task = task(userId, "completed");
        return db.query("INSERT INTO feed (user_id, task_id, message_sid, image_url) VALUES ($1, $2, $3, 'https://x/i')"
                + " RETURNING id", userId, task, "MMme" + task).get(0).getLong("id");
    }

    /** A stored SMS/WhatsApp message between two addresses, sent at {@code sentAt}. */
    private void message(String from, String to, String channel, OffsetDateTime sentAt) {
        String key = from.compareTo(to) < 0 ? from + "|" + to : to + "|" + from;
        db.execute("""
                INSERT INTO messages (message_sid, conversation_key, channel, from_number, to_number, from_e164, to_e164,
                    body, sent_at, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'hi', $8, now())""",
                "SM" + System.nanoTime(), key, channel, from, to, from.replace("whatsapp:", ""),
                to.replace("whatsapp:", ""), sentAt);
    }

    /** A gig conversation with a participant on {@code phone} (removed when {@code removed}). */
    private String gig(String phone, boolean removed, OffsetDateTime createdAt) {
        String sid = "CH" + System.nanoTime();
        db.execute("INSERT INTO gig_conversations (gig_id, conversation_sid, unique_name, created_at)"
                + " VALUES ($1, $1, $1, $2)", sid, createdAt);
        db.execute("INSERT INTO conversation_participants (participant_sid, conversation_sid, address, address_e164,"
                + " added_at, removed_at) VALUES ($1, $2, $3, $4, now(), CASE WHEN $5 THEN now() END)",
                "MB" + System.nanoTime(), sid, "whatsapp:" + phone, phone, removed);
        return sid;
    }

    @Test
    void theProfileIsTheCallersOwnWithPoints() {
        String phone = Messages.phoneNumber();
        long me = user(phone, "app-" + phone.substring(1), 42);
        user(Messages.phoneNumber(), null, 7);

        given().auth().oauth2(TestTokens.user(me)).get("/me")
                .then().statusCode(200)
                .body("id", is((int) me)).body("username", is("me")).body("phone_number", is(phone))
                .body("chat_identity", is("app-" + phone.substring(1))).body("points", is(42))
                .body("created_at", startsWith(String.valueOf(OffsetDateTime.now().getYear())));
    }

    @Test
    void tasksAreTheCallersOwnFilteredByStatus() {
        long me = user(Messages.phoneNumber(), null, 0);
        long active = task(me, "active");
        long done = task(me, "completed");
        task(user(Messages.phoneNumber(), null, 0), "active");

        given().auth().oauth2(TestTokens.user(me)).get("/me/tasks")
                .then().statusCode(200).body("id", contains((int) done, (int) active));
        given().auth().oauth2(TestTokens.user(me)).get("/me/tasks?status=active")
                .then().statusCode(200).body("id", contains((int) active)).body("user_id", contains((int) me));
        given().auth().oauth2(TestTokens.user(me)).get("/me/tasks?status=bogus")
                .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-status"));
    }

    @Test
    void feedPostsAreTheCallersOwnNewestFirstAndPaged() {
        long me = user(Messages.phoneNumber(), null, 0);
        long first = post(me);
        post(user(Messages.phoneNumber(), null, 0));
        long second = post(me);
        long third = post(me);
        String token = TestTokens.user(me);

        given().auth().oauth2(token).get("/me/feed")
                .then().statusCode(200).body("id", contains((int) third, (int) second, (int) first))
                .body("image_url", contains("https://x/i", "https://x/i", "https://x/i"));
        given().auth().oauth2(token).get("/me/feed?limit=2")
                .then().statusCode(200).body("id", contains((int) third, (int) second));
        given().auth().oauth2(token).get("/me/feed?limit=2&before={before}", second)
                .then().statusCode(200).body("id", contains((int) first));
        for (String query : new String[] { "limit=0", "limit=101", "limit=abc" }) {
            given().auth().oauth2(token).get("/me/feed?" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-limit"));
        }
        given().auth().oauth2(token).get("/me/feed?before=-1")
                .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-before"));
    }

    @Test
    void conversationsAreTheCallersGigsAndDirectExchangesMostRecentFirst() {
        String phone = Messages.phoneNumber();
        long me = user(phone, null, 0);
        String stranger = Messages.phoneNumber();
        String friend = Messages.phoneNumber();
        OffsetDateTime now = OffsetDateTime.now();
        // A WhatsApp exchange, last active an hour ago; an SMS exchange, last active a minute ago.
        message("whatsapp:" + friend, "whatsapp:" + phone, "whatsapp", now.minusHours(3));
        message("whatsapp:" + phone, "whatsapp:" + friend, "whatsapp", now.minusHours(1));
        message(phone, stranger, "sms", now.minusMinutes(1));
        // Someone else's exchange, a gig they were removed from, and a gig nothing was said in, opened 2 hours ago.
        message(stranger, friend, "sms", now);
        gig(phone, true, now);
        String gig = gig(phone, false, now.minusHours(2));

        given().auth().oauth2(TestTokens.user(me)).get("/me/conversations")
                .then().statusCode(200)
                .body("conversations.kind", contains("direct", "direct", "gig"))
                .body("conversations.conversation_key", contains(phone.compareTo(stranger) < 0
                        ? phone + "|" + stranger : stranger + "|" + phone,
                        "whatsapp:" + (phone.compareTo(friend) < 0 ? phone + "|whatsapp:" + friend
                                : friend + "|whatsapp:" + phone), gig))
                .body("conversations.channel", contains("sms", "whatsapp", null))
                .body("conversations.counterpart", contains(stranger, "whatsapp:" + friend, null))
                .body("conversations.gig_id", contains(null, null, gig))
                .body("conversations.state", contains(null, null, "active"))
                .body("conversations[2].last_message_at", nullValue())
                .body("conversations[2].created_at", startsWith(String.valueOf(now.getYear())))
                .body("conversations[0].created_at", nullValue());
        given().auth().oauth2(TestTokens.user(me)).get("/me/conversations?limit=1")
                .then().statusCode(200).body("conversations.channel", contains("sms"));
        given().auth().oauth2(TestTokens.user(user(Messages.phoneNumber(), null, 0))).get("/me/conversations")
                .then().statusCode(200).body("conversations", empty());
        for (String query : new String[] { "limit=0", "limit=201", "limit=x" }) {
            given().auth().oauth2(TestTokens.user(me)).get("/me/conversations?" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-limit"));
        }
    }

    @Test
    void theServiceRoleHasNoMeAndAnonymousCallersAreUnauthorized() {
        for (String path : ME_PATHS) {
            given().auth().oauth2(TestTokens.serviceRole()).get(path)
                    .then().statusCode(403).contentType("application/problem+json").body("reason", is("user-only"));
            given().get(path).then().statusCode(401);
        }
    }
}
