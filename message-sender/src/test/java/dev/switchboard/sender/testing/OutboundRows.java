package dev.switchboard.sender.testing;

import dev.switchboard.sender.outbound.OutboundMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;

/** Reads the outbound log straight from PostgreSQL. */
public final class OutboundRows {

    private OutboundRows() {
    }

    public static long countTo(String toAddress) {
        return await(() -> Panache.withSession(() -> OutboundMessage.count("toAddress", toAddress)));
    }

    public static OutboundMessage byKey(String idempotencyKey) {
        return await(() -> Panache.withSession(() -> OutboundMessage.findByIdempotencyKey(idempotencyKey)));
    }

    private static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> query) {
        try {
            return VertxContextSupport.subscribeAndAwait(query);
        } catch (Throwable e) {
            throw new AssertionError("query failed", e);
        }
    }
}
