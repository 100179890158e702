package dev.switchboard.conversations.completion;

import dev.switchboard.conversations.media.MediaStore;
import dev.switchboard.conversations.media.StoredMedia;
import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** A feed post's image, as the media pipeline stored it ({@code GET /feed/{id}/image}). */
@ApplicationScoped
public class FeedImages {

    private final Pool pool;
    private final MediaStore media;

    public FeedImages(Pool pool, MediaStore media) {
        this.pool = pool;
        this.media = media;
    }

    /** @throws ProblemException 404 when there is no such post, or its image is not stored yet */
    public Uni<StoredMedia> of(long id) {
        return pool.preparedQuery("SELECT message_sid, image_index FROM feed WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("post-not-found", "no feed post " + id))
                .chain(post -> media.get(post.getString("message_sid"), post.getInteger("image_index")))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("image-not-stored",
                        "the image of post " + id + " is not stored yet"));
    }
}
