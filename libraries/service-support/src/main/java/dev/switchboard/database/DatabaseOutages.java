package dev.switchboard.database;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * A consumer's database work, retried until the database answers. An outage is not the event's fault: dead-lettering
 * it would lose it, so the partition waits instead (its offset is not committed meanwhile). Only poison — the event
 * itself is wrong ({@link Poison}) — fails through.
 */
public final class DatabaseOutages {

    private static final Logger LOG = Logger.getLogger(DatabaseOutages.class);

    private DatabaseOutages() {
    }

    public static <T> Uni<T> waitedOut(Uni<T> work, String what) {
        return work
                .onFailure(failure -> !Poison.is(failure))
                .invoke(failure -> LOG.warnf("%s failed, retrying until the database answers: %s", what, failure))
                .onFailure(failure -> !Poison.is(failure))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }
}
