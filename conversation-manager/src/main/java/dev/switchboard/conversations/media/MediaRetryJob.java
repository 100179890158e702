package dev.switchboard.conversations.media;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Tries failed downloads again when their time has come, and picks up media still 'pending' well after its message
 * was stored. Rows are claimed with SKIP LOCKED and a lease ({@code media_retry_at} moved ahead), so replicas never
 * download the same media at once and a replica that dies mid-download only delays the retry.
 */
@ApplicationScoped
public class MediaRetryJob {

    private static final String CLAIM = """
            UPDATE messages SET media_retry_at = now() + interval '5 minutes'
            WHERE id IN (SELECT id FROM messages
                         WHERE ((media_status = 'failed' AND media_retry_at <= now())
                             OR (media_status = 'pending' AND added_at < now() - make_interval(secs => $2)
                                 AND (media_retry_at IS NULL OR media_retry_at <= now())))
                           AND removed_at IS NULL
                         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING message_sid, media_items::text AS media_items, twilio_params->>'ChatServiceSid' AS chat_service""";

    private static final int BATCH = 20;

    private final Pool pool;
    private final MediaArchiver archiver;
    private final MediaConfig config;

    public MediaRetryJob(Pool pool, MediaArchiver archiver, MediaConfig config) {
        this.pool = pool;
        this.archiver = archiver;
        this.config = config;
    }

    @Scheduled(every = "${switchboard.media.retry-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> retryDue() {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(BATCH, (double) config.pendingGrace().toSeconds()))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> archiver.archive(row.getString("message_sid"), sources(row)))
                .collect().last()
                .replaceWithVoid();
    }

    private static List<MediaArchiver.MediaSource> sources(Row row) {
        JsonArray items = new JsonArray(row.getString("media_items"));
        return IntStream.range(0, items.size())
                .mapToObj(items::getJsonObject)
                .map((JsonObject item) -> MediaArchiver.MediaSource.of(item.getString("sid"), item.getString("url"),
                        row.getString("chat_service")))
                .toList();
    }
}
