package dev.switchboard.twilio.standin;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Twilio SIDs: a two-letter type prefix and 32 hex digits. */
public final class Sids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Sids() {
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
