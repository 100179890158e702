package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Programmable Messaging's Message resources, in the order they were made: those sent through
 * {@code POST .../Messages.json}, those Conversations sent to SMS and WhatsApp participants, and inbound ones.
 */
final class MessagingStore {

    static final String SCHEMA = "api.v2010.account.message";

    /**
     * What a new Message resource holds besides what is derived.
     *
     * @param direction {@code outbound-api} or {@code inbound}
     * @param status    e.g. {@code queued}, {@code sent}, {@code received}
     * @param from      null when a Messaging Service picks the sender
     */
    record NewMessage(String accountSid, String direction, String status, String from, String to, String body,
                      String messagingServiceSid, int numMedia) {
    }

    private final OpenApiDescription description;
    private final Map<String, ObjectNode> messages = new LinkedHashMap<>();
    /** The SIDs in the order their messages were made, and each SID's place in it: lists read from any message on. */
    private final List<String> order = new ArrayList<>();
    private final Map<String, Integer> places = new HashMap<>();
    /** The media SIDs of received messages that carried media put through the control API. */
    private final Map<String, List<String>> media = new LinkedHashMap<>();

    MessagingStore(OpenApiDescription description) {
        this.description = description;
    }

    /** Stores a new {@code SM…} Message resource with every field of Twilio's schema. */
    ObjectNode add(NewMessage message) {
        return add(message, List.of());
    }

    /**
     * Stores a new Message resource that carries {@code mediaSids} (served by {@link MediaApi}): {@code MM…}, as
     * Twilio names a message with media.
     */
    ObjectNode add(NewMessage message, List<String> mediaSids) {
        String sid = Sids.next(mediaSids.isEmpty() ? "SM" : "MM");
        String now = TwilioTime.rfc2822(Instant.now());
        String body = message.body() == null ? "" : message.body();
        String uri = "/2010-04-01/Accounts/" + message.accountSid() + "/Messages/" + sid;
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sid", sid);
        values.put("account_sid", message.accountSid());
        values.put("api_version", "2010-04-01");
        values.put("body", body);
        values.put("date_created", now);
        values.put("date_updated", now);
        values.put("date_sent", message.status().equals("queued") ? null : now);
        values.put("direction", message.direction());
        values.put("from", message.from());
        values.put("to", message.to());
        values.put("messaging_service_sid", message.messagingServiceSid());
        values.put("num_media", String.valueOf(mediaSids.isEmpty() ? message.numMedia() : mediaSids.size()));
        values.put("num_segments", String.valueOf(segments(body)));
        values.put("status", message.status());
        values.put("price_unit", "USD");
        values.put("uri", uri + ".json");
        values.put("subresource_uris", Map.of("media", uri + "/Media.json"));
        ObjectNode resource = description.resource(SCHEMA, values);
        synchronized (this) {
            messages.put(sid, resource);
            media.put(sid, List.copyOf(mediaSids));
            places.put(sid, order.size());
            order.add(sid);
        }
        return resource;
    }

    /**
     * Moves a message on to {@code status} ({@code sent} sets {@code date_sent}). The stored resource is replaced,
     * not changed, so what was answered before stays as it was answered.
     */
    synchronized ObjectNode advance(String sid, String status) {
        ObjectNode advanced = messages.get(sid).deepCopy();
        String now = TwilioTime.rfc2822(Instant.now());
        advanced.put("status", status);
        advanced.put("date_updated", now);
        if (advanced.path("date_sent").isNull()) {
            advanced.put("date_sent", now);
        }
        messages.put(sid, advanced);
        return advanced;
    }

    synchronized Optional<ObjectNode> get(String sid) {
        return Optional.ofNullable(messages.get(sid));
    }

    /** The media SIDs a received message carries; none for others. */
    synchronized List<String> mediaOf(String sid) {
        return media.getOrDefault(sid, List.of());
    }

    /** Oldest first. */
    synchronized List<ObjectNode> all() {
        return List.copyOf(messages.values());
    }

    synchronized boolean contains(String sid) {
        return places.containsKey(sid);
    }

    /**
     * Up to {@code limit} of the messages {@code listed} keeps, newest first: all of them, or only those made before
     * {@code olderThan}'s message (reading from its place, not from the newest).
     */
    synchronized List<ObjectNode> newestFirst(Predicate<? super ObjectNode> listed, Optional<String> olderThan,
                                              int limit) {
        List<ObjectNode> found = new ArrayList<>();
        int from = olderThan.map(places::get).orElse(order.size());
        for (int place = from - 1; place >= 0 && found.size() < limit; place--) {
            ObjectNode message = messages.get(order.get(place));
            if (listed.test(message)) {
                found.add(message);
            }
        }
        return found;
    }

    /** GSM-7 segments: 160 characters alone, 153 each when concatenated. */
    private static int segments(String body) {
        return body.length() <= 160 ? 1 : (body.length() + 152) / 153;
    }
}
