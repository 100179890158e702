package dev.switchboard.conversations.media;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The {@code media_objects} row every store keeps: what an item is, its checksum, and where its bytes live
 * ({@code storage}, {@code storage_key}; the bytes themselves only for {@code storage = 'database'}).
 */
final class MediaObjects {

    private static final String RECORD = """
            INSERT INTO media_objects (message_sid, media_index, media_sid, content_type, size_bytes, sha256, storage,
                storage_key, bytes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (message_sid, media_index) DO NOTHING""";

    private static final String FIND = """
            SELECT media_sid, content_type, storage_key, bytes FROM media_objects
            WHERE message_sid = $1 AND media_index = $2 AND storage = $3""";

    private MediaObjects() {
    }

    /** The key an item is stored under, in every store: one folder per message. */
    static String key(String messageSid, int index) {
        return messageSid + "/" + index;
    }

    /** Records the item; recording it again changes nothing. */
    static Uni<Void> record(Pool pool, StoredMedia media, String storage, Buffer bytesOrNull) {
        return pool.preparedQuery(RECORD)
                .execute(Tuple.from(Arrays.asList(media.messageSid(), media.index(), media.mediaSid(),
                        media.contentType(), (long) media.bytes().length, sha256(media.bytes()), storage,
                        key(media.messageSid(), media.index()), bytesOrNull)))
                .replaceWithVoid();
    }

    /** The item's row in {@code storage}, or null. */
    static Uni<Row> find(Pool pool, String messageSid, int index, String storage) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(messageSid, index, storage))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    }

    /** Deletes the item's row, whatever store holds it. */
    static Uni<Void> remove(Pool pool, String messageSid, int index) {
        return pool.preparedQuery("DELETE FROM media_objects WHERE message_sid = $1 AND media_index = $2")
                .execute(Tuple.of(messageSid, index))
                .replaceWithVoid();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
