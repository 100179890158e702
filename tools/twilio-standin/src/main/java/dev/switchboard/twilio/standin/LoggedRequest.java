package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One entry of the request log, as {@code GET /_standin/requests} shows it. */
@JsonPropertyOrder({"method", "path", "query", "form", "headers", "body", "violations", "status", "receivedAt"})
final class LoggedRequest {

    private final StandInRequest request;
    private final List<String> violations;
    private final Instant receivedAt = Instant.now();
    private volatile Integer status;

    LoggedRequest(StandInRequest request, List<String> violations) {
        this.request = request;
        this.violations = List.copyOf(violations);
    }

    void answered(int answeredStatus) {
        this.status = answeredStatus;
    }

    @JsonProperty
    String method() {
        return request.method();
    }

    @JsonProperty
    String path() {
        return request.path();
    }

    @JsonProperty
    String query() {
        return request.query();
    }

    @JsonProperty
    Map<String, List<String>> form() {
        return request.form();
    }

    @JsonProperty
    Map<String, List<String>> headers() {
        return request.headers();
    }

    @JsonProperty
    String body() {
        return request.bodyText();
    }

    @JsonProperty
    List<String> violations() {
        return violations;
    }

    /** When the request arrived: what pacing tests and benchmark P7 count requests per second by. */
    @JsonProperty
    String receivedAt() {
        return receivedAt.toString();
    }

    /** The status the stand-in answered with; null while the answer is pending. */
    @JsonProperty
    Integer status() {
        return status;
    }
}
