package dev.switchboard.bench.webhooks;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * P1's main baseline: the same durable work as webhook-ingest without its framework. A bare Vert.x endpoint parses
 * the form, checks the signature, builds the same {@code message.added} event and puts it on the same topic of the
 * same broker with a plain KafkaProducer set as webhook-ingest's (acks=all, idempotent, linger.ms=0, the same
 * timeouts), and answers 200 only once Kafka acked (503 when it did not).
 * {@code KafkaWebhookServer <port> <authToken> <kafka bootstrap servers>}
 */
public final class KafkaWebhookServer {

    private KafkaWebhookServer() {
    }

    public static void main(String[] args) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[2],
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // webhook-ingest's application.properties: a dead broker fails a send inside Twilio's budget.
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3500,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000), new StringSerializer(), new ByteArraySerializer());
        SignedForm.serve(Integer.parseInt(args[0]), args[1], (request, params) -> {
            Event<MessageData> event = InboundMessageEvent.of(params);
            Context context = Vertx.currentContext();
            producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS, event.subject(), EventJson.write(event)),
                    (metadata, failure) -> context.runOnContext(v -> SignedForm.answer(request,
                            failure == null ? 200 : 503)));
        });
    }
}
