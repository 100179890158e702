package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Webhooks Twilio never delivered, on demand: while a kind is being dropped, each webhook of that kind the stand-in
 * would send is kept here instead of being sent. The resource it would have announced stays in the stores as if the
 * webhook had left, so a test can show that reading Twilio's lists heals the gap.
 */
final class WebhookDrops {

    /** Inbound Messaging webhooks ({@link InboundSms}). */
    static final String MESSAGING = "messaging";
    /** Conversations post-event webhooks ({@link ConversationWebhooks}). */
    static final String CONVERSATIONS = "conversations";
    /** Message status callbacks ({@link StatusCallbacks}). */
    static final String STATUS = "status";
    static final Set<String> KINDS = Set.of(MESSAGING, CONVERSATIONS, STATUS);

    /** A webhook that was not sent, as {@code GET /_standin/dropped} shows it. */
    @JsonPropertyOrder({"kind", "method", "url", "params"})
    record Dropped(@JsonProperty("kind") String kind, @JsonProperty("method") String method,
                   @JsonProperty("url") String url, @JsonProperty("params") Map<String, String> params) {
    }

    /** Kind to how many more to drop; {@link Integer#MAX_VALUE} until turned off. */
    private final Map<String, Integer> remaining = new LinkedHashMap<>();
    private final List<Dropped> dropped = new ArrayList<>();

    /** Drops the next {@code times} webhooks of each of {@code kinds}; {@code times} empty: until turned off. */
    synchronized void start(Set<String> kinds, java.util.OptionalInt times) {
        kinds.forEach(kind -> remaining.put(kind, times.orElse(Integer.MAX_VALUE)));
    }

    synchronized void stop(Set<String> kinds) {
        kinds.forEach(remaining::remove);
    }

    /**
     * Whether this webhook is to be dropped; if so it is counted and kept. Called where the webhook is made, so that
     * it is dropped or not by the setting in force when the change it announces was made.
     */
    synchronized boolean drop(String kind, String method, String url, Map<String, String> params) {
        Integer left = remaining.get(kind);
        if (left == null) {
            return false;
        }
        if (left != Integer.MAX_VALUE) {
            if (left <= 1) {
                remaining.remove(kind);
            } else {
                remaining.put(kind, left - 1);
            }
        }
        dropped.add(new Dropped(kind, method, url, new LinkedHashMap<>(params)));
        return true;
    }

    /** Kind to how many more are dropped; null for until turned off. */
    synchronized Map<String, Integer> dropping() {
        Map<String, Integer> dropping = new LinkedHashMap<>();
        remaining.forEach((kind, left) -> dropping.put(kind, left == Integer.MAX_VALUE ? null : left));
        return dropping;
    }

    synchronized List<Dropped> dropped() {
        return List.copyOf(dropped);
    }

    /** Forgets what was dropped and stops dropping. */
    synchronized void clear() {
        remaining.clear();
        dropped.clear();
    }
}
