package dev.switchboard.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/** What a service's own database role may do, asked of PostgreSQL itself (V39__service_roles.sql). */
public final class Privileges {

    /** PostgreSQL's SQLSTATE for "permission denied". */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private Privileges() {
    }

    /** The role this pool's connections act as. */
    public static String role(Pool pool) {
        return pool.query("SELECT current_user").execute().await().indefinitely().iterator().next().getString(0);
    }

    /** Whether PostgreSQL refuses {@code sql} on this pool's role for want of a privilege (any other error fails). */
    public static boolean refused(Pool pool, String sql) {
        try {
            pool.query(sql).execute().await().indefinitely();
            return false;
        } catch (PgException e) {
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSqlState())) {
                return true;
            }
            throw e;
        }
    }
}
