package dev.switchboard.conversations.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.conversations.completion.ImagePosts;
import dev.switchboard.conversations.completion.ImagePosts.Post;
import dev.switchboard.conversations.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * FEED_IMAGE_URLS=public, as the FastAPI backend stored image URLs (docs/migrating.md): MEDIA_PUBLIC_BASE_URL plus the
 * object key, no signature. The base is s3rver's bucket here (it serves anonymous reads, as a public bucket does).
 */
@QuarkusTest
@TestProfile(FeedImagePublicUrlsTest.WithPublicBucket.class)
class FeedImagePublicUrlsTest {

    /** s3rver, with the bucket's URL (and a trailing slash, which must not double) as the public base. */
    public static class PublicBucket extends S3rverTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("switchboard.feed.image-urls", "public");
            config.put("switchboard.media.public-base-url", config.get("switchboard.media.s3.endpoint") + "/notes/");
            return config;
        }
    }

    public static class WithPublicBucket implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PublicBucket.class));
        }
    }

    @Inject
    Database db;

    @Inject
    MediaStore media;

    @Test
    void theImageUrlIsTheConfiguredBasePlusTheObjectKey() {
        Post post = ImagePosts.create(db, media);
        String base = ConfigProvider.getConfig().getValue("switchboard.media.public-base-url", String.class);

        for (String path : new String[] { "/feed?limit=100", "/me/feed" }) {
            String url = ImagePosts.imageUrlIn(path, post);
            assertEquals(base + post.messageSid() + "/1", url);
            assertArrayEquals(post.image(), ImagePosts.loadWithoutToken(url));
        }
    }
}
