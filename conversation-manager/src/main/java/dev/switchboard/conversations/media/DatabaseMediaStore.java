package dev.switchboard.conversations.media;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** The embedded default: bytes in {@code media_objects.bytes} ({@code storage = 'database'}), nothing else to run. */
@ApplicationScoped
public class DatabaseMediaStore implements MediaStore {

    private static final String PUT = """
            INSERT INTO media_objects (message_sid, media_index, media_sid, content_type, size_bytes, sha256, storage,
                storage_key, bytes)
            VALUES ($1, $2, $3, $4, $5, $6, 'database', $7, $8)
            ON CONFLICT (message_sid, media_index) DO NOTHING""";

    private static final String GET = """
            SELECT media_sid, content_type, bytes FROM media_objects
            WHERE message_sid = $1 AND media_index = $2 AND storage = 'database'""";

    private final Pool pool;

    public DatabaseMediaStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Void> put(StoredMedia media) {
        return pool.preparedQuery(PUT)
                .execute(Tuple.from(Arrays.asList(media.messageSid(), media.index(), media.mediaSid(),
                        media.contentType(), (long) media.bytes().length, sha256(media.bytes()),
                        media.messageSid() + "/" + media.index(), Buffer.buffer(media.bytes()))))
                .replaceWithVoid();
    }

    @Override
    public Uni<StoredMedia> get(String messageSid, int index) {
        return pool.preparedQuery(GET)
                .execute(Tuple.of(messageSid, index))
                .map(rows -> first(rows, messageSid, index));
    }

    private static StoredMedia first(RowSet<Row> rows, String messageSid, int index) {
        if (!rows.iterator().hasNext()) {
            return null;
        }
        Row row = rows.iterator().next();
        return new StoredMedia(messageSid, index, row.getString("media_sid"), row.getString("content_type"),
                row.getBuffer("bytes").getBytes());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
