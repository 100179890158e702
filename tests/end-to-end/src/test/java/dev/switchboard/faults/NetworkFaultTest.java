package dev.switchboard.faults;

import static dev.switchboard.stack.ManagedProcesses.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.e2e.Suite;
import dev.switchboard.stack.KafkaBroker;
import dev.switchboard.stack.ServiceProcess;
import dev.switchboard.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault 8: a bad network between the services and their Kafka broker and PostgreSQL. Every service reaches both
 * through a {@link TcpRelay} — Kafka through a broker listener that advertises the relay, so that the clients'
 * connections to the partition leader go through it too — which slows, cuts and stalls the traffic while strangers
 * write in on WhatsApp, Twilio-style (a webhook not answered 200 is posted again). Each message must be stored once
 * and answered once, and the services' memory must stay bounded.
 */
@Tag("slow-fault")
class NetworkFaultTest {

    /** How often a wait checks its condition. */
    private static final Duration POLL = Duration.ofMillis(200);

    private static final int PER_PHASE = 40;
    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final Duration STALL = Duration.ofSeconds(15);

    /** Sid of each inbound message, by the stranger's phone; and every webhook POST, retries included. */
    private final Map<String, String> messages = new ConcurrentHashMap<>();
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();

    @Test
    void messagesCrossASlowCutAndStalledNetworkOnceEach() throws Exception {
        int relayedListener = freePort();
        int postgres = freePort();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (TcpRelay kafka = TcpRelay.to(relayedListener); TcpRelay database = TcpRelay.to(postgres);
                Suite suite = Suite.startBehindRelays("network-fault", Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafka.port(),
                        "DB_PORT", Integer.toString(database.port())),
                        postgres, new KafkaBroker.RelayedListener(relayedListener, kafka.port()))) {
            List<TcpRelay> network = List.of(kafka, database);
            writeIn(suite, PER_PHASE);
            Waits.waitFor("the first messages answered", Duration.ofMinutes(1), POLL)
                    .until(() -> repliesByStranger(suite).size() == messages.size());
            Map<String, Long> rssBefore = rss(suite);

            network.forEach(relay -> relay.latency(LATENCY));
            writeIn(suite, PER_PHASE);
            network.forEach(relay -> relay.latency(Duration.ZERO));

            Future<?> cuts = background.submit(() -> everyTwoSeconds(3, network, TcpRelay::cutConnections));
            writeIn(suite, PER_PHASE);
            cuts.get();

            network.forEach(TcpRelay::stall);
            Future<?> duringTheStall = background.submit(() -> writeIn(suite, PER_PHASE));
            Thread.sleep(STALL.toMillis()); // the stall's length: pacing, not a wait
            network.forEach(TcpRelay::flowAgain);
            long flowingAt = System.nanoTime();
            duringTheStall.get();
            Waits.upTo(Duration.ofMinutes(3), POLL,
                    () -> stored(suite) == messages.size() && repliesByStranger(suite).size() == messages.size());
            Duration recovered = Duration.ofNanos(System.nanoTime() - flowingAt);
            Thread.sleep(5_000); // a duplicate would show by now
            Map<String, Long> rssAfter = rss(suite);

            long sent = messages.size();
            long stored = stored(suite);
            long logged = suite.queryLong("SELECT count(*) FROM message_events WHERE type = 'message.added'"
                    + " AND message_sid = ANY('" + sids() + "')");
            Map<String, Long> repliesByStranger = repliesByStranger(suite);
            long replies = repliesByStranger.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("[fault 8] messages sent %d (%d webhook posts, retries included), acknowledged %d,"
                            + " stored %d, logged %d, replies %d to %d strangers; duplicates %d, lost %d;"
                            + " all stored and answered %d s after the stall; RSS MB before -> after: %s%n",
                    sent, posts.get(), acknowledged.get(), stored, logged, replies, repliesByStranger.size(),
                    replies - repliesByStranger.size() + logged - stored,
                    sent - stored, recovered.toSeconds(), rssChange(rssBefore, rssAfter));
            assertEquals(sent, stored, "every message stored");
            assertEquals(sent, logged, "every message in the event log once");
            assertEquals(sent, replies, "one reply per message reached Twilio");
            rssAfter.forEach((service, after) -> assertTrue(after < rssBefore.get(service) + 150 * 1024,
                    service + " grew from " + rssBefore.get(service) + " kB to " + after + " kB"));
        } finally {
            background.shutdownNow();
        }
    }

    /** Strangers write in, four at a time; Twilio posts a webhook again a second after any answer but 200. */
    private Void writeIn(Suite suite, int count) throws Exception {
        ExecutorService twilio = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> sends = IntStream.range(0, count)
                    .mapToObj(i -> twilio.submit(() -> writeInOnce(suite))).toList();
            for (Future<Void> send : sends) {
                send.get();
            }
        } finally {
            twilio.shutdown();
        }
        return null;
    }

    private Void writeInOnce(Suite suite) throws Exception {
        String phone = Suite.newPhone();
        String sid = Suite.sid("SM");
        messages.put(phone, sid);
        for (int attempt = 1; attempt <= 60; attempt++) {
            posts.incrementAndGet();
            try {
                if (suite.postWebhook(Suite.inboundWhatsApp(sid, phone, "anyone there?"), true).statusCode() == 200) {
                    acknowledged.incrementAndGet();
                    return null;
                }
            } catch (IOException e) {
                // Twilio retries a webhook that timed out as one that failed.
            }
            Thread.sleep(1_000); // Twilio's retry pace
        }
        throw new AssertionError("webhook-ingest never acknowledged " + sid);
    }

    private static Void everyTwoSeconds(int times, List<TcpRelay> network, Consumer<TcpRelay> fault)
            throws InterruptedException {
        for (int i = 0; i < times; i++) {
            Thread.sleep(2_000); // the faults' cadence
            network.forEach(fault);
        }
        return null;
    }

    private String sids() {
        return messages.values().stream().collect(Collectors.joining(",", "{", "}"));
    }

    private long stored(Suite suite) throws Exception {
        return suite.queryLong("SELECT count(*) FROM messages WHERE message_sid = ANY('" + sids() + "')");
    }

    /** Replies Twilio was asked to send, counted by the stranger they answer. */
    private Map<String, Long> repliesByStranger(Suite suite) throws Exception {
        return suite.standInMessages().stream()
                .map(send -> send.path("form").path("To").path(0).asText().replace("whatsapp:", ""))
                .filter(messages::containsKey)
                .collect(Collectors.groupingBy(phone -> phone, Collectors.counting()));
    }

    /** VmRSS of each service, in kB, as /proc reports it. */
    private static Map<String, Long> rss(Suite suite) throws IOException {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (ServiceProcess service : suite.stack().services()) {
            long pid = service.pid().orElseThrow(() -> new AssertionError(service.name() + " is not running"));
            String line = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow();
            rss.put(service.name(), Long.parseLong(line.replaceAll("\\D", "")));
        }
        return rss;
    }

    private static String rssChange(Map<String, Long> before, Map<String, Long> after) {
        return before.keySet().stream()
                .map(service -> service + " " + before.get(service) / 1024 + " -> " + after.get(service) / 1024)
                .collect(Collectors.joining(", "));
    }
}
