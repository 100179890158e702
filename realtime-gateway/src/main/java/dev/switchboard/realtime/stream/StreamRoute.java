package dev.switchboard.realtime.stream;

import dev.switchboard.realtime.auth.StreamAuthenticator;
import dev.switchboard.problem.ProblemException;
import dev.switchboard.realtime.live.LivePositions;
import dev.switchboard.realtime.routing.Membership;
import dev.switchboard.realtime.routing.MembershipRepository;
import dev.switchboard.realtime.routing.SubscriberIndex;
import dev.switchboard.realtime.routing.Subscription;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * {@code GET /v1/stream}. A plain Vert.x route rather than a JAX-RS SSE method: the stream must answer 401/403 as
 * problem JSON after asynchronous checks (membership is read from PostgreSQL first), write heartbeats, follow the
 * socket's backpressure to cut off slow clients, and close itself when the token expires — all of which need the
 * response itself, not a {@code Multi}.
 */
@ApplicationScoped
public class StreamRoute {

    public static final String PATH = "/v1/stream";

    private final StreamAuthenticator authenticator;
    private final MembershipRepository memberships;
    private final SubscriberIndex index;
    private final StreamConnections connections;
    private final CatchUp catchUp;
    private final ProblemWriter problems;
    private final LivePositions positions;
    private final StreamConfig config;
    private final StreamTracing tracing;

    StreamRoute(StreamAuthenticator authenticator, MembershipRepository memberships, SubscriberIndex index,
            StreamConnections connections, CatchUp catchUp, ProblemWriter problems, LivePositions positions,
            StreamConfig config, StreamTracing tracing) {
        this.authenticator = authenticator;
        this.memberships = memberships;
        this.index = index;
        this.connections = connections;
        this.catchUp = catchUp;
        this.problems = problems;
        this.positions = positions;
        this.config = config;
        this.tracing = tracing;
    }

    void install(@Observes Router router) {
        router.get(PATH).handler(this::open);
    }

    private void open(RoutingContext ctx) {
        Context context = Vertx.currentContext();
        HttpServerRequest request = ctx.request();
        StreamTracing.Opening opening = tracing.start(request, context);
        authenticator.authenticate(request)
                .call(() -> positioned(context))
                .chain(principal -> memberships.user(principal.userId())
                        .map(membership -> connections.create(request, context, principal,
                                new Subscription(membership, Set.copyOf(ctx.queryParam("conversation"))))))
                .emitOn(task -> context.runOnContext(v -> task.run()))
                .subscribe().with(connection -> admit(connection, opening), failure -> {
                    opening.failed(failure, false);
                    problems.write(ctx.response(), failure);
                });
    }

    /**
     * Registers the stream before reading its conversations, so that a participant change arriving meanwhile is
     * applied to it rather than lost; events arriving meanwhile wait for the catch-up.
     */
    private void admit(StreamConnection connection, StreamTracing.Opening opening) {
        index.register(connection);
        memberships.participations(connection.subscription().membership())
                .invoke(participations -> participations.forEach(
                        p -> index.join(connection, p.conversationSid(), p.participantSid())))
                .emitOn(connection::execute)
                .invoke(() -> requireOwnConversations(connection.subscription()))
                .invoke(connection::start)
                .call(() -> catchUp.run(connection))
                .subscribe().with(done -> {
                    connection.goLive();
                    opening.live();
                }, failure -> {
                    opening.failed(failure, connection.isStarted());
                    connection.fail(failure);
                });
    }

    /** A stream is answered 200 only once nothing produced after that can be missed (see {@link LivePositions}). */
    private Uni<Void> positioned(Context context) {
        return positions.isPositioned() ? Uni.createFrom().voidItem()
                : positions.whenPositioned().ifNoItem().after(config.startWait())
                        .failWith(() -> new ProblemException(503, "starting", "Gateway starting",
                                "This replica is not reading events yet; retry shortly."))
                        .emitOn(task -> context.runOnContext(v -> task.run()));
    }

    private static void requireOwnConversations(Subscription subscription) {
        Membership membership = subscription.membership();
        for (String conversation : subscription.conversations()) {
            if (!membership.hasConversation(conversation)) {
                throw ProblemException.forbidden("not-a-participant",
                        "You do not take part in conversation " + conversation + ".");
            }
        }
    }
}
