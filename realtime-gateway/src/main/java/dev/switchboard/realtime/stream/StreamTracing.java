package dev.switchboard.realtime.stream;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Traces a stream's opening: one server span from the request until the stream is live (its catch-up written) or
 * refused. The framework's span for a request lasts as long as its response, here the stream's whole life: hours,
 * exported only at its end, and held with its attributes and context by every open stream (about 0.5 KB each,
 * docs/benchmarks.md P4). So the route is left out of it ({@code quarkus.otel.traces.suppress-application-uris}) and
 * traced here instead. The span continues the client's trace ({@code traceparent}) as the framework's would. It is
 * never made current: Mutiny's context propagation would capture it in what the stream keeps, and hold it as long.
 * <p>
 * The framework still puts its unrecorded span for the request in the request's Vert.x context, which the stream
 * keeps and runs on for its whole life: the OpenTelemetry context with that span, and the logging MDC with its trace
 * and span ids (about 0.6 KB per stream, docs/benchmarks.md P4). Once the stream is live they are dropped, so what the
 * stream logs afterwards (a failure, a slow client cut off) carries no trace id; its opening span carries the trace.
 */
@ApplicationScoped
public class StreamTracing {

    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest request) {
            return request.headers().names();
        }

        @Override
        public String get(HttpServerRequest request, String name) {
            return request == null ? null : request.getHeader(name);
        }
    };

    /**
     * Where Quarkus 3.34 keeps a request's OpenTelemetry context ({@code QuarkusContextStorage}) and logging MDC
     * ({@code VertxMDC}) in its Vert.x context; {@code StreamTracingTest} fails if they move.
     */
    private static final List<String> REQUEST_TRACE_KEYS = List.of(
            "io.quarkus.opentelemetry.runtime.QuarkusContextStorage.otelContext",
            "io.quarkus.vertx.core.runtime.VertxMDC");

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    StreamTracing(Tracer tracer, OpenTelemetry openTelemetry) {
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** @param context the request's Vert.x context, which the stream keeps */
    Opening start(HttpServerRequest request, io.vertx.core.Context context) {
        Context parent = propagator.extract(Context.root(), request, HEADERS);
        Span span = tracer.spanBuilder("GET " + StreamRoute.PATH)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, "GET")
                .setAttribute(HttpAttributes.HTTP_ROUTE, StreamRoute.PATH)
                .startSpan();
        // Set once started: the sampler reads a new span's url.path, and would drop this one as it drops the route's.
        span.setAttribute(UrlAttributes.URL_PATH, request.path());
        span.setAttribute(UrlAttributes.URL_SCHEME, request.scheme());
        return new Opening(span, context);
    }

    /** One stream's opening, ended once: live, refused with a status, or failed after the head was sent. */
    static final class Opening {

        private final Span span;
        private final io.vertx.core.Context context;

        private Opening(Span span, io.vertx.core.Context context) {
            this.span = span;
            this.context = context;
        }

        void live() {
            REQUEST_TRACE_KEYS.forEach(context::removeLocal);
            span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L);
            span.end();
        }

        /**
         * Refused with a problem (401, 403, 429, 503: its status), or failed: before the head was sent the client got
         * a 503 problem, after it the stream was cut and the client resumes with its cursor.
         */
        void failed(Throwable failure, boolean headSent) {
            int status = headSent ? 200 : ProblemWriter.status(failure);
            span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
            if (status >= 500 || headSent) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
