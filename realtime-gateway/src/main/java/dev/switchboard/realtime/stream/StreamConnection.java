package dev.switchboard.realtime.stream;

import dev.switchboard.realtime.auth.StreamSession;
import dev.switchboard.realtime.routing.StreamEvent;
import dev.switchboard.realtime.routing.Subscriber;
import dev.switchboard.realtime.routing.SubscriberIndex;
import dev.switchboard.realtime.routing.Subscription;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One open SSE stream. Everything that touches it runs on its event loop, so its state needs no locks; the Kafka
 * thread hands events over with {@link #deliver}, through the loop's {@link DeliveryLane}. Memory per stream is
 * bounded: at most {@code max-queued-events} events wait in {@code pending}, and they are written to Vert.x's write
 * queue only while it is under its high-water mark (all that wait, in one write); past that the client is cut off and
 * resumes with {@code Last-Event-ID}. It keeps the socket's response and connection, not the request it came in
 * with: the request the route sees is Vert.x Web's wrapper, which holds the routing context and all the framework put
 * in it while authenticating, for as long as the stream would (docs/benchmarks.md, P4).
 */
public final class StreamConnection implements Subscriber {

    private static final Logger LOG = Logger.getLogger(StreamConnection.class);

    private final HttpServerResponse response;
    private final HttpConnection socket;
    /** The client's resume cursor, if it sent one. */
    private final String lastEventId;
    private final Context context;
    private final DeliveryLane lane;
    private final StreamSession principal;
    private final Subscription subscription;
    private final StreamConfig config;
    private final StreamMetrics metrics;
    private final SubscriberIndex index;
    private final ProblemWriter problems;
    private final Runnable onRelease;
    private final Deque<StreamEvent> pending = new ArrayDeque<>();
    /** Events sent by the catch-up, so that the same event arriving live is not sent twice. */
    private final Map<String, Instant> caughtUp = new HashMap<>();
    /** How many events the catch-up sent, told to a resuming client once it ends. */
    private int replayed;
    private boolean reset;
    /** The catch-up's next step while it waits for the socket to drain. */
    private Runnable writableWaiter;
    private boolean started;
    private boolean live;
    private boolean closed;
    private long timer = -1;

    StreamConnection(HttpServerRequest request, Context context, DeliveryLane lane, StreamSession principal,
            Subscription subscription, StreamConfig config, StreamMetrics metrics, SubscriberIndex index,
            ProblemWriter problems, Runnable onRelease) {
        this.response = request.response();
        this.socket = request.connection();
        this.lastEventId = Optional.ofNullable(request.getHeader("Last-Event-ID"))
                .or(() -> Optional.ofNullable(request.getParam("lastEventId")))
                .filter(id -> !id.isBlank())
                .orElse(null);
        // Vert.x keeps the request, and its headers, as long as the stream: hours, for every open stream. Nothing reads
        // them after this point, so they are dropped (the bearer token among them, docs/benchmarks.md P4).
        request.headers().clear();
        this.context = context;
        this.lane = lane;
        this.principal = principal;
        this.subscription = subscription;
        this.config = config;
        this.metrics = metrics;
        this.index = index;
        this.problems = problems;
        this.onRelease = onRelease;
        response.closeHandler(v -> execute(this::release));
        if (response.closed()) {
            // The client left while its membership was read: no close event will come for this response.
            execute(this::release);
        }
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public void deliver(StreamEvent event) {
        lane.deliver(this, event);
    }

    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** The client's resume cursor: the {@code Last-Event-ID} header, or {@code ?lastEventId=} for the ticket flow. */
    public Optional<String> lastEventId() {
        return Optional.ofNullable(lastEventId);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Whether the response head went out: past it, a failure can only cut the stream. */
    boolean isStarted() {
        return started;
    }

    /** Sends the response head; from here on a failure can only end the stream, no longer answer with a status. */
    void start() {
        if (closed) {
            return;
        }
        started = true;
        metrics.opened();
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-transform")
                .putHeader("X-Accel-Buffering", "no")
                .write("retry: " + config.retry().toMillis() + "\n\n");
        // The head is sent: its headers are not read again, and the response is kept as long as the stream.
        response.headers().clear();
        dropIdleTimeout();
        scheduleTick();
    }

    /**
     * A stream writes a heartbeat every {@code heartbeat}, so the connection's idle timeout
     * ({@code quarkus.http.idle-timeout}) never fires while it lives; Netty's handler and timer for it (about 0.25 KB per
     * stream, docs/benchmarks.md P4) are removed from an HTTP/1 connection, which carries this one stream. The
     * connection is then closed with the stream ({@link #end}) rather than left waiting for another request. An HTTP/2
     * connection carries other streams and keeps its timeout.
     */
    private void dropIdleTimeout() {
        if (isHttp1() && socket instanceof ConnectionBase connection) {
            ChannelPipeline pipeline = connection.channel().pipeline();
            IdleStateHandler idle = pipeline.get(IdleStateHandler.class);
            if (idle != null) {
                pipeline.remove(idle);
            }
        }
    }

    private boolean isHttp1() {
        return response.streamId() == -1;
    }

    /**
     * One timer per stream rather than a heartbeat timer and an expiry timer (each timer is about 180 bytes held for the
     * stream's life, docs/benchmarks.md P4): a tick ends the stream once its token has expired, else writes a
     * heartbeat, and sets the next tick at the sooner of the next heartbeat and the expiry.
     */
    private void scheduleTick() {
        long untilExpiry = Duration.between(Instant.now(), principal.expiresAt()).toMillis();
        timer = context.owner().setTimer(Math.max(1, Math.min(config.heartbeat().toMillis(), untilExpiry)),
                id -> tick());
    }

    private void tick() {
        if (closed) {
            return;
        }
        if (!Instant.now().isBefore(principal.expiresAt())) {
            end(": token expired\n\n");
            return;
        }
        heartbeat();
        scheduleTick();
    }

    /**
     * Sends an event of the catch-up (durable log or recent memory) unless this stream does not want it or has it.
     * Only events of the recent window are remembered for the live side's dedup (the same rule {@link #goLive}
     * prunes by), so a long catch-up keeps no per-event memory.
     */
    void sendCaughtUp(StreamEvent event) {
        if (closed || !subscription.wants(event) || caughtUp.containsKey(event.id())) {
            return;
        }
        if (event.occurredAt() == null || !event.occurredAt().isBefore(Instant.now().minus(config.recentWindow()))) {
            caughtUp.put(event.id(), event.occurredAt());
        }
        replayed++;
        write(event, false);
    }

    /** Whether the socket takes another write without going past Vert.x's write-queue high-water mark. */
    boolean takesMore() {
        return !response.writeQueueFull();
    }

    /** Tells the client its cursor cannot be resumed: it must refetch history; the stream carries on live. */
    void sendReset() {
        if (!closed) {
            reset = true;
            // The empty id clears the browser's stale cursor, so its next reconnect does not ask for it again.
            response.write("event: reset\nid:\ndata: {\"reason\":\"unknown-cursor\",\"detail\":\"The last event id is unknown"
                    + " or older than the retained history: refetch history, then keep reading this stream.\"}\n\n");
        }
    }

    /**
     * Runs {@code next} on this stream's context once the client has read enough of what was written (at once if it
     * has), so a catch-up never outruns it; also once the stream closes, so that a catch-up waiting on a client that
     * left ends rather than waits forever.
     */
    void whenWritable(Runnable next) {
        if (closed || !response.writeQueueFull()) {
            execute(next);
            return;
        }
        writableWaiter = next;
        response.drainHandler(v -> execute(this::wakeWriter));
    }

    private void wakeWriter() {
        Runnable waiter = writableWaiter;
        writableWaiter = null;
        if (waiter != null) {
            waiter.run();
        }
    }

    /**
     * Ends the catch-up: a resumed stream is told how many events it caught up ({@code event: resumed}, with no id so
     * the client's cursor stays), then live events held meanwhile follow, minus those the catch-up already sent.
     */
    void goLive() {
        if (closed) {
            return;
        }
        if (lastEventId().isPresent() && !reset) {
            response.write("event: resumed\ndata: {\"replayed\":" + replayed + "}\n\n");
        }
        live = true;
        pending.removeIf(event -> caughtUp.containsKey(event.id()));
        Instant stillInFlight = Instant.now().minus(config.recentWindow());
        caughtUp.values().removeIf(occurredAt -> occurredAt == null || occurredAt.isBefore(stillInFlight));
        flush();
    }

    /** Ends the stream cleanly (server shutdown); the client reconnects elsewhere with its cursor. */
    public void close() {
        execute(() -> end(": server shutting down\n\n"));
    }

    void fail(Throwable failure) {
        if (started) {
            LOG.warnf(failure, "stream of user %d failed; the client resumes with its cursor", principal.userId());
            release();
            socket.close();
        } else {
            release();
            problems.write(response, failure);
        }
    }

    /**
     * On the event loop, from the {@link DeliveryLane}: queues a live event; whether it was queued, so that the lane
     * {@link #flush}es this stream once it has handed over everything it holds.
     */
    boolean enqueue(StreamEvent event) {
        if (closed) {
            return false;
        }
        if (caughtUp.containsKey(event.id())) {
            if (live) {
                caughtUp.remove(event.id());
            }
            return false;
        }
        if (pending.size() >= config.maxQueuedEvents()) {
            // A burst is handed over whole before the lane flushes: what the socket still takes leaves the queue
            // first, so only a client that really lags behind its socket is cut off, not a large burst.
            flush();
        }
        if (pending.size() >= config.maxQueuedEvents()) {
            LOG.infof("user %d reads too slowly; stream cut off after %d queued events", principal.userId(),
                    pending.size());
            metrics.slowClient();
            release();
            socket.close();
            return false;
        }
        pending.addLast(event);
        return true;
    }

    /** Writes what waits, once live: all of it in one write while Vert.x's write queue is under its mark. */
    void flush() {
        if (!live || closed || pending.isEmpty()) {
            return;
        }
        if (response.writeQueueFull()) {
            response.drainHandler(v -> flush());
            return;
        }
        if (pending.size() == 1) {
            write(pending.pollFirst(), true);
            return;
        }
        Buffer frames = Buffer.buffer();
        Instant now = Instant.now();
        for (StreamEvent event; (event = pending.pollFirst()) != null; ) {
            frames.appendBuffer(event.frame());
            metrics.delivered(event.name(), event.occurredAt(), now, true);
        }
        response.write(frames);
    }

    private void write(StreamEvent event, boolean isLive) {
        response.write(event.frame());
        metrics.delivered(event.name(), event.occurredAt(), Instant.now(), isLive);
    }

    private void heartbeat() {
        if (!response.writeQueueFull()) {
            response.write(": heartbeat\n\n");
        }
    }

    private void end(String comment) {
        if (!closed) {
            release();
            Future<Void> ended = response.end(comment);
            if (started && isHttp1()) {
                ended.onComplete(ignored -> socket.close());
            }
        }
    }

    private void release() {
        if (closed) {
            return;
        }
        closed = true;
        context.owner().cancelTimer(timer);
        index.unregister(this);
        onRelease.run();
        pending.clear();
        if (writableWaiter != null) {
            execute(this::wakeWriter);
        }
        if (started) {
            metrics.closed();
        }
    }
}
