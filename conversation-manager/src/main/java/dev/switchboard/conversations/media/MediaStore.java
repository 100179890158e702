package dev.switchboard.conversations.media;

import io.smallrye.mutiny.Uni;

/**
 * Where media bytes live. {@link DatabaseMediaStore} (PostgreSQL, {@code media_objects.bytes}) is the embedded default;
 * {@link S3MediaStore} keeps them in S3-compatible storage (the FastAPI backend's "notes" bucket, docs/migrating.md).
 * {@link MediaStores} picks one by {@code MEDIA_STORE}.
 */
public interface MediaStore {

    /** Stores one item; storing the same (message, index) again replaces nothing and succeeds. */
    Uni<Void> put(StoredMedia media);

    /** The item, or null when it was not stored (yet). */
    Uni<StoredMedia> get(String messageSid, int index);

    /** Deletes the item's bytes and its row (erasure); deleting an item that is gone succeeds. */
    Uni<Void> delete(String messageSid, int index);
}
