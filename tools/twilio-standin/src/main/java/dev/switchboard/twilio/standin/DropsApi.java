package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /_standin/drops} and {@code /_standin/dropped}: turns dropping webhooks ({@link WebhookDrops}) on and off,
 * per kind, and lists what was dropped.
 */
final class DropsApi {

    static final String DROPS = ControlApi.PREFIX + "/drops";
    static final String DROPPED = ControlApi.PREFIX + "/dropped";

    private final WebhookDrops drops;

    DropsApi(WebhookDrops drops) {
        this.drops = drops;
    }

    void register(Routes control) {
        control.add("POST", DROPS, this::start)
                .add("GET", DROPS, (request, path) -> StandInResponse.json(200, state()))
                .add("DELETE", DROPS, this::stop)
                .add("GET", DROPPED, this::dropped);
    }

    /** {@code {"kinds": ["messaging", "conversations", "status"], "times": 3}}; no kinds: all; no times: until off. */
    private StandInResponse start(StandInRequest request, Map<String, String> path) {
        JsonNode json;
        try {
            json = request.body().length == 0 ? Json.object() : Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            return invalid(e.getMessage());
        }
        if (json == null || !json.isObject()) {
            return invalid("a JSON object is required");
        }
        JsonNode times = json.path("times");
        if (!times.isMissingNode() && !times.isNull() && (!times.isInt() || times.asInt() < 1)) {
            return invalid("times must be a whole number of at least 1, or left out to drop until turned off");
        }
        Set<String> kinds = new LinkedHashSet<>();
        JsonNode named = json.path("kinds");
        if (named.isMissingNode() || named.isNull()) {
            kinds.addAll(new TreeSet<>(WebhookDrops.KINDS));
        } else if (named.isArray() && !named.isEmpty()) {
            for (JsonNode kind : named) {
                if (!WebhookDrops.KINDS.contains(kind.asText())) {
                    return invalid("unknown kind '" + kind.asText() + "'; kinds are " + new TreeSet<>(WebhookDrops.KINDS));
                }
                kinds.add(kind.asText());
            }
        } else {
            return invalid("kinds must be a non-empty array of " + new TreeSet<>(WebhookDrops.KINDS));
        }
        drops.start(kinds, times.isInt() ? OptionalInt.of(times.asInt()) : OptionalInt.empty());
        return StandInResponse.json(201, state());
    }

    /** {@code ?kind=status} stops one kind; without it, every kind. What was dropped stays listed. */
    private StandInResponse stop(StandInRequest request, Map<String, String> path) {
        Set<String> kinds = request.queryParam("kind").map(Set::of).orElse(WebhookDrops.KINDS);
        if (!WebhookDrops.KINDS.containsAll(kinds)) {
            return invalid("unknown kind " + kinds + "; kinds are " + new TreeSet<>(WebhookDrops.KINDS));
        }
        drops.stop(kinds);
        return StandInResponse.noContent();
    }

    private StandInResponse dropped(StandInRequest request, Map<String, String> path) {
        return StandInResponse.json(200, drops.dropped().stream()
                .filter(dropped -> request.queryParam("kind").map(dropped.kind()::equals).orElse(true))
                .toList());
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("dropping", drops.dropping());
        state.put("dropped", drops.dropped().size());
        return state;
    }

    private static StandInResponse invalid(String detail) {
        return StandInResponse.problem(400, "Invalid drop request", detail);
    }
}
