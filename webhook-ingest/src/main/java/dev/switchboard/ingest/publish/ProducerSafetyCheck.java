package dev.switchboard.ingest.publish;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start when the {@code message-events} producer could lose an acknowledged event: a 2xx to Twilio is a
 * promise that every in-sync replica has the event, which only {@code acks=all} keeps (SmallRye's default is
 * {@code acks=1}), and a retried send must not duplicate it (idempotence).
 */
@ApplicationScoped
public class ProducerSafetyCheck {

    static final String CHANNEL = "message-events";

    void onStart(@Observes StartupEvent start, Config config) {
        check(config);
    }

    /** @throws IllegalStateException naming the unsafe setting */
    static void check(Config config) {
        String acks = resolve(config, "acks").orElse("1");
        if (!acks.equals("all") && !acks.equals("-1")) {
            throw new IllegalStateException("Kafka channel " + CHANNEL + " resolves to acks=" + acks
                    + "; webhook-ingest answers Twilio only for events every in-sync replica has: set acks=all");
        }
        String idempotence = resolve(config, "enable.idempotence").orElse("true");
        if (!idempotence.equals("true")) {
            throw new IllegalStateException("Kafka channel " + CHANNEL + " resolves to enable.idempotence="
                    + idempotence + "; a retried send could duplicate an event: set enable.idempotence=true");
        }
    }

    /** SmallRye's order: the channel's own setting, then the connector's, then the global {@code kafka.} defaults. */
    private static Optional<String> resolve(Config config, String property) {
        return List.of("mp.messaging.outgoing." + CHANNEL + ".", "mp.messaging.connector.smallrye-kafka.", "kafka.")
                .stream()
                .flatMap(prefix -> config.getOptionalValue(prefix + property, String.class).stream())
                .map(String::trim)
                .findFirst();
    }
}
