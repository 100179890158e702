package dev.switchboard.conversations.media;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.testing.HealthWatch;
import dev.switchboard.testing.Waits;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A backlog far larger than the media channel's concurrency, against a Twilio that takes its time with every
 * download. The channel runs its production concurrency and watchdog settings (no %test line changes either), and the
 * retry job its production schedule, so that it cannot do the channel's work: the media of every message must be kept
 * once, by the channel, well within the time one download after another would take, while the service keeps
 * answering its probes.
 * <p>
 * Downloads allowed: exactly one per item. Within one replica, the same message's media is never fetched by two
 * archive runs at once, and a run that finds an item stored does not fetch it again; only a failed download is tried
 * again (none fails here).
 */
@QuarkusTest
@TestProfile(MediaBacklogTest.ProductionRetrySchedule.class)
class MediaBacklogTest {

    private static final int MESSAGES = 2_000;
    private static final long TWILIO_ANSWERS_AFTER_MS = 200;
    /** A quarter of one download after another (400 s); 16 at a time need 25 s. */
    private static final Duration WITHIN = Duration.ofSeconds(100);
    private static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    /** The retry job as in production (MediaConfig's defaults), not the %test profile's 1 s / 5 s. */
    public static class ProductionRetrySchedule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.media.retry-every", "30s", "switchboard.media.pending-grace", "2m");
        }
    }

    @TestHTTPResource("/")
    URI service;

    @Inject
    Database database;

    @Test
    void aBacklogOfMessagesWithMediaIsKeptOnceEachWhileTheServiceStaysReadyAndLive() throws Exception {
        long seeding = System.nanoTime();
        MediaBacklog backlog = new MediaBacklog(MESSAGES);
        backlog.twilioAnswersEachAfter(TWILIO_ANSWERS_AFTER_MS);
        System.out.printf("MediaBacklogTest: %,d items put in the stand-in in %.1f s%n", MESSAGES,
                (System.nanoTime() - seeding) / 1e9);
        Waits.waitFor("ready at start")
                .until(() -> given().get("/q/health/ready").statusCode(), status -> status == 200);

        Duration took;
        try (HealthWatch health = HealthWatch.start(service)) {
            long start = System.nanoTime();
            backlog.produce();
            took = awaitAllStored(backlog, health, start);
            assertEquals(List.of(), health.failures(), "probes not answered 200 while the backlog drained");
            assertTrue(health.healthyAnswers() > 0, "the probes were never answered");
        }
        Duration sequential = MediaBacklog.sequentialBaseline(MESSAGES, TWILIO_ANSWERS_AFTER_MS);
        System.out.printf("MediaBacklogTest: the media of %,d messages kept in %.1f s; one download after another: "
                + "%,d x %d ms = %.1f s%n", MESSAGES, took.toMillis() / 1000.0, MESSAGES, TWILIO_ANSWERS_AFTER_MS,
                sequential.toMillis() / 1000.0);

        assertEquals(Map.of(), backlog.wronglyKept(database), "messages whose media was not kept once and right");
        Map<String, Long> downloads = backlog.downloadsPerItem();
        assertEquals(MESSAGES, downloads.size(), "items requested from Twilio");
        assertEquals(Map.of(), downloads.entrySet().stream().filter(item -> item.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "items downloaded more than once");
    }

    /**
     * Waits until every message's media_status is stored; fails as soon as a probe failed, once nothing was stored for
     * {@link #STUCK_AFTER}, or after {@link #WITHIN}.
     */
    private Duration awaitAllStored(MediaBacklog backlog, HealthWatch health, long start) {
        long[] stored = {0};
        long[] lastProgress = {System.nanoTime()};
        Duration left = WITHIN.minus(Duration.ofNanos(System.nanoTime() - start));
        Waits.waitFor("every message's media stored", left, Duration.ofSeconds(1))
                .until(() -> {
                    Map<String, Long> statuses = backlog.mediaStatuses(database);
                    String seen = statuses + " after " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s";
                    if (!health.failures().isEmpty()) {
                        throw new AssertionError("probes not answered 200 with media_status " + seen + ": "
                                + health.failures());
                    }
                    long now = statuses.getOrDefault("stored", 0L);
                    if (now > stored[0]) {
                        stored[0] = now;
                        lastProgress[0] = System.nanoTime();
                    } else if (now < backlog.size()
                            && Duration.ofNanos(System.nanoTime() - lastProgress[0]).compareTo(STUCK_AFTER) > 0) {
                        throw new AssertionError("stuck: nothing stored for " + STUCK_AFTER + "; media_status " + seen);
                    }
                    return statuses;
                }, statuses -> statuses.getOrDefault("stored", 0L) == backlog.size());
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
