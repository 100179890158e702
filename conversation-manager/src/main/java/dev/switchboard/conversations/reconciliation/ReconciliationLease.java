package dev.switchboard.conversations.reconciliation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * The one row in {@code reconciliation_lease} that lets one replica reconcile at a time: taken when free or expired,
 * renewed by its holder while the pass runs, freed at the end. Each statement is one atomic UPDATE, so two replicas
 * can never both hold it; a replica that dies holds it until it expires.
 */
@ApplicationScoped
public class ReconciliationLease {

    private static final String TAKE = """
            UPDATE reconciliation_lease SET holder = $1, expires_at = now() + make_interval(secs => $2)
            WHERE name = 'reconciler' AND (expires_at < now() OR holder = $1)""";
    private static final String FREE = """
            UPDATE reconciliation_lease
            SET holder = NULL, expires_at = '-infinity', last_pass = COALESCE($2::text::jsonb, last_pass)
            WHERE name = 'reconciler' AND holder = $1""";

    private final Pool pool;
    /** This replica, as the lease names its holder. */
    private final String self = "conversation-manager-" + UUID.randomUUID();

    public ReconciliationLease(Pool pool) {
        this.pool = pool;
    }

    /** Takes or renews the lease for {@code ttl}; false when another replica holds it. */
    public Uni<Boolean> take(Duration ttl) {
        return pool.preparedQuery(TAKE).execute(Tuple.of(self, ttl.toMillis() / 1000.0))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Frees the lease, recording what the pass found (null: it failed, and the last pass's record stays). */
    public Uni<Void> free(String lastPassJson) {
        return pool.preparedQuery(FREE).execute(Tuple.of(self, lastPassJson)).replaceWithVoid();
    }
}
