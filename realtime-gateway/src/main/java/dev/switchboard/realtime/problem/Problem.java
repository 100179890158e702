package dev.switchboard.realtime.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body.
 *
 * @param reason a stable machine-readable code (also the last segment of {@code type}), for clients and dashboards
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String reason) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String reason, String title, String detail) {
        return new Problem("urn:switchboard:problem:" + reason, title, status, detail, reason);
    }
}
