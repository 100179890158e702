package dev.switchboard.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Start-up refuses a producer that could lose or duplicate an event Twilio was told we have. */
class ProducerSafetyCheckTest {

    private static final String CHANNEL = "mp.messaging.outgoing.message-events.";

    @ParameterizedTest
    @ValueSource(strings = {"acks=1", "acks=0", "enable.idempotence=false"})
    void weakerChannelSettingFailsStartUp(String setting) {
        String[] kv = setting.split("=");
        Map<String, String> properties = new HashMap<>(Map.of(CHANNEL + "acks", "all"));
        properties.put(CHANNEL + kv[0], kv[1]);
        Config config = config(properties);

        assertThrows(IllegalStateException.class, () -> ProducerSafetyCheck.check(config));
    }

    @Test
    void unsetAcksResolvesToSmallRyesDefaultOfOneAndFailsStartUp() {
        assertThrows(IllegalStateException.class, () -> ProducerSafetyCheck.check(config(Map.of())));
    }

    @Test
    void globalKafkaAcksCountsWhenTheChannelSetsNone() {
        assertDoesNotThrow(() -> ProducerSafetyCheck.check(config(Map.of("kafka.acks", "-1"))));
        assertThrows(IllegalStateException.class, () -> ProducerSafetyCheck.check(
                config(Map.of("kafka.acks", "all", CHANNEL + "acks", "1"))));
    }

    @Test
    void acksAllWithIdempotenceStarts() {
        assertDoesNotThrow(() -> ProducerSafetyCheck.check(
                config(Map.of(CHANNEL + "acks", "all", CHANNEL + "enable.idempotence", "true"))));
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }
}
