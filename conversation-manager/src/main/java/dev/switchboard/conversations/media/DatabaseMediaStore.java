package dev.switchboard.conversations.media;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The embedded default: bytes in {@code media_objects.bytes} ({@code storage = 'database'}), nothing else to run. */
@ApplicationScoped
@Typed(DatabaseMediaStore.class)
public class DatabaseMediaStore implements MediaStore {

    static final String STORAGE = "database";

    private final Pool pool;

    public DatabaseMediaStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Void> put(StoredMedia media) {
        return MediaObjects.record(pool, media, STORAGE, Buffer.buffer(media.bytes()));
    }

    @Override
    public Uni<StoredMedia> get(String messageSid, int index) {
        return MediaObjects.find(pool, messageSid, index, STORAGE)
                .onItem().ifNotNull().transform(row -> new StoredMedia(messageSid, index, row.getString("media_sid"),
                        row.getString("content_type"), row.getBuffer("bytes").getBytes()));
    }

    @Override
    public Uni<Void> delete(String messageSid, int index) {
        return MediaObjects.remove(pool, messageSid, index);
    }
}
