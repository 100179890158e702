package dev.switchboard.conversations.completion;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchboard.conversations.media.MediaStore;
import dev.switchboard.problem.ProblemException;
import dev.switchboard.problem.QueryParams;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The feed of completed tasks, newest first; readable by any signed-in user. */
@Path("/feed")
@Authenticated
public class FeedResource {

    private static final int MAX_LIMIT = 100;

    private final Pool pool;
    private final MediaStore media;

    public FeedResource(Pool pool, MediaStore media) {
        this.pool = pool;
        this.media = media;
    }

    /** A page of posts; {@code before} is the id of the last post of the previous page. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<FeedPost>> list(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        int size = QueryParams.boundedInt("limit", limit, 20, 1, MAX_LIMIT);
        Long beforeId = QueryParams.optionalLong("before", before, 1);
        return pool.preparedQuery("""
                        SELECT id, created_at, user_id, task_id, image_url, status, post_content FROM feed
                        WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2""")
                .execute(Tuple.of(beforeId, size))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(FeedPost::of).toList());
    }

    /** The post's image, as the media pipeline stored it. */
    @GET
    @Path("/{id}/image")
    @Produces(MediaType.WILDCARD)
    public Uni<Response> image(@PathParam("id") long id) {
        return pool.preparedQuery("SELECT message_sid, image_index FROM feed WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("post-not-found", "no feed post " + id))
                .chain(post -> media.get(post.getString("message_sid"), post.getInteger("image_index")))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("image-not-stored",
                        "the image of post " + id + " is not stored yet"))
                .map(item -> Response.ok(item.bytes(), item.contentType())
                        .header("X-Content-Type-Options", "nosniff").build());
    }

    /** One post, in the earlier design's column names. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FeedPost(long id, OffsetDateTime createdAt, long userId, long taskId, String imageUrl, String status,
            @Schema(nullable = true) String postContent) {

        static FeedPost of(Row row) {
            return new FeedPost(row.getLong("id"), row.getOffsetDateTime("created_at"), row.getLong("user_id"),
                    row.getLong("task_id"), row.getString("image_url"), row.getString("status"),
                    row.getString("post_content"));
        }
    }
}
