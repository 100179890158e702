package dev.switchboard.conversations.completion;

import static io.restassured.RestAssured.given;

import dev.switchboard.conversations.media.MediaStore;
import dev.switchboard.conversations.media.StoredMedia;
import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.testing.TestTokens;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Feed posts with an image in the configured media store, written as task completion writes them. */
public final class ImagePosts {

    public record Post(long id, long userId, String messageSid, byte[] image) {
    }

    private ImagePosts() {
    }

    /** A new user's post whose image (item 1 of its message, random PNG-typed bytes) is stored; image_url as completion writes it. */
    public static Post create(Database db, MediaStore media) {
        long user = db.query("INSERT INTO users (username, phone_number) VALUES ('img', $1) RETURNING id",
                Messages.phoneNumber()).get(0).getLong("id");
        long task = db.query("INSERT INTO tasks (user_id, description, status) VALUES ($1, 'd', 'completed') RETURNING id",
                user).get(0).getLong("id");
        String messageSid = "MMimg" + System.nanoTime();
        byte[] image = new byte[2_000];
        ThreadLocalRandom.current().nextBytes(image);
        media.put(new StoredMedia(messageSid, 1, "ME1", "image/png", image)).await().atMost(Duration.ofSeconds(20));
        long id = db.query("""
                WITH next AS (SELECT nextval(pg_get_serial_sequence('feed', 'id')) AS id)
                INSERT INTO feed (id, user_id, task_id, message_sid, image_url, image_index)
                SELECT id, $1, $2, $3, '/feed/' || id || '/image', 1 FROM next RETURNING id""",
                user, task, messageSid).get(0).getLong("id");
        return new Post(id, user, messageSid, image);
    }

    /** The image_url that {@code path} (a feed API) shows the post's user for the post. */
    public static String imageUrlIn(String path, Post post) {
        return given().auth().oauth2(TestTokens.user(post.userId())).get(path)
                .then().statusCode(200).extract().jsonPath()
                .getString("find { it.id == " + post.id() + " }.image_url");
    }

    /** What the URL serves to a client with no credentials at all, as an img tag loads it. */
    public static byte[] loadWithoutToken(String url) {
        return given().urlEncodingEnabled(false).get(url).then().statusCode(200).extract().asByteArray();
    }
}
