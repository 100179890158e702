package dev.switchboard.sender.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboundMessageTest {

    @Test
    void requestIsRecordedInPostgresAndFoundByItsKey() throws Throwable {
        OutboundMessage message = new OutboundMessage();
        message.id = UUID.randomUUID();
        message.idempotencyKey = "key-" + message.id;
        message.channel = "whatsapp";
        message.toAddress = "whatsapp:+15550001111";
        message.body = "Task done: +10 points";
        message.state = "requested";

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(message::persist));
        OutboundMessage found = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> OutboundMessage.findByIdempotencyKey(message.idempotencyKey)));

        assertEquals(message.id, found.id);
        assertEquals("requested", found.state);
        assertNotNull(found.createdAt);
    }
}
