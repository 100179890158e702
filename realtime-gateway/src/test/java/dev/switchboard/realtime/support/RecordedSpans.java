package dev.switchboard.realtime.support;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The spans the service records, started or ended, as the tracing SDK hands them to every span processor (Quarkus adds
 * each {@code SpanProcessor} bean to it): a test reads the spans of a trace it started, and sees which are still open.
 */
@Singleton
@Unremovable
public class RecordedSpans implements SpanProcessor {

    private static final int KEPT = 10_000;

    private final Queue<ReadableSpan> started = new ConcurrentLinkedQueue<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        started.add(span);
        while (started.size() > KEPT) {
            started.poll();
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    /** The spans started in this trace, ended or not. */
    public List<ReadableSpan> ofTrace(String traceId) {
        return started.stream().filter(span -> {
            SpanContext context = span.getSpanContext();
            return context.getTraceId().equals(traceId);
        }).toList();
    }
}
