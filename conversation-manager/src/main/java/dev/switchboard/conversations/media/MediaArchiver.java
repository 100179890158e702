package dev.switchboard.conversations.media;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * Keeps the media of one message: every item not stored yet is downloaded, checked against its magic bytes and put in
 * the {@link MediaStore}; then the message row says so ({@code media_status}, {@code storage_urls} = Switchboard URLs).
 * A failure never touches the rest of the row: it is recorded ({@code media_error}) with a time to try again.
 * <p>
 * Runs for different messages may overlap (the media channel works {@code max-in-flight} at once, the retry job beside
 * it): each touches only its own message row and its own {@code media_objects} rows and storage keys
 * ({@code MessageSid/index}). Runs for the same message (the event twice, Twilio's retry of a webhook, the retry job
 * taking a row the channel is still on) never overlap in this process: each waits for the one before it, then finds
 * what that one stored and fetches it no more. Across replicas the same item may be fetched twice (a rebalance, the
 * retry job of another replica); it is still recorded once ({@code ON CONFLICT DO NOTHING}).
 */
@ApplicationScoped
public class MediaArchiver {

    private static final Logger LOG = Logger.getLogger(MediaArchiver.class);

    private static final String STORED = """
            UPDATE messages m SET media_status = 'stored', media_error = NULL, media_retry_at = NULL, updated_at = now(),
                storage_urls = COALESCE((SELECT jsonb_agg('/messages/' || m.id || '/media/' || i ORDER BY i)
                                         FROM generate_series(0, m.num_media - 1) i), '[]')
            WHERE message_sid = $1""";

    /** Backoff doubles per attempt; a refusal that cannot heal (forbidden host, bad bytes) is not retried. */
    private static final String FAILED = """
            UPDATE messages SET media_status = 'failed', media_error = $2, media_attempts = media_attempts + 1,
                updated_at = now(),
                media_retry_at = CASE WHEN $3 AND media_attempts + 1 < $4
                    THEN now() + make_interval(secs => $5 * power(2, media_attempts)) END
            WHERE message_sid = $1""";

    /**
     * A refusal that cannot heal is final: the same event again (a Kafka redelivery, Twilio's retry of the webhook) or
     * the retry job must not fetch the item once more, where a second answer could differ from the one refused.
     */
    private static final String REFUSED_FOR_GOOD = """
            SELECT COALESCE(media_status = 'failed' AND media_retry_at IS NULL, false) AS refused
            FROM messages WHERE message_sid = $1""";

    private final TwilioMediaClient twilio;
    private final MediaStore store;
    private final Pool pool;
    private final MediaConfig config;
    /** The last run asked for, per message with a run not finished: the next run of that message waits for it. */
    private final ConcurrentMap<String, CompletableFuture<Void>> lastRun = new ConcurrentHashMap<>();

    public MediaArchiver(TwilioMediaClient twilio, MediaStore store, Pool pool, MediaConfig config) {
        this.twilio = twilio;
        this.store = store;
        this.pool = pool;
        this.config = config;
    }

    /** @param urls where Twilio serves each item, in the message's order */
    public Uni<Void> archive(String messageSid, List<MediaSource> urls) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> run = new CompletableFuture<>();
            CompletableFuture<Void> before = lastRun.put(messageSid, run);
            CompletableFuture<Void> previous = before == null ? CompletableFuture.completedFuture(null) : before;
            // A copy: cancelling this run's wait (Mutiny cancels the future it waits on) must not end the run before.
            return Uni.createFrom().completionStage(previous.copy())
                    .chain(() -> archiveNow(messageSid, urls))
                    // Finished only once the run before is too: a run cancelled while it waits must not let the next
                    // one start beside the run still going.
                    .onTermination().invoke(() -> previous.whenComplete((ignored, failure) -> {
                        lastRun.remove(messageSid, run);
                        run.complete(null);
                    }));
        });
    }

    private Uni<Void> archiveNow(String messageSid, List<MediaSource> urls) {
        return refusedForGood(messageSid)
                .chain(refused -> refused ? Uni.createFrom().voidItem() : download(messageSid, urls))
                .onFailure(RowNotStoredYet.class).recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Waits (briefly, without blocking) for the persistence consumer to store the row: an outcome written before the
     * row exists would be lost, and a refused item fetched again by the retry job. A row still missing after that is
     * left to {@link MediaRetryJob}, which takes pending rows.
     */
    private Uni<Boolean> refusedForGood(String messageSid) {
        return pool.preparedQuery(REFUSED_FOR_GOOD).execute(Tuple.of(messageSid))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new RowNotStoredYet();
                    }
                    return rows.iterator().next().getBoolean("refused");
                })
                .onFailure(RowNotStoredYet.class).retry()
                .withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)).atMost(10);
    }

    private static final class RowNotStoredYet extends RuntimeException {
        RowNotStoredYet() {
            super(null, null, false, false);
        }
    }

    private Uni<Void> download(String messageSid, List<MediaSource> urls) {
        return Multi.createFrom().range(0, urls.size())
                .onItem().transformToUniAndConcatenate(index -> keep(messageSid, index, urls.get(index)))
                .collect().last()
                .chain(() -> pool.preparedQuery(STORED).execute(Tuple.of(messageSid)))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> recordFailure(messageSid, failure));
    }

    private Uni<Void> keep(String messageSid, int index, MediaSource source) {
        return store.get(messageSid, index)
                .chain(stored -> stored != null ? Uni.createFrom().voidItem()
                        : twilio.download(source.url())
                                .map(downloaded -> checked(messageSid, index, source, downloaded))
                                .chain(store::put));
    }

    private StoredMedia checked(String messageSid, int index, MediaSource source,
            TwilioMediaClient.Downloaded downloaded) {
        String actual = MediaTypes.sniff(downloaded.bytes());
        if (actual == null) {
            throw new MediaRefusedException("item " + index + " is not a supported image or PDF (claimed "
                    + downloaded.claimedType() + ")", false);
        }
        if (downloaded.claimedType() != null && !downloaded.claimedType().startsWith(actual)) {
            throw new MediaRefusedException("item " + index + " claims " + downloaded.claimedType() + " but is "
                    + actual, false);
        }
        long pixels = MediaTypes.declaredPixels(downloaded.bytes(), actual);
        if (pixels > config.maxPixels()) {
            throw new MediaRefusedException("item " + index + " declares " + pixels + " pixels, over "
                    + config.maxPixels(), false);
        }
        return new StoredMedia(messageSid, index, source.sid(), actual, downloaded.bytes());
    }

    private Uni<Void> recordFailure(String messageSid, Throwable failure) {
        boolean retryable = !(failure instanceof MediaRefusedException refused) || refused.retryable();
        LOG.warnf("media of %s not kept (%s): %s", messageSid, retryable ? "will retry" : "final", failure.getMessage());
        return pool.preparedQuery(FAILED)
                .execute(Tuple.from(Arrays.asList(messageSid, describe(failure), retryable, config.maxAttempts(),
                        (double) config.retryBackoff().toSeconds())))
                .replaceWithVoid();
    }

    /** Short, printable text for media_error: a driver's message may quote the whole (binary) value. */
    private static String describe(Throwable failure) {
        String text = String.valueOf(failure.getMessage()).replaceAll("[^\\p{Print}]", "?");
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    /** Where one item is fetched from; {@code sid} is Twilio's media SID when known. */
    public record MediaSource(String sid, String url) {

        private static final String CONTENT_SERVICE = "https://mcs.us1.twilio.com/v1/Services/%s/Media/%s/Content";

        /**
         * Messaging items carry their URL ({@code MediaUrlN}); Conversations items only a SID, served by Twilio's Media
         * Content Service of the conversation's chat service ({@code ChatServiceSid}).
         */
        static MediaSource of(String sid, String url, String chatServiceSid) {
            if (url == null && sid != null && chatServiceSid != null) {
                return new MediaSource(sid, CONTENT_SERVICE.formatted(chatServiceSid, sid));
            }
            return new MediaSource(sid, url);
        }
    }
}
