package dev.switchboard.conversations.completion;

import dev.switchboard.conversations.media.FeedImageUrls;
import dev.switchboard.problem.QueryParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;

/** Pages of feed posts, everyone's ({@code GET /feed}) or one user's ({@code GET /me/feed}), image URLs rendered. */
@ApplicationScoped
public class FeedPosts {

    static final int MAX_LIMIT = 100;

    private static final String PAGE = """
            SELECT id, created_at, user_id, task_id, image_url, message_sid, image_index, status, post_content FROM feed
            WHERE ($1::bigint IS NULL OR user_id = $1) AND ($2::bigint IS NULL OR id < $2)
            ORDER BY id DESC LIMIT $3""";

    private final Pool pool;
    private final FeedImageUrls imageUrls;

    public FeedPosts(Pool pool, FeedImageUrls imageUrls) {
        this.pool = pool;
        this.imageUrls = imageUrls;
    }

    /**
     * Newest first. {@code limit} (1–100, default 20) and {@code before} (the id of the last post of the previous page)
     * as the query parameters came: a malformed or out-of-range value is a 400 problem.
     *
     * @param userId null for everyone's posts
     */
    public Uni<List<FeedPost>> page(Long userId, String limit, String before) {
        int size = QueryParams.boundedInt("limit", limit, 20, 1, MAX_LIMIT);
        Long beforeId = QueryParams.optionalLong("before", before, 1);
        return pool.preparedQuery(PAGE)
                .execute(Tuple.from(Arrays.asList(userId, beforeId, size)))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(this::post).toList());
    }

    private FeedPost post(Row row) {
        long id = row.getLong("id");
        return new FeedPost(id, row.getOffsetDateTime("created_at"), row.getLong("user_id"), row.getLong("task_id"),
                imageUrls.of(id, row.getString("image_url"), row.getString("message_sid"), row.getInteger("image_index")),
                row.getString("status"), row.getString("post_content"));
    }
}
