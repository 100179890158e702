package dev.switchboard.conversations.completion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.media.FeedImageSignature;
import dev.switchboard.conversations.media.MediaStore;
import dev.switchboard.conversations.completion.ImagePosts.Post;
import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Production settings (FEED_IMAGE_URLS=signed, MEDIA_STORE=database): every API showing a post gives an expiring
 * {@code /feed/{id}/image?expires=&signature=} URL that loads the image without a token; a tampered or expired one is
 * a 403 problem; a bearer token still reads the image without a signature.
 */
@QuarkusTest
class FeedImageUrlTest {

    private static final Pattern SIGNED = Pattern.compile("^/feed/(\\d+)/image\\?expires=(\\d+)&signature=([A-Za-z0-9_-]+)$");

    @Inject
    Database db;

    @Inject
    MediaStore media;

    @Inject
    FeedImageSignature signatures;

    private Post post() {
        return ImagePosts.create(db, media);
    }

    @Test
    void theSignedUrlOfEveryFeedApiLoadsTheImageWithoutAToken() {
        Post post = post();
        for (String path : new String[] { "/feed?limit=100", "/me/feed" }) {
            String url = ImagePosts.imageUrlIn(path, post);
            Matcher signed = SIGNED.matcher(url);
            assertTrue(signed.matches(), path + " gave " + url);
            assertEquals(post.id(), Long.parseLong(signed.group(1)));
            long expires = Long.parseLong(signed.group(2));
            long now = Instant.now().getEpochSecond();
            assertTrue(expires >= now + 3600 && expires <= now + 7200, "valid 1 to 2 hours (TTL 1h): " + (expires - now));

            byte[] served = given().urlEncodingEnabled(false).get(url)
                    .then().statusCode(200).contentType("image/png").header("X-Content-Type-Options", "nosniff")
                    .extract().asByteArray();
            assertArrayEquals(post.image(), served);
        }
    }

    @Test
    void aTamperedOrExpiredUrlIsA403Problem() {
        Post post = post();
        Post other = post();
        Matcher signed = SIGNED.matcher(ImagePosts.imageUrlIn("/me/feed", post));
        assertTrue(signed.matches());
        String expires = signed.group(2);
        String signature = signed.group(3);
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);

        refused("/feed/" + post.id() + "/image?expires=" + expires + "&signature=" + flipped, "invalid-image-signature");
        refused("/feed/" + post.id() + "/image?expires=" + (Long.parseLong(expires) + 86_400) + "&signature=" + signature,
                "invalid-image-signature");
        refused("/feed/" + other.id() + "/image?expires=" + expires + "&signature=" + signature,
                "invalid-image-signature");
        refused("/feed/" + post.id() + "/image?expires=" + expires, "invalid-image-signature");
        refused("/feed/" + post.id() + "/image?expires=soon&signature=" + signature, "invalid-image-signature");
        // Signed by this service, but a second ago: refused, and a bearer token does not rescue a stale URL.
        Instant past = Instant.now().minusSeconds(1);
        String stale = "/feed/" + post.id() + "/image?expires=" + past.getEpochSecond() + "&signature="
                + signatures.sign(post.id(), past);
        refused(stale, "image-url-expired");
        given().auth().oauth2(TestTokens.user(post.userId())).urlEncodingEnabled(false).get(stale)
                .then().statusCode(403).body("reason", is("image-url-expired"));
    }

    private static void refused(String url, String reason) {
        given().urlEncodingEnabled(false).get(url)
                .then().statusCode(403).contentType("application/problem+json").body("reason", is(reason));
    }

    @Test
    void aBearerTokenStillReadsTheImageAndNoTokenNorSignatureIsUnauthorized() {
        Post post = post();

        byte[] served = given().auth().oauth2(TestTokens.user(post.userId())).get("/feed/{id}/image", post.id())
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertArrayEquals(post.image(), served);
        given().get("/feed/{id}/image", post.id())
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-token").get("/feed/{id}/image", post.id()).then().statusCode(401);
    }

    @Test
    void aPostCarriedOverFromTheEarlierDesignKeepsItsStoredUrl() {
        long user = db.query("INSERT INTO users (username, phone_number) VALUES ('old', $1) RETURNING id",
                Messages.phoneNumber()).get(0).getLong("id");
        long task = db.query("INSERT INTO tasks (user_id, description, status) VALUES ($1, 'd', 'completed') RETURNING id",
                user).get(0).getLong("id");
        db.execute("INSERT INTO feed (user_id, task_id, message_sid, image_url) VALUES ($1, $2, $3, $4)", user, task,
                "MMold" + task, "https://project.supabase.co/storage/v1/object/public/notes/old.jpg");

        given().auth().oauth2(TestTokens.user(user)).get("/me/feed")
                .then().statusCode(200)
                .body("[0].image_url", is("https://project.supabase.co/storage/v1/object/public/notes/old.jpg"));
    }
}
