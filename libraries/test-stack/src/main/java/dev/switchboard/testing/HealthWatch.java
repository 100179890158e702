package dev.switchboard.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks {@code /q/health/ready} and {@code /q/health/live} twice a second, in the background, and keeps every answer
 * that was not a 200 within {@link #ANSWER_WITHIN}: what an orchestrator's probes would have seen meanwhile.
 */
public final class HealthWatch implements AutoCloseable {

    /** Longer than any probe timeout an orchestrator would be given; a hung service does not answer at all. */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).build();
    private final List<URI> probes;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-watch");
        thread.setDaemon(true);
        return thread;
    });

    private HealthWatch(URI service) {
        this.probes = List.of(service.resolve("/q/health/ready"), service.resolve("/q/health/live"));
    }

    /** @param service the service's base URL */
    public static HealthWatch start(URI service) {
        HealthWatch watch = new HealthWatch(service);
        watch.timer.scheduleWithFixedDelay(watch::probeAll, 0, 500, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Probe answers that were not 200 in time, oldest first. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Probes answered 200 in time. */
    public int healthyAnswers() {
        return answered.get();
    }

    private void probeAll() {
        probes.forEach(this::probe);
    }

    private void probe(URI probe) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(probe).timeout(ANSWER_WITHIN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                answered.incrementAndGet();
            } else {
                failures.add(Instant.now() + " " + probe.getPath() + " answered " + answer.statusCode() + ": "
                        + answer.body());
            }
        } catch (IOException e) {
            failures.add(Instant.now() + " " + probe.getPath() + " gave no answer within " + ANSWER_WITHIN + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
