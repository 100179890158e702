package dev.switchboard.testing;

import dev.switchboard.stack.PostgresCluster;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A connection as the schema's owner, for test fixtures that write what another service owns: users, participants,
 * gig conversations, the event log conversation-manager appends. message-sender and the realtime gateway connect as
 * their own roles ({@code V39__service_roles.sql}), in tests as in production, so their injected pool may not write
 * these; a fixture that used it would hide a missing grant or need one the service must not have.
 */
public final class SchemaOwner {

    private static Pool pool;

    private SchemaOwner() {
    }

    /** One small pool per test JVM, on the database the test's service uses. */
    public static synchronized Pool pool() {
        if (pool == null) {
            String url = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class);
            PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(PostgresCluster.USER);
            pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(options)
                    .using(Vertx.vertx().getDelegate()).build());
        }
        return pool;
    }
}
