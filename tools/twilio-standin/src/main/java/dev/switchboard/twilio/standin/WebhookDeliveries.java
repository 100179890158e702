package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the stand-in's Conversations and Messaging webhooks, signed as Twilio signs them, and logs each attempt for
 * {@code GET /_standin/webhooks}. Queued webhooks leave one at a time per order key (a conversation), each only
 * after its gate (the answer to the request that caused it). Only local URLs, and the hosts of the webhook URLs the
 * environment names, are called: the stand-in never reaches out to the internet. While {@link WebhookDrops} says
 * so, a webhook is dropped instead of sent.
 */
final class WebhookDeliveries implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class.getName());
    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");
    /** Twilio gives a Conversations webhook 5 seconds. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int THREADS = 2;

    /**
     * One webhook to send.
     *
     * @param kind   {@code conversations} or {@code messaging}
     * @param method {@code POST} (form body) or {@code GET} (query string)
     */
    record Delivery(String kind, String url, String method, Map<String, String> params) {
    }

    /** One attempt, as {@code GET /_standin/webhooks} shows it. */
    @JsonPropertyOrder({"kind", "method", "url", "params", "status", "error"})
    record Attempt(@JsonProperty("kind") String kind, @JsonProperty("method") String method,
                   @JsonProperty("url") String url, @JsonProperty("params") Map<String, String> params,
                   @JsonProperty("status") Integer status, @JsonProperty("error") String error) {
    }

    private final WebhookPoster poster;
    private final WebhookDrops drops;
    private final Set<String> allowedHosts;
    private final ExecutorService senders = Executors.newFixedThreadPool(THREADS, daemonThreads());
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    private final List<Attempt> attempts = new ArrayList<>();

    WebhookDeliveries(StandInSettings settings, WebhookDrops drops) {
        this.poster = new WebhookPoster(settings.authToken(), TIMEOUT);
        this.drops = drops;
        this.allowedHosts = new HashSet<>(LOCAL_HOSTS);
        settings.conversationsWebhookUrl().flatMap(WebhookDeliveries::host).ifPresent(allowedHosts::add);
        settings.messagingWebhookUrl().flatMap(WebhookDeliveries::host).ifPresent(allowedHosts::add);
    }

    /**
     * Sends {@code delivery} after every earlier one queued under {@code orderKey}, and not before {@code gate};
     * unless its kind is being dropped, decided now, with the change it announces.
     */
    synchronized void enqueue(String orderKey, CompletableFuture<Void> gate, Delivery delivery) {
        if (drop(delivery)) {
            return;
        }
        CompletableFuture<Void> previous = tails.getOrDefault(orderKey, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = previous
                .thenCombine(gate, (earlier, answered) -> (Void) null)
                .thenRunAsync(() -> send(delivery), senders)
                .exceptionally(failure -> null);
        tails.put(orderKey, next);
        next.whenComplete((done, failure) -> forget(orderKey, next));
    }

    /** Whether {@code delivery} is to be dropped, not sent: if so, it is kept as dropped. */
    boolean drop(Delivery delivery) {
        return drops.drop(delivery.kind(), delivery.method(), delivery.url(), delivery.params());
    }

    /** Sends now and waits: the status the receiver answered, empty when it could not be reached or was not called. */
    Optional<Integer> sendNow(Delivery delivery) {
        return Optional.ofNullable(send(delivery).status());
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized void clear() {
        attempts.clear();
    }

    private synchronized void forget(String orderKey, CompletableFuture<Void> done) {
        tails.remove(orderKey, done);
    }

    private Attempt send(Delivery delivery) {
        Attempt attempt;
        if (host(delivery.url()).filter(allowedHosts::contains).isEmpty()) {
            LOG.warning(() -> "not calling " + delivery.url() + ": the stand-in only calls local hosts and the hosts of"
                    + " TWILIO_STANDIN_*_WEBHOOK_URL");
            attempt = attempt(delivery, null, "not called: not a local host");
        } else {
            try {
                WebhookPoster.Answer response = ("GET".equals(delivery.method())
                        ? poster.get(delivery.url(), delivery.params())
                        : poster.post(delivery.url(), delivery.params())).join();
                attempt = attempt(delivery, response.statusCode(), null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, delivery.kind() + " webhook to " + delivery.url() + " failed", e);
                attempt = attempt(delivery, null, String.valueOf(e.getCause() == null ? e : e.getCause()));
            }
        }
        synchronized (this) {
            attempts.add(attempt);
        }
        return attempt;
    }

    private static Attempt attempt(Delivery delivery, Integer status, String error) {
        return new Attempt(delivery.kind(), delivery.method(), delivery.url(), new LinkedHashMap<>(delivery.params()),
                status, error);
    }

    private static Optional<String> host(String url) {
        try {
            return Optional.ofNullable(URI.create(url).getHost());
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        poster.close();
        try {
            senders.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "twilio-standin-webhooks-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
