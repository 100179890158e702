package dev.switchboard.conversations.completion;

import dev.switchboard.conversations.media.FeedImageSignature;
import dev.switchboard.conversations.media.MediaStore;
import dev.switchboard.conversations.media.StoredMedia;
import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A feed post's image, as the media pipeline stored it ({@code GET /feed/{id}/image}), to a signed-in user or to anyone
 * holding the signed URL a feed answer gave.
 */
@ApplicationScoped
public class FeedImages {

    private final Pool pool;
    private final MediaStore media;
    private final FeedImageSignature signatures;

    public FeedImages(Pool pool, MediaStore media, FeedImageSignature signatures) {
        this.pool = pool;
        this.media = media;
        this.signatures = signatures;
    }

    /** @throws ProblemException 403 when the signature is wrong or past its expiry, 404 as {@link #of} */
    public Uni<StoredMedia> signed(long id, String expires, String signature) {
        return Uni.createFrom().voidItem().invoke(() -> signatures.verify(id, expires, signature)).chain(() -> of(id));
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
