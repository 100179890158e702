package dev.switchboard.twilio.standin;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Unique values per test, so tests never depend on each other's resources. */
final class TestData {

    private static final AtomicLong COUNTER = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000));

    private TestData() {
    }

    static String accountSid() {
        return Sids.next("AC");
    }

    static String authToken() {
        return "token-" + COUNTER.incrementAndGet();
    }

    /** A unique E.164 number in the US fictional 555 range. */
    static String phoneNumber() {
        return "+1555" + String.format("%07d", COUNTER.incrementAndGet() % 10_000_000);
    }

    static String name(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }
}
