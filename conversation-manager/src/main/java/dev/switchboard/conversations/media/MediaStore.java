package dev.switchboard.conversations.media;

import io.smallrye.mutiny.Uni;

/**
 * Where media bytes live. {@link DatabaseMediaStore} (PostgreSQL, {@code media_objects.bytes}) is the embedded default;
 * an S3-compatible implementation (the earlier design's "notes" bucket, {@code storage = 's3'}) is not written yet.
 */
public interface MediaStore {

    /** Stores one item; storing the same (message, index) again replaces nothing and succeeds. */
    Uni<Void> put(StoredMedia media);

    /** The item, or null when it was not stored (yet). */
    Uni<StoredMedia> get(String messageSid, int index);
}
