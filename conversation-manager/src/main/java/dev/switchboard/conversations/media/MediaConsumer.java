package dev.switchboard.conversations.media;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumer group {@code media} on {@code twilio.message-events}: downloads run here, off the persistence consumer's
 * batch path, so a slow Twilio never holds up storing messages. Whatever this consumer misses (a crash, the row not
 * stored yet) {@link MediaRetryJob} picks up from the rows' media_status.
 */
@ApplicationScoped
public class MediaConsumer {

    public static final String CHANNEL = "message-events-media";
    /**
     * Sized by {@code smallrye.messaging.worker.media-downloads.max-concurrency}, which is
     * {@code switchboard.media.max-in-flight} (MEDIA_MAX_IN_FLIGHT).
     */
    static final String WORKER_POOL = "media-downloads";

    private final MediaArchiver archiver;

    public MediaConsumer(MediaArchiver archiver) {
        this.archiver = archiver;
    }

    /**
     * Unordered, {@code max-in-flight} messages at a time: one slow download does not hold back the messages behind
     * it, and a backlog is worked off that many at once. Each message's media is independent of the others' (its own
     * rows and storage keys); the same message twice is never archived twice at once ({@link MediaArchiver}). Offsets
     * are committed (throttled) only past the oldest message not finished, so acknowledging out of order loses nothing.
     * <p>
     * On a pool of its own ({@value #WORKER_POOL}), never the default worker pool, whose threads the rest of the
     * service (health checks included) needs: each thread only waits here while the downloads and queries run without
     * blocking on the event loops. The pool's size also bounds what is taken from Kafka: the channel requests no more
     * records than the pool runs.
     */
    @Incoming(CHANNEL)
    @Blocking(value = WORKER_POOL, ordered = false)
    public void keepMedia(Event<MessageData> event) throws Throwable {
        if (event == null || !EventTypes.MESSAGE_ADDED.equals(event.type()) || event.data() == null
                || event.data().messageSid() == null || event.data().media().isEmpty() || event.data().outbound()) {
            // a message Switchboard sent carries its own URLs: nothing of Twilio's to keep
            return;
        }
        MessageData data = event.data();
        String chatService = data.twilioParams().get("ChatServiceSid");
        VertxContextSupport.subscribeAndAwait(() -> archiver.archive(data.messageSid(), data.media().stream()
                .map(item -> MediaArchiver.MediaSource.of(item.sid(), item.url(), chatService))
                .toList()));
    }
}
