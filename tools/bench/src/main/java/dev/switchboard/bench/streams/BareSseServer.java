package dev.switchboard.bench.streams;

import dev.switchboard.events.Topics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * P3's and P4's baseline: a bare Vert.x SSE server that consumes {@code twilio.message-events} as the gateway does and
 * writes every event to every open stream, with no authentication, routing or resume.
 * {@code BareSseServer <port> <kafka bootstrap servers>}; it listens only once its consumer has its partitions.
 */
public final class BareSseServer {

    private final Set<HttpServerResponse> streams = new HashSet<>();
    private final Context context;

    private BareSseServer(Context context) {
        this.context = context;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        BareSseServer server = new BareSseServer(vertx.getOrCreateContext());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[1],
                ConsumerConfig.GROUP_ID_CONFIG, "bare-sse-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.MESSAGE_EVENTS));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100)).forEach(server::publish);
        }
        server.context.runOnContext(v -> vertx.createHttpServer()
                .requestHandler(request -> server.open(request.response()))
                .listen(port)
                .onSuccess(listening -> System.out.println("bare SSE server listening on " + port))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                }));
        while (true) {
            consumer.poll(Duration.ofMillis(100)).forEach(server::publish);
        }
    }

    private void open(HttpServerResponse response) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        response.write("retry: 3000\n\n");
        streams.add(response);
        response.closeHandler(v -> streams.remove(response));
    }

    /** The frame is built once per event and written to every stream, on the server's event loop. */
    private void publish(ConsumerRecord<String, byte[]> record) {
        JsonObject event = new JsonObject(Buffer.buffer(record.value()));
        Buffer frame = Buffer.buffer("id: " + event.getString("id") + "\nevent: " + event.getString("type")
                + "\ndata: ").appendBytes(record.value()).appendString("\n\n");
        context.runOnContext(v -> streams.forEach(stream -> stream.write(frame)));
    }
}
