package dev.switchboard.sender.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Unique E.164 numbers: tests share the stand-in and the database, and find their own traffic by number. */
public final class Numbers {

    private Numbers() {
    }

    public static String unique() {
        return "+1555" + ThreadLocalRandom.current().nextLong(1_000_000L, 10_000_000L);
    }
}
