package dev.switchboard.conversations.completion;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One post, in the FastAPI backend's column names (docs/migrating.md); {@code image_url} as {@code FeedImageUrls}
 * renders it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FeedPost(long id, OffsetDateTime createdAt, long userId, long taskId,
        @Schema(description = "loadable by an <img> tag without a token: a signed URL that expires, or a public one, "
                + "per FEED_IMAGE_URLS") String imageUrl,
        String status, @Schema(nullable = true) String postContent) {
}
