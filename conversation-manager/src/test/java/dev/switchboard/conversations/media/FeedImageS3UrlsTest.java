package dev.switchboard.conversations.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.completion.ImagePosts;
import dev.switchboard.conversations.completion.ImagePosts.Post;
import dev.switchboard.conversations.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * FEED_IMAGE_URLS=signed with MEDIA_STORE=s3 (a real s3rver): a post's image_url is an S3 presigned GET of its object,
 * path-style, which loads the bytes straight from the bucket with no credentials. s3rver does not check the
 * signature itself; {@code S3PresignedUrlsTest} checks it against AWS's published example.
 */
@QuarkusTest
@TestProfile(S3MediaStoreTest.WithS3.class)
class FeedImageS3UrlsTest {

    private static final Pattern PRESIGNED = Pattern.compile("^http://127\\.0\\.0\\.1:\\d+/notes/(MMimg\\d+)/1"
            + "\\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=S3RVER%2F(\\d{8})%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=(\\d{8}T\\d{6}Z)&X-Amz-Expires=7200&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$");

    @Inject
    Database db;

    @Inject
    MediaStore media;

    @Test
    void theImageUrlIsAPresignedGetThatLoadsTheObjectWithoutCredentials() {
        Post post = ImagePosts.create(db, media);

        for (String path : new String[] { "/feed?limit=100", "/me/feed" }) {
            String url = ImagePosts.imageUrlIn(path, post);
            Matcher presigned = PRESIGNED.matcher(url);
            assertTrue(presigned.matches(), path + " gave " + url);
            assertEquals(post.messageSid(), presigned.group(1), url);
            // Signed at the start of the current one-hour window, valid two hours from then: at least one left.
            Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").parse(presigned.group(3), Instant::from);
            assertTrue(!signedAt.isAfter(Instant.now()) && signedAt.isAfter(Instant.now().minusSeconds(3601)), url);
            assertTrue(presigned.group(3).startsWith(presigned.group(2)), "credential scope of the signing day: " + url);
            assertEquals(0, signedAt.atZone(ZoneOffset.UTC).getMinute() * 60 + signedAt.atZone(ZoneOffset.UTC).getSecond(),
                    "signed at the start of its hour: " + url);

            assertArrayEquals(post.image(), ImagePosts.loadWithoutToken(url));
        }
    }
}
