package dev.switchboard.realtime.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.realtime.routing.SubscriberIndex;
import dev.switchboard.realtime.support.RecordedSpans;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.SseClient;
import dev.switchboard.testing.Waits;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.semconv.HttpAttributes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

/**
 * A stream's trace: one server span for its opening, continuing the client's trace and ended once the stream is live
 * or refused, while the stream itself stays open (docs/benchmarks.md, P4: a span as long as the stream is held by every
 * open stream).
 */
@QuarkusTest
class StreamTracingTest {

    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    @Inject
    RecordedSpans spans;

    @Inject
    SubscriberIndex index;

    @Test
    void openStreamHasOneEndedSpanInTheClientsTrace() {
        TestUser user = new TestDatabase().user();
        String trace = newTraceId();
        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer(),
                "traceparent", "00-" + trace + "-" + CLIENT_SPAN + "-01").awaitOpen()) {
            ReadableSpan opening = Waits.waitFor("the stream's opening span to end")
                    .until(() -> spans.ofTrace(trace).stream().filter(span -> span.getKind() == SpanKind.SERVER)
                            .toList(), server -> server.size() == 1 && server.get(0).hasEnded())
                    .get(0);

            assertEquals("GET /v1/stream", opening.getName());
            assertEquals(CLIENT_SPAN, opening.getParentSpanContext().getSpanId());
            assertEquals(200L, opening.getAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
            assertEquals(StatusCode.UNSET, opening.toSpanData().getStatus().getStatusCode());
            List<String> open = spans.ofTrace(trace).stream().filter(span -> !span.hasEnded())
                    .map(span -> span.getKind() + " " + span.getName()).toList();
            assertTrue(open.isEmpty(), "spans of the stream still open while it is live: " + open);
            assertTrue(!stream.ended().isDone(), "the stream ended");
        }
    }

    @Test
    void liveStreamRunsWithoutTheRequestsTraceContextOrLoggingIds() throws Exception {
        TestUser user = new TestDatabase().user();
        String trace = newTraceId();
        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer(),
                "traceparent", "00-" + trace + "-" + CLIENT_SPAN + "-01").awaitOpen()) {
            Waits.waitFor("the stream's opening span to end")
                    .until(() -> spans.ofTrace(trace), all -> all.stream().anyMatch(
                            span -> span.getKind() == SpanKind.SERVER && span.hasEnded()));
            StreamConnection connection = (StreamConnection) index.all().stream()
                    .filter(reader -> reader.subscription().membership().userId() == user.id())
                    .findFirst().orElseThrow();

            CompletableFuture<String> seen = new CompletableFuture<>();
            connection.execute(() -> seen.complete("trace " + Span.current().getSpanContext().getTraceId()
                    + ", MDC traceId " + MDC.get("traceId") + ", spanId " + MDC.get("spanId")));

            assertEquals("trace " + TraceId.getInvalid() + ", MDC traceId null, spanId null",
                    seen.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void refusedStreamEndsItsSpanWithTheProblemsStatus() {
        String trace = newTraceId();
        given().header("traceparent", "00-" + trace + "-" + CLIENT_SPAN + "-01")
                .when().get("/v1/stream")
                .then().statusCode(401)
                .body("reason", is("no-credentials"));

        ReadableSpan opening = Waits.waitFor("the refused stream's span to end")
                .until(() -> spans.ofTrace(trace), all -> all.size() == 1 && all.get(0).hasEnded())
                .get(0);
        assertEquals(SpanKind.SERVER, opening.getKind());
        assertEquals(401L, opening.getAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
