package dev.switchboard.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * An RFC 9457 problem body.
 *
 * @param reason     a stable machine-readable code (also the last segment of {@code type}), for clients and dashboards
 * @param extensions further members, e.g. {@code twilio_code}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String reason,
        @com.fasterxml.jackson.annotation.JsonAnyGetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String reason, String title, String detail) {
        return new Problem("urn:switchboard:problem:" + reason, title, status, detail, reason, Map.of());
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, reason, Map.copyOf(more));
    }
}
