package dev.switchboard.conversations.media;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code image_url} clients get for a feed post, rendered when the post is read (never stored), per
 * {@code switchboard.feed.image-urls}: {@code signed} gives an expiring URL an {@code <img>} tag loads without a
 * bearer token (an S3 presigned GET, or this service's {@code /feed/{id}/image?expires=&signature=} for the database
 * store); {@code public} gives MEDIA_PUBLIC_BASE_URL plus the object key, as the FastAPI backend stored it
 * (docs/migrating.md).
 * A wrong combination fails at startup, not at the first read.
 */
@Startup
@ApplicationScoped
public class FeedImageUrls {

    /** S3 refuses presigned URLs valid longer than 7 days; a URL lives up to twice the configured TTL. */
    private static final Duration MAX_TTL = Duration.ofHours(84);

    private interface Renderer {
        String url(long postId, String objectKey, Instant signedAt, Instant expires);
    }

    private final Renderer renderer;
    private final Duration ttl;
    private final Clock clock;

    FeedImageUrls(FeedImageConfig feed, MediaConfig media, FeedImageSignature signature) {
        this.ttl = feed.imageUrlTtl();
        if (ttl.toSeconds() < 1 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalStateException("FEED_IMAGE_URL_TTL must be between 1s and 84h, not " + ttl);
        }
        this.clock = Clock.systemUTC();
        this.renderer = switch (feed.imageUrls()) {
            case FeedImageConfig.PUBLIC -> publicUrls(media);
            case FeedImageConfig.SIGNED -> signedUrls(media, signature);
            default -> throw new IllegalStateException("FEED_IMAGE_URLS is " + FeedImageConfig.SIGNED + " or "
                    + FeedImageConfig.PUBLIC + ", not " + feed.imageUrls());
        };
    }

    /**
     * The URL of post {@code postId}'s image (item {@code imageIndex} of message {@code messageSid}).
     * {@code storedUrl} is the feed row's {@code image_url}: this service stores {@link #servedAt(long)} there,
     * which is rendered; anything else is a post carried over from the FastAPI backend (docs/migrating.md), whose
     * image is not in the media store, and is passed on as it was stored.
     */
    public String of(long postId, String storedUrl, String messageSid, int imageIndex) {
        if (!servedAt(postId).equals(storedUrl)) {
            return storedUrl;
        }
        // Signed per window of one TTL and valid until the end of the next: at least a TTL left, and the same URL
        // for every read within a window, so clients can cache the image.
        long window = ttl.toSeconds();
        Instant signedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond() / window * window);
        return renderer.url(postId, MediaObjects.key(messageSid, imageIndex), signedAt,
                signedAt.plus(ttl.multipliedBy(2)));
    }

    /** Where this service serves a post's image, and what it stores in {@code feed.image_url}. */
    public static String servedAt(long postId) {
        return "/feed/" + postId + "/image";
    }

    private static Renderer publicUrls(MediaConfig media) {
        if (!S3MediaStore.STORAGE.equals(media.store())) {
            throw new IllegalStateException("FEED_IMAGE_URLS=public needs MEDIA_STORE=s3 (a public bucket); the "
                    + media.store() + " store has no public URLs");
        }
        String base = media.publicBaseUrl().filter(url -> !url.isBlank()).map(url -> url.replaceAll("/+$", ""))
                .orElseThrow(() -> new IllegalStateException("FEED_IMAGE_URLS=public needs MEDIA_PUBLIC_BASE_URL"));
        return (postId, key, signedAt, expires) -> base + "/" + S3PresignedUrls.encodedKey(key);
    }

    private static Renderer signedUrls(MediaConfig media, FeedImageSignature signature) {
        return switch (media.store()) {
            case S3MediaStore.STORAGE -> {
                S3PresignedUrls s3 = new S3PresignedUrls(media.s3());
                yield (postId, key, signedAt, expires) -> s3.url(key, signedAt, Duration.between(signedAt, expires));
            }
            case DatabaseMediaStore.STORAGE -> {
                if (!signature.canSign()) {
                    throw new IllegalStateException("FEED_IMAGE_URLS=signed with MEDIA_STORE=database needs "
                            + "FEED_URL_SIGNING_KEY (or SWITCHBOARD_JWT_SECRET to derive one from)");
                }
                yield (postId, key, signedAt, expires) -> servedAt(postId) + "?expires=" + expires.getEpochSecond()
                        + "&signature=" + signature.sign(postId, expires);
            }
            default -> throw new IllegalStateException("MEDIA_STORE is database or s3, not " + media.store());
        };
    }
}
