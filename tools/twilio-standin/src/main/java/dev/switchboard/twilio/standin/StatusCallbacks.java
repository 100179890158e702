package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Walks a message sent through the API from {@code queued} to {@code sent}, then {@code delivered}, in the store, as
 * Twilio does, and posts each status to the message's StatusCallback, signed as Twilio signs it. Only local URLs are
 * called: the stand-in must never reach out to the internet. While {@link WebhookDrops} drops status callbacks, the
 * message still advances; only the callback is lost.
 * <p>
 * Each message walks on its own, as at Twilio: its {@code sent} {@value #STEP_MILLIS} ms after the send, its
 * {@code delivered} {@value #STEP_MILLIS} ms after the {@code sent} callback was answered, so one message's callbacks
 * arrive in order and a burst of sends gets its callbacks at the rate of the sends. (One thread posting them all in
 * turn, 50 ms apart, called back about ten messages a second and queued the rest without bound.)
 */
final class StatusCallbacks implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StatusCallbacks.class.getName());
    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final List<String> STATUSES = List.of("sent", "delivered");
    private static final long STEP_MILLIS = 50;

    private final StandInSettings settings;
    private final MessagingStore messages;
    private final WebhookDrops drops;
    /** Only times the steps: each callback is posted asynchronously, so a slow receiver holds up no other message. */
    private final ScheduledExecutorService steps = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "twilio-standin-status-callbacks");
        thread.setDaemon(true);
        return thread;
    });

    private final WebhookPoster poster;

    StatusCallbacks(StandInSettings settings, MessagingStore messages, WebhookDrops drops) {
        this.settings = settings;
        this.messages = messages;
        this.drops = drops;
        this.poster = new WebhookPoster(settings.authToken());
    }

    /**
     * Advances {@code message} in the background, posting each status to {@code callbackUrl} if there is one.
     * Whether a callback is dropped is decided now, with the send that causes it.
     */
    void schedule(JsonNode message, Optional<String> callbackUrl) {
        Optional<String> target = callbackUrl.filter(url -> settings.statusCallbacks() && local(url).isPresent());
        if (callbackUrl.isPresent() && target.isEmpty()) {
            LOG.fine(() -> "status callbacks off or not local, not calling " + callbackUrl.get());
        }
        Map<String, Boolean> dropped = new LinkedHashMap<>();
        target.ifPresent(url -> STATUSES.forEach(status ->
                dropped.put(status, drops.drop(WebhookDrops.STATUS, "POST", url, params(message, status)))));
        String sid = message.path("sid").asText();
        if (target.isEmpty()) {
            // Without a callback to pace, the message advances at once: a burst of sends does not queue up here.
            steps.execute(() -> STATUSES.forEach(status -> messages.advance(sid, status)));
        } else {
            step(sid, 0, target.get(), dropped);
        }
    }

    /** Advances the message to {@code STATUSES[index]} after a pause and posts it; the next step follows its answer. */
    private void step(String sid, int index, String url, Map<String, Boolean> dropped) {
        if (index == STATUSES.size()) {
            return;
        }
        String status = STATUSES.get(index);
        try {
            steps.schedule(() -> {
                JsonNode advanced = messages.advance(sid, status);
                CompletableFuture<Void> posted = dropped.get(status) ? CompletableFuture.completedFuture(null)
                        : post(url, params(advanced, status));
                posted.whenComplete((done, failure) -> step(sid, index + 1, url, dropped));
            }, STEP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.fine(() -> "stand-in closed before " + sid + " became " + status);
        }
    }

    private static Optional<URI> local(String url) {
        try {
            URI uri = URI.create(url);
            return LOCAL_HOSTS.contains(String.valueOf(uri.getHost())) ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
    }

    private static Map<String, String> params(JsonNode message, String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", message.path("sid").asText());
        params.put("SmsSid", message.path("sid").asText());
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        params.put("AccountSid", message.path("account_sid").asText());
        params.put("From", message.path("from").asText(""));
        params.put("To", message.path("to").asText());
        params.put("ApiVersion", "2010-04-01");
        if (!message.path("messaging_service_sid").isNull()) {
            params.put("MessagingServiceSid", message.path("messaging_service_sid").asText());
        }
        return params;
    }

    /** Completes when the receiver answered or the post failed (Twilio logs both and does not retry). */
    private CompletableFuture<Void> post(String url, Map<String, String> params) {
        return poster.post(url, params).handle((response, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "status callback to " + url + " failed", failure);
            } else {
                // Twilio reports a failed callback in its debugger (error 11200) and does not retry it: say so here.
                LOG.log(response.statusCode() < 300 ? Level.FINE : Level.WARNING, () -> "status callback "
                        + params.get("MessageStatus") + " for " + params.get("MessageSid") + " to " + url + ": "
                        + response.statusCode());
            }
            return null;
        });
    }

    @Override
    public void close() {
        steps.shutdownNow();
        poster.close();
    }
}
