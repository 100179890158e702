package dev.switchboard.realtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.problem.ProblemException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replica-wide cap, which the service tests cannot reach with its production value (50,000 streams). */
class StreamLimitsUnitTest {

    private final StreamLimits limits = new StreamLimits(config(Map.of("maxOpen", 3, "maxPerUser", 2)));

    @Test
    void theReplicaRefusesOneStreamPastItsCapWhoeverAsksAndTakesOneAgainWhenAPlaceIsFree() {
        limits.take(1);
        limits.take(2);
        limits.take(3);

        ProblemException refused = assertThrows(ProblemException.class, () -> limits.take(4));
        assertEquals(429, refused.problem().status());
        assertEquals("replica-full", refused.problem().reason());

        limits.giveBack(2);
        limits.take(4);
    }

    @Test
    void aRefusedStreamTakesNoPlace() {
        limits.take(1);
        limits.take(1);
        assertThrows(ProblemException.class, () -> limits.take(1));
        assertThrows(ProblemException.class, () -> limits.take(1));

        limits.take(2);
        limits.giveBack(1);
        limits.take(1);
    }

    private static StreamConfig config(Map<String, Integer> values) {
        return (StreamConfig) Proxy.newProxyInstance(StreamConfig.class.getClassLoader(),
                new Class<?>[] {StreamConfig.class}, (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
    }
}
