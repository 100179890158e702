package dev.switchboard.database;

import io.vertx.pgclient.PgException;

/** Tells failures caused by the event itself (dead-letter it) from failures of the database (retry). */
public final class Poison {

    private Poison() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PoisonEventException) {
                return true;
            }
            // SQLSTATE class 22 (data exception) and 23 (integrity constraint violation): the row itself is wrong.
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
