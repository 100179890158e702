package dev.switchboard.sender.send;

import dev.switchboard.problem.Violations;
import java.util.UUID;

/**
 * Idempotency keys of the outbound log, namespaced by where they come from so that one caller's key can never
 * collide with (and reveal) another's: {@code http:<sub>:<Idempotency-Key>}, {@code command:<commandId>}.
 */
public final class IdempotencyKeys {

    private static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /** A request without the header gets a key of its own: it is recorded and sent, but a retry is a new message. */
    public static String ofHttp(String subject, String header) {
        if (header == null) {
            return "http:" + subject + ":" + UUID.randomUUID();
        }
        new Violations()
                .check(!header.isBlank() && header.length() <= MAX_LENGTH,
                        "Idempotency-Key must be 1 to " + MAX_LENGTH + " characters")
                .throwIfAny();
        return "http:" + subject + ":" + header;
    }

    public static String ofCommand(String commandId) {
        return "command:" + commandId;
    }
}
