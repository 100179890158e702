package dev.switchboard.realtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.MessageData;
import dev.switchboard.realtime.support.RawSseClient;
import dev.switchboard.testing.SseEvent;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.SchemaOwner;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.Waits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A client resumes 100,000 events behind and reads them slowly, stopping altogether twice. The gateway must follow
 * its socket: read a page of the log only when the client has taken the last one, and keep nothing of what it sent,
 * so that its memory stays flat however long the catch-up; then every event arrives, in log order, once, and the
 * stream goes live.
 * <p>
 * The gateway runs in this JVM ({@code @QuarkusTest}), so its heap is this JVM's heap; the client keeps nothing it
 * reads (it checks each id against the one expected next), so what grows is the gateway's.
 */
@QuarkusTest
class SlowReaderTest {

    private static final Logger LOG = Logger.getLogger(SlowReaderTest.class);

    private static final int BACKLOG = 100_000;
    /** Events read before the first stall: a few hundred, as a phone shows a screenful and then stalls. */
    private static final int READ_BEFORE_FIRST_STALL = 300;
    /** Events read before the second stall: most of the backlog, so that whatever a catch-up keeps per page shows. */
    private static final int READ_BEFORE_SECOND_STALL = 90_000;
    /** Asked for before connecting (Linux doubles it): the TCP window stays this small for the whole stream. */
    private static final int RECEIVE_BUFFER = 16 * 1024;
    /** How long the client reads nothing at each stall before the gateway is looked at. */
    private static final Duration STALL = Duration.ofSeconds(3);
    /**
     * Heap the gateway may have grown by while the client is stalled, against the heap before the stream opened.
     * What it legitimately holds for this stream is one page ({@code replay-page-size} events: here 20, some 30 kB;
     * 750 kB at production's 500) and Vert.x's write queue up to its 64 kB high-water mark; the rest is noise between
     * two full collections (1.2 and 1.6 MB in the runs so far). Events as the gateway holds them take some 1.5 kB of
     * heap each (a catch-up that kept every page it had sent grew by 138 MB at the second stall, 90,000 events in),
     * so the whole backlog would be ~150 MB: holding 5,000 of its events, 5 % of it, fails this bound.
     */
    private static final long MAX_HEAP_GROWTH = 8L * 1024 * 1024;
    /** Vert.x's write queue: its 64 kB high-water mark (Netty's default), plus the write that crosses it. */
    private static final long VERTX_WRITE_QUEUE = 64 * 1024 + 2 * 1024;

    private static final String LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"
            + " incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco"
            + " laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit"
            + " esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa"
            + " qui officia deserunt mollit anim id est laborum. ";

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "realtime.stream.replay-page-size")
    int pageSize;

    @Test
    void slowReaderOfAHundredThousandEventsKeepsTheGatewaysMemoryFlatAndGetsEveryEventOnceThenLive() {
        Instant started = Instant.now();
        TestDatabase db = new TestDatabase();
        TestUser user = db.user();
        String stranger = TestDatabase.strangerNumber();
        Event<MessageData> cursor = TestEvents.sms(stranger, user.phone(), "the last event the client read");
        db.store(cursor);
        Backlog backlog = Backlog.seed(SchemaOwner.pool(), stranger, user, BACKLOG);
        LOG.infof("seeded %,d events in %d ms", BACKLOG, Duration.between(started, Instant.now()).toMillis());

        long heapBefore = heapAfterGc();
        double readBefore = readFromLog();
        double writtenBefore = written();
        double resumedBefore = resumedFromLog();
        Instant opened = Instant.now();
        try (RawSseClient stream = RawSseClient.open(streamUri, "/v1/stream", RECEIVE_BUFFER,
                "Authorization", user.bearer(), "Last-Event-ID", cursor.id())) {
            int next = readInOrder(stream, backlog, 0, READ_BEFORE_FIRST_STALL);
            stalled(stream, next, heapBefore, readBefore, writtenBefore);
            next = readInOrder(stream, backlog, next, READ_BEFORE_SECOND_STALL);
            stalled(stream, next, heapBefore, readBefore, writtenBefore);
            next = readInOrder(stream, backlog, next, BACKLOG);
            LOG.infof("%,d events (%,d body bytes) delivered in %d ms", next, stream.bodyBytes(),
                    Duration.between(opened, Instant.now()).toMillis());

            SseEvent told = stream.next(Duration.ofSeconds(15));
            assertEquals("resumed", told.type(), "the catch-up ends by saying how many events it sent");
            assertEquals("{\"replayed\":" + BACKLOG + "}", told.data());
            awaitAtLeast(this::resumedFromLog, resumedBefore + 1);
            double liveBefore = liveDeliveries();
            Event<MessageData> live = TestEvents.sms(stranger, user.phone(), "live, after the catch-up");
            TestKafka.broker().publishMessageEvent(live);
            db.store(live);
            SseEvent afterBacklog = stream.next(Duration.ofSeconds(15));
            assertEquals(live.id(), afterBacklog.id(), "the first event after the backlog is the live one, nothing else");
            awaitAtLeast(this::liveDeliveries, liveBefore + 1); // it came live, not from a catch-up
            assertEquals(BACKLOG, readFromLog() - readBefore, "each event of the log read once");
        }
        LOG.infof("test took %d ms", Duration.between(started, Instant.now()).toMillis());
    }

    /** Reads events {@code from} to {@code to} (exclusive), each the one expected next in log order. */
    private static int readInOrder(RawSseClient stream, Backlog backlog, int from, int to) {
        for (int i = from; i < to; i++) {
            SseEvent event = stream.next(Duration.ofSeconds(15));
            String expected = backlog.id(i);
            if (!expected.equals(event.id())) {
                throw new AssertionError("event " + i + " of the backlog: expected " + expected + ", got " + event.id()
                        + " (" + event.type() + ")");
            }
        }
        return to;
    }

    /**
     * With the client reading nothing for a while, before and after a full collection: the gateway has read no more
     * than a page beyond what it wrote, written no more than Vert.x's queue and the sockets hold beyond what the client
     * read, and its heap has not grown by anything like the backlog. (It does not come to a standstill at a moment the
     * test could wait for: the kernel grows the gateway's send buffer by itself, up to 4 MB, and on a busy machine
     * it takes that a little at a time for tens of seconds, each letting the catch-up write a few events more.)
     */
    private void stalled(RawSseClient stream, int readByClient, long heapBefore, double readBefore,
            double writtenBefore) {
        sleep(STALL);
        double[] stalled = {readFromLog() - readBefore, written() - writtenBefore};
        long heap = heapAfterGc();
        double[] collected = {readFromLog() - readBefore, written() - writtenBefore};

        // On its way from the gateway's write to the client's read: Vert.x's queue, the gateway's socket send buffer
        // (grown by the kernel by itself up to tcp_wmem's maximum; 3.4 MB of it were full in one run), the client's
        // receive buffer and its own read buffer.
        long inFlightBytes = VERTX_WRITE_QUEUE + sendBufferMax() + stream.receiveBufferBytes() + 8 * 1024;
        long inFlightEvents = inFlightBytes / Backlog.MIN_FRAME_BYTES;
        LOG.infof("stalled at %,d events read (%,d bytes each on average): read from the log %,d, written %,d"
                + " (%,d ahead of the client; allowed %,d); heap %+,d kB", readByClient,
                stream.bodyBytes() / readByClient, (long) collected[0], (long) collected[1],
                (long) collected[1] - readByClient, inFlightEvents, (heap - heapBefore) / 1024);
        for (double[] sample : new double[][] {stalled, collected}) {
            assertTrue(sample[0] - sample[1] <= pageSize, "read from the log but not written: "
                    + (sample[0] - sample[1]) + " events, more than a page (" + pageSize + ")");
            assertTrue(sample[1] - readByClient <= inFlightEvents, "written but not read by the client: "
                    + (sample[1] - readByClient) + " events, more than Vert.x's queue and the sockets hold ("
                    + inFlightEvents + ")");
        }
        assertTrue(heap - heapBefore <= MAX_HEAP_GROWTH, "the gateway's heap grew by " + (heap - heapBefore) / 1024
                + " kB with the client stalled " + readByClient + " events into a backlog of " + BACKLOG);
    }

    private double readFromLog() {
        Counter counter = registry.find("realtime.catchup.log.events").counter();
        return counter == null ? 0 : counter.count();
    }

    private double written() {
        Counter counter = registry.find("realtime.events.delivered").tag("type", "message.added").counter();
        return counter == null ? 0 : counter.count();
    }

    private double resumedFromLog() {
        Counter counter = registry.find("realtime.streams.resumes").tag("outcome", "replayed").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Deliveries on live streams ({@code realtime.delivery.lag} times only those, just after writing them). */
    private double liveDeliveries() {
        Timer timer = registry.find("realtime.delivery.lag").timer();
        return timer == null ? 0 : timer.count();
    }

    private static void awaitAtLeast(DoubleSupplier value, double least) {
        Waits.waitFor("at least " + least, Duration.ofSeconds(15), Duration.ofMillis(20))
                .until(value::getAsDouble, now -> now >= least);
    }

    /** Used heap after full collections: the lowest of three, so that a collection that ran short does not count. */
    private static long heapAfterGc() {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(Duration.ofMillis(100)); // lets the collection settle; not a wait for a condition
            lowest = Math.min(lowest, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    /** The most a socket's send buffer grows to by itself ({@code net.ipv4.tcp_wmem}), 4 MB when it cannot be read. */
    private static long sendBufferMax() {
        try {
            String[] wmem = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return Long.parseLong(wmem[2]);
        } catch (Exception e) {
            return 4L * 1024 * 1024;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code count} SMS from one number to the user, appended to {@code message_events} in one statement in the
     * shape conversation-manager writes them: the columns of its {@code EventLog} and, as payload, the JSON of an
     * event as webhook-ingest publishes it ({@link EventJson}), with its own id, SID, time and body per row. Bodies
     * are 300–500 bytes of text. The events are 0.6 s apart over 17 hours from a day ago (a phone that was away):
     * outside the recent window, as a backlog this long is. Ids are UUIDv7 of the events' times, so the test can tell which
     * id comes {@code i}-th without keeping 100,000 of them.
     */
    private record Backlog(long firstMillis, int millisApart, int salt) {

        /**
         * The smallest SSE frame of a backlog event: id, event and data lines and the message's JSON around a body of
         * at least 306 bytes come to some 850 bytes (950 on average in the runs so far).
         */
        static final int MIN_FRAME_BYTES = 800;

        static Backlog seed(Pool pool, String from, TestUser to, int count) {
            Instant first = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
            Backlog backlog = new Backlog(first.toEpochMilli(), 600, ThreadLocalRandom.current().nextInt(1 << 14));
            Event<MessageData> template = TestEvents.sms(from, to.phone(), "");
            MessageData data = template.data();
            String payload = new String(EventJson.write(template), StandardCharsets.UTF_8);
            pool.preparedQuery("""
                    INSERT INTO message_events (event_id, type, message_sid, conversation_key, from_number, to_number,
                        from_e164, to_e164, payload)
                    SELECT e.id, $1::text, e.sid, $2::text, $3::text, $4::text, $3::text, $4::text,
                           jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set($5::text::jsonb,
                               '{id}', to_jsonb(e.id)), '{time}', to_jsonb(e.at)), '{data,messageSid}', to_jsonb(e.sid)),
                               '{data,body}', to_jsonb(e.body)), '{data,twilioParams,Body}', to_jsonb(e.body)),
                               '{data,dateCreated}', to_jsonb(e.at)), '{data,dateUpdated}', to_jsonb(e.at))
                    FROM (SELECT i,
                                 substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || lpad(to_hex(i & 4095), 3, '0')
                                     || '-' || to_hex(32768 | $8::int) || '-' || lpad(to_hex(i), 12, '0') AS id,
                                 'SM' || md5($8::int || ':' || i) AS sid,
                                 to_char(to_timestamp(ms / 1000.0) AT TIME ZONE 'UTC',
                                         'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
                                 'Message ' || i || ' of the backlog. '
                                     || substr(repeat($9::text, 3), 1 + i % 50, 280 + (i * 37) % 200) AS body
                          FROM (SELECT i, $6::bigint + i * $7::bigint AS ms,
                                       lpad(to_hex($6::bigint + i * $7::bigint), 12, '0') AS h
                                FROM generate_series(0, $10::int - 1) AS i) timed) e""")
                    .execute(Tuple.tuple().addString(template.type()).addString(ConversationKey.of(data))
                            .addString(data.from()).addString(data.to()).addString(payload)
                            .addLong(backlog.firstMillis()).addLong((long) backlog.millisApart())
                            .addInteger(backlog.salt()).addString(LOREM).addInteger(count))
                    .await().atMost(Duration.ofMinutes(2));
            // As autovacuum would have done for rows that came in over hours: planned on statistics of a near-empty
            // table, the first pages were read slowly enough that the socket never filled at the first stall.
            pool.query("ANALYZE message_events").execute().await().atMost(Duration.ofMinutes(1));
            return backlog;
        }

        /** The id of the {@code i}-th event, as the statement above makes it. */
        String id(int i) {
            String h = String.format("%012x", firstMillis + (long) i * millisApart);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-7" + String.format("%03x", i & 4095) + "-"
                    + Integer.toHexString(32768 | salt) + "-" + String.format("%012x", i);
        }
    }
}
