package dev.switchboard.conversations.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import dev.switchboard.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A feed image URL setting that cannot work stops the service at startup, saying which variable to fix. */
class FeedImageUrlsStartupTest {

    private static FeedImageUrls start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("switchboard.feed.url-signing-key", "k"));
        all.putAll(settings);
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDiscoveredConverters().withMapping(FeedImageConfig.class)
                .withMapping(MediaConfig.class).withSources(new PropertiesConfigSource(all, "test", 500)).build();
        FeedImageConfig feed = config.getConfigMapping(FeedImageConfig.class);
        return new FeedImageUrls(feed, config.getConfigMapping(MediaConfig.class), new FeedImageSignature(feed));
    }

    private static void refused(Map<String, String> settings, String named) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(settings));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void signedDatabaseUrlsAreTheDefault() {
        assertTrue(start(Map.of()).of(7, "/feed/7/image", "MM1", 0).startsWith("/feed/7/image?expires="));
    }

    @Test
    void publicUrlsNeedABaseUrlAndTheS3Store() {
        refused(Map.of("switchboard.feed.image-urls", "public", "switchboard.media.store", "s3"), "MEDIA_PUBLIC_BASE_URL");
        refused(Map.of("switchboard.feed.image-urls", "public", "switchboard.media.public-base-url", "https://cdn.test"),
                "MEDIA_STORE=s3");
        assertEquals("https://cdn.test/MM1/0", start(Map.of("switchboard.feed.image-urls", "public",
                "switchboard.media.store", "s3", "switchboard.media.public-base-url", "https://cdn.test"))
                .of(7, "/feed/7/image", "MM1", 0));
    }

    @Test
    void presignedUrlsNeedTheS3Credentials() {
        refused(Map.of("switchboard.media.store", "s3"), "MEDIA_S3_ACCESS_KEY");
    }

    @Test
    void anUnknownModeOrAnUnsignableTtlIsRefused() {
        refused(Map.of("switchboard.feed.image-urls", "private"), "FEED_IMAGE_URLS");
        refused(Map.of("switchboard.feed.image-url-ttl", "4d"), "FEED_IMAGE_URL_TTL");
        refused(Map.of("switchboard.feed.image-url-ttl", "0s"), "FEED_IMAGE_URL_TTL");
    }

    @Test
    void signedDatabaseUrlsNeedASigningKeyTheOtherModesDoNot() {
        refused(Map.of("switchboard.feed.url-signing-key", " "), "FEED_URL_SIGNING_KEY");
        assertEquals("https://cdn.test/MM1/0", start(Map.of("switchboard.feed.url-signing-key", "",
                "switchboard.feed.image-urls", "public", "switchboard.media.store", "s3",
                "switchboard.media.public-base-url", "https://cdn.test")).of(7, "/feed/7/image", "MM1", 0));
    }

    @Test
    void withoutAKeyEverySignatureIsRefused() {
        FeedImageSignature none = new FeedImageSignature(null, Clock.systemUTC());
        FeedImageSignature some = new FeedImageSignature("k", Clock.systemUTC());
        Instant later = Instant.now().plusSeconds(60);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> none.verify(7, Long.toString(later.getEpochSecond()), some.sign(7, later)));
        assertEquals("invalid-image-signature", refused.problem().reason());
        some.verify(7, Long.toString(later.getEpochSecond()), some.sign(7, later));
    }
}
