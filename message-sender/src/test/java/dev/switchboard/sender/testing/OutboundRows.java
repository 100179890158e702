package dev.switchboard.sender.testing;

import dev.switchboard.sender.outbound.OutboundMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import java.util.List;

/** Reads the outbound log straight from PostgreSQL. */
public final class OutboundRows {

    private OutboundRows() {
    }

    public static long countTo(String toAddress) {
        return await(() -> Panache.withSession(() -> OutboundMessage.count("toAddress", toAddress)));
    }

    /** Rows whose idempotency key starts with {@code keyPrefix} and whose state is one of {@code states}. */
    public static long countByKeyPrefix(String keyPrefix, List<String> states) {
        return await(() -> Panache.withSession(() -> OutboundMessage.count(
                "idempotencyKey like ?1 and state in ?2", keyPrefix + "%", states)));
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
