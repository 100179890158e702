package dev.switchboard.faults;

import dev.switchboard.e2e.Suite;
import dev.switchboard.testing.Waits;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Signed inbound SMS webhooks sent as Twilio sends them, {@code inFlight} at a time, each with its own MessageSid
 * and sender (so the burst spreads over every partition), and every answer recorded: what Twilio would take as
 * acknowledged (2xx) is what Switchboard promised to store.
 */
final class WebhookBurst {

    /** How often a wait checks its condition. */
    private static final Duration POLL = Duration.ofMillis(250);

    /** One webhook's fate; {@code status} is -1 when no answer came (timeout, connection refused). */
    record Answer(String messageSid, int status, Instant sent, Instant answered, String body) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        Duration took() {
            return Duration.between(sent, answered);
        }
    }

    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final ExecutorService senders;
    private final int count;

    private WebhookBurst(int count, int inFlight) {
        this.count = count;
        this.senders = Executors.newFixedThreadPool(inFlight);
    }

    static WebhookBurst start(Suite suite, int count, int inFlight) {
        WebhookBurst burst = new WebhookBurst(count, inFlight);
        AtomicInteger next = new AtomicInteger();
        for (int i = 0; i < inFlight; i++) {
            burst.senders.execute(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    burst.answers.add(send(suite, n));
                }
            });
        }
        burst.senders.shutdown();
        return burst;
    }

    private static Answer send(Suite suite, int n) {
        String messageSid = Suite.sid("SM");
        Map<String, String> webhook = Suite.inboundSms(messageSid, Suite.newPhone(), "burst message " + n);
        Instant sent = Instant.now();
        try {
            HttpResponse<String> response = suite.postWebhook(webhook, true);
            return new Answer(messageSid, response.statusCode(), sent, Instant.now(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(messageSid, -1, sent, Instant.now(), e.toString());
        } catch (Exception e) {
            return new Answer(messageSid, -1, sent, Instant.now(), e.toString());
        }
    }

    /** Blocks until {@code n} webhooks were answered, so that a fault strikes mid-burst. */
    void awaitAnswers(int n, Duration timeout) throws InterruptedException {
        Waits.waitFor("answers to " + n + " webhooks", timeout, POLL).ignoreExceptions()
                .until(() -> answers.size() >= n);
    }

    int answered() {
        return answers.size();
    }

    List<Answer> awaitEnd(Duration timeout) throws InterruptedException {
        if (!senders.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            senders.shutdownNow();
            throw new AssertionError("the burst of " + count + " webhooks did not end within " + timeout);
        }
        return List.copyOf(answers);
    }

    static Set<String> acknowledged(List<Answer> answers) {
        return sids(answers, Answer::acknowledged);
    }

    static Set<String> sids(List<Answer> answers, Predicate<Answer> which) {
        return answers.stream().filter(which).map(Answer::messageSid).collect(Collectors.toSet());
    }

    /** How many answers of each status, e.g. {@code {200=9800, 503=200}}. */
    static Map<Integer, Long> statuses(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(Answer::status, java.util.TreeMap::new,
                Collectors.counting()));
    }
}
