package dev.switchboard.realtime.support;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The spans the service records, as the tracing SDK hands each one to every span processor when it starts (Quarkus adds
 * each {@code SpanProcessor} bean to it): a test reads the spans of a trace it started, and sees which are still open.
 */
@Singleton
@Unremovable
public class RecordedSpans implements SpanProcessor {

    private static final int KEPT = 10_000;

    /** The latest spans: a burst test starts one per Kafka record, and only the last are ever looked for. */
    private final BlockingQueue<ReadableSpan> started = new ArrayBlockingQueue<>(KEPT);

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        while (!started.offer(span)) {
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
        return started.stream().filter(span -> span.getSpanContext().getTraceId().equals(traceId)).toList();
    }
}
