package dev.switchboard.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testing.SseClient;
import dev.switchboard.e2e.Suite;
import dev.switchboard.stack.ServiceProcess;
import dev.switchboard.testing.SseEvent;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault 7: realtime-gateway killed, then stopped gracefully, while 1,000 client apps stream. Each user is written
 * to before, while the gateway is down, and right after it is back; every client must resume with
 * {@code Last-Event-ID} and hold every one of its messages at least once, or have been told {@code reset}.
 */
@Tag("slow-fault")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRestartTest {

    /** How often a wait checks its condition. */
    private static final Duration POLL = Duration.ofMillis(200);

    private static final int CLIENTS = 1_000;
    private static final int WEBHOOKS_IN_FLIGHT = 16;
    private static final Duration RESTART = Duration.ofMinutes(2);
    private static final Duration DELIVERY = Duration.ofMinutes(3);

    /** A user, their app's stream, and the SIDs of this test's messages from them (each reaches their stream). */
    private record Subscriber(String phone, ResumingClient app, List<String> sent) {
    }

    private static Suite suite;
    private static final List<Subscriber> subscribers = new ArrayList<>();

    @BeforeAll
    static void startTheSuiteAndAThousandStreams() throws Exception {
        // No delivery callbacks: each message is then exactly one event on its user's stream.
        suite = Suite.start("gateway-restart", Map.of("TWILIO_STANDIN_STATUS_CALLBACKS", "false"));
        HttpClient streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> phones = new HashSet<>();
        while (phones.size() < CLIENTS) {
            phones.add(Suite.newPhone());
        }
        ExecutorService signUp = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Subscriber>> users = phones.stream()
                    .map(phone -> CompletableFuture.supplyAsync(() -> subscribe(streams, phone), signUp)).toList();
            users.forEach(user -> subscribers.add(user.join()));
        } finally {
            signUp.shutdown();
        }
        Waits.waitFor("every client streaming", Duration.ofMinutes(1), POLL)
                .until(GatewayRestartTest::allStreaming);
    }

    @AfterAll
    static void stopEverything() {
        subscribers.forEach(subscriber -> subscriber.app().close());
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void everyClientResumesAcrossAKill() throws Exception {
        everyClientResumesAcross("kill -9", ServiceProcess::kill);
    }

    @Test
    @Order(2)
    void everyClientResumesAcrossAGracefulStop() throws Exception {
        everyClientResumesAcross("graceful stop", ServiceProcess::stop);
    }

    private static void everyClientResumesAcross(String fault, Consumer<ServiceProcess> takeDown) throws Exception {
        subscribers.forEach(subscriber -> subscriber.sent().clear());
        int acknowledged = writeToEveryone();
        Duration live = awaitDelivery();
        ServiceProcess gateway = suite.stack().service("realtime-gateway");
        long downAt = System.nanoTime();
        takeDown.accept(gateway);
        acknowledged += writeToEveryone();
        suite.stack().restart("realtime-gateway", RESTART);
        long readyAt = System.nanoTime();
        Duration resumed = Waits.timed(Waits.waitFor("every client streaming again", RESTART, POLL),
                GatewayRestartTest::allStreaming);
        acknowledged += writeToEveryone();
        awaitDelivery();
        Duration delivered = Duration.ofNanos(System.nanoTime() - readyAt);
        Thread.sleep(2_000); // late duplicates would show by now

        Tally tally = tally();
        System.out.printf("[fault 7, %s] %d clients; messages sent %d, acknowledged %d, delivered %d (distinct),"
                        + " lost %d, duplicates %d, resets %d; streams opened %d; gateway down %d s; after it was ready,"
                        + " all streaming again in %d ms and all delivered, those sent then included, in %d ms"
                        + " (live delivery before: %d ms)%n",
                fault, CLIENTS, tally.sent, acknowledged, tally.delivered, tally.lost, tally.duplicates, tally.resets,
                subscribers.stream().mapToLong(subscriber -> subscriber.app().streamsOpened()).sum(),
                Duration.ofNanos(readyAt - downAt).toSeconds(), resumed.toMillis(), delivered.toMillis(), live.toMillis());
        assertEquals(tally.sent, acknowledged, "webhook-ingest acknowledged every message");
        assertEquals(0, tally.lost, "every client holds every message, or was told to reset");
    }

    private static Subscriber subscribe(HttpClient streams, String phone) {
        try {
            long userId = suite.newUser(phone);
            return new Subscriber(phone, ResumingClient.start(streams, suite.url("realtime-gateway"),
                    TestTokens.user(userId)), new CopyOnWriteArrayList<>());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean allStreaming() {
        return subscribers.stream().allMatch(subscriber -> subscriber.app().isStreaming());
    }

    /** One WhatsApp message from every user, as Twilio posts them; returns how many webhook-ingest acknowledged. */
    private static int writeToEveryone() throws Exception {
        Semaphore inFlight = new Semaphore(WEBHOOKS_IN_FLIGHT);
        AtomicInteger acknowledged = new AtomicInteger();
        List<CompletableFuture<?>> posts = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            String sid = Suite.sid("SM");
            subscriber.sent().add(sid);
            inFlight.acquire();
            posts.add(suite.http().sendAsync(suite.webhookRequest("/webhooks/twilio/messaging",
                            Suite.inboundWhatsApp(sid, subscriber.phone(), "round " + subscriber.sent().size()), true),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((answer, failure) -> {
                        inFlight.release();
                        if (answer != null && answer.statusCode() == 200) {
                            acknowledged.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        return acknowledged.get();
    }

    /** Waits until no client misses a message; returns how long that took (the whole timeout if it never happened). */
    private static Duration awaitDelivery() throws Exception {
        return Waits.upTo(DELIVERY, POLL,
                () -> tally().lost == 0);
    }

    private record Tally(long sent, long delivered, long lost, long duplicates, long resets) {
    }

    private static Tally tally() {
        long sent = 0;
        long delivered = 0;
        long lost = 0;
        long duplicates = 0;
        long resets = 0;
        for (Subscriber subscriber : subscribers) {
            List<String> received = subscriber.app().events().stream()
                    .filter(event -> "message.added".equals(event.type()))
                    .map(event -> event.message().path("message_sid").asText())
                    .filter(subscriber.sent()::contains).toList();
            Set<String> distinct = new HashSet<>(received);
            boolean reset = subscriber.app().events().stream().map(SseEvent::type).anyMatch("reset"::equals);
            long missing = subscriber.sent().stream().filter(sid -> !distinct.contains(sid)).count();
            sent += subscriber.sent().size();
            delivered += subscriber.sent().size() - missing;
            lost += reset ? 0 : missing;
            duplicates += received.size() - distinct.size();
            resets += reset ? 1 : 0;
        }
        return new Tally(sent, delivered, lost, duplicates, resets);
    }
}
