package dev.switchboard.conversations.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How the {@code image_url} of a feed post is rendered for clients (prefix {@code switchboard.feed}). */
@ConfigMapping(prefix = "switchboard.feed")
public interface FeedImageConfig {

    /** The {@code image_urls} mode that signs: an expiring URL an {@code <img>} tag loads without a token. */
    String SIGNED = "signed";

    /**
     * The {@code image_urls} mode the FastAPI backend stored feed images in (docs/migrating.md): MEDIA_PUBLIC_BASE_URL
     * plus the object key.
     */
    String PUBLIC = "public";

    /**
     * FEED_IMAGE_URLS: {@code signed} (an S3 presigned GET with MEDIA_STORE=s3, else this service's
     * {@code /feed/{id}/image?expires=&signature=}) or {@code public} (MEDIA_PUBLIC_BASE_URL plus the object key).
     */
    @WithDefault(SIGNED)
    String imageUrls();

    /**
     * FEED_IMAGE_URL_TTL: the shortest time a signed URL stays valid. URLs are signed per window of this length and
     * live up to twice as long, so the same image keeps the same URL for a while and browsers can cache it.
     * At most 3.5 days (S3 accepts presigned URLs of up to 7 days).
     */
    @WithDefault("1h")
    Duration imageUrlTtl();

    /**
     * FEED_URL_SIGNING_KEY: the secret the {@code /feed/{id}/image} URLs are signed with, required when they are
     * handed out (signed, MEDIA_STORE=database). application.properties falls back to the HS256 JWT secret
     * (SWITCHBOARD_JWT_SECRET) when there is one; a key is derived from either (HMAC with a label of its own), so a URL
     * signature never doubles as anything else.
     */
    Optional<String> urlSigningKey();
}
