package dev.switchboard.sender.outbound;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.sender.send.SendConfig;
import dev.switchboard.twilio.TwilioConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * A message Switchboard sends is a message: each SMS/WhatsApp send Twilio accepted is announced on
 * {@code twilio.message-events} as a {@code message.added} (source {@value EventSources#MESSAGE_SENDER}, direction
 * outbound, Twilio's SID, body, media URLs, from/to, status as Twilio answered), keyed like the exchange's inbound
 * messages, so conversation-manager stores it and the realtime gateway streams it like any other.
 * <p>
 * The outbound log is the outbox: the event's id ({@code added_event_id}) is chosen in the transaction that settles
 * the row, and {@code announced_at} is stamped once Kafka acknowledged the event. The send announces right after it
 * settled; a relay every {@code switchboard.sender.announce-relay-interval} announces whatever a crash or a Kafka outage left unstamped. An event published twice
 * keeps its id, and the consumers drop the duplicate.
 */
@ApplicationScoped
public class Announcements {

    public static final String CHANNEL = "message-announcements";

    private static final Logger LOG = Logger.getLogger(Announcements.class);
    private static final int BATCH = 100;
    private static final String UNANNOUNCED = """
            SELECT %s
            FROM outbound_messages
            WHERE added_event_id IS NOT NULL AND announced_at IS NULL AND updated_at < now() - make_interval(secs => $1)
            ORDER BY updated_at LIMIT $2""".formatted(OutboundLog.COLUMNS);
    private static final String STAMP = """
            UPDATE outbound_messages SET announced_at = now() WHERE id = ANY($1) AND announced_at IS NULL""";

    private final MutinyEmitter<Event<MessageData>> emitter;
    private final Pool pool;
    private final OutboundLog outboundLog;
    private final TwilioConfig twilio;
    private final Vertx vertx;
    private final long relayEveryMillis;
    private final AtomicBoolean relaying = new AtomicBoolean();
    /** Announcements Kafka acknowledged, to be stamped; {@link #stampAcknowledged} writes them in one statement. */
    private final Queue<UUID> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stamping = new AtomicBoolean();
    private volatile long timer = -1;

    public Announcements(@Channel(CHANNEL) MutinyEmitter<Event<MessageData>> emitter, Pool pool,
            OutboundLog outboundLog, TwilioConfig twilio, Vertx vertx, SendConfig config) {
        this.emitter = emitter;
        this.pool = pool;
        this.outboundLog = outboundLog;
        this.twilio = twilio;
        this.vertx = vertx;
        this.relayEveryMillis = Math.max(100, config.announceRelayInterval().toMillis());
    }

    /**
     * Publishes the row's message.added if it has one not yet acknowledged; never fails (the relay retries). Completes
     * once Kafka acknowledged it; its stamp follows ({@link #stampAcknowledged}).
     */
    public Uni<Void> announce(OutboundMessage row) {
        if (row == null || row.addedEventId == null || row.announcedAt != null) {
            return Uni.createFrom().voidItem();
        }
        Event<MessageData> added = addedEvent(row);
        return emitter.sendMessage(Message.of(added).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(added.subject())
                        .build()))
                .invoke(() -> {
                    acknowledged.add(row.id);
                    stampAcknowledged();
                })
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("announcing outbound message %s failed (the relay retries): %s", row.id, failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * Stamps every acknowledged announcement in one statement, one statement at a time: under a backlog of sends one
     * commit covers all the announcements Kafka acknowledged while the previous one ran, instead of a commit each. A
     * stamp that fails is left to the relay, which publishes the announcement again under its id (a duplicate the
     * consumers drop).
     */
    private void stampAcknowledged() {
        if (acknowledged.isEmpty() || !stamping.compareAndSet(false, true)) {
            return;
        }
        List<UUID> ids = new ArrayList<>();
        for (UUID id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            ids.add(id);
        }
        pool.preparedQuery(STAMP).execute(Tuple.of(ids.toArray(UUID[]::new)))
                .subscribe().with(stamped -> {
                    stamping.set(false);
                    stampAcknowledged();
                }, failure -> {
                    LOG.warnf("stamping %d announced outbound messages failed (the relay announces them again): %s",
                            ids.size(), failure.toString());
                    stamping.set(false);
                });
    }

    /** The send as a message, as a consumer of {@code twilio.message-events} reads it. */
    public Event<MessageData> addedEvent(OutboundMessage row) {
        boolean viaService = row.fromAddress != null && row.fromAddress.startsWith("MG");
        List<MediaItem> media = row.mediaUrls == null ? List.of()
                : row.mediaUrls.stream().map(url -> new MediaItem(null, url, null, null, null)).toList();
        Instant at = row.updatedAt != null ? row.updatedAt : Instant.now();
        MessageData message = new MessageData(row.twilioSid, twilio.accountSid(), null,
                viaService ? row.fromAddress : null, row.channel, viaService ? null : row.fromAddress, row.toAddress,
                null, row.body, null, null, null, media, row.twilioStatus, null, null, at, null, null,
                MessageData.OUTBOUND);
        return new Event<>(Event.SPEC_VERSION, row.addedEventId, EventTypes.MESSAGE_ADDED, EventSources.MESSAGE_SENDER,
                Instant.now(), ConversationKey.of(message), message);
    }

    /** Announces rows whose send did not (a crash between settling and publishing, Kafka away). */
    public Uni<Void> relay(long olderThanSeconds) {
        return pool.preparedQuery(UNANNOUNCED).execute(Tuple.of((double) olderThanSeconds, BATCH))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(outboundLog::row)
                .onItem().transformToUniAndConcatenate(this::announce)
                .collect().last()
                .replaceWithVoid();
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(relayEveryMillis, tick -> {
            if (relaying.compareAndSet(false, true)) {
                relay(Math.max(1, relayEveryMillis / 1000))
                        .onTermination().invoke(() -> relaying.set(false))
                        .subscribe().with(done -> { }, failure -> LOG.warnf("announcement relay: %s", failure.toString()));
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
