package dev.switchboard.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** UUIDv7 (RFC 9562): unique across replicas and sortable by creation time, so event ids double as cursors. */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    public static String next() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * The same id for the same {@code name} every time: a UUIDv7 whose time is {@code at} (when Twilio recorded what
     * the event tells) and whose other bits are the name's SHA-256. Publishing the same fact twice then gives one
     * event id, which every consumer already drops as a repeat.
     */
    public static String derived(Instant at, String name) {
        byte[] hash = sha256(name);
        long random = 0;
        for (int i = 0; i < 8; i++) {
            random = (random << 8) | (hash[i] & 0xFF);
        }
        long high = (at.toEpochMilli() << 16) | 0x7000L | ((hash[8] & 0x0F) << 8) | (hash[9] & 0xFF);
        long low = (random & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static byte[] sha256(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
