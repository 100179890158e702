package dev.switchboard.realtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.SseClient;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.TestKafka;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The gateway's consumers lose their partitions and get them back: here because another member joins and then leaves
 * the replica's consumer group (as its second channel's consumer does at startup; in production also after a broker
 * restart or a missed poll). An open stream must receive every event published before, during and after, once.
 */
@QuarkusTest
class StreamRebalanceTest {

    private static final int EVENTS = 150;

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    @Test
    void anOpenStreamReceivesEveryEventOnceAcrossARebalance() throws Exception {
        TestUser user = new TestDatabase().user();
        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer()).awaitOpen()) {
            List<String> published = new ArrayList<>();
            KafkaConsumer<String, String> intruder = null;
            for (int i = 0; i < EVENTS; i++) {
                if (i == EVENTS / 3) {
                    intruder = joinTheGatewaysGroup();
                }
                if (i == 2 * EVENTS / 3) {
                    intruder.close();
                }
                Event<MessageData> event = TestEvents.sms(user.phone(), TestDatabase.strangerNumber(), "event " + i);
                TestKafka.broker().publishMessageEvent(event);
                published.add(event.id());
                Thread.sleep(20); // spreads the events over the rebalance: pacing, not a wait
            }
            published.forEach(stream::awaitEventWithId);

            List<String> received = stream.ids().stream().filter(published::contains).toList();
            Set<String> distinct = new HashSet<>(received);
            assertEquals(published.size(), distinct.size(), "every event arrived");
            assertEquals(received.size(), distinct.size(), "no event arrived twice: " + received);
        }
    }

    /**
     * A member subscribed to another topic: every member's partitions are revoked and assigned again. A consumer of
     * its own, not TestKafka's readers: it joins the service's consumer group, which no reader of a test does.
     */
    private static KafkaConsumer<String, String> joinTheGatewaysGroup() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ConsumerConfig.GROUP_ID_CONFIG,
                ConfigProvider.getConfig().getValue("mp.messaging.incoming.message-events.group.id", String.class));
        KafkaConsumer<String, String> intruder = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        intruder.subscribe(List.of("rebalance-trigger"));
        intruder.poll(Duration.ofSeconds(5));
        return intruder;
    }
}
