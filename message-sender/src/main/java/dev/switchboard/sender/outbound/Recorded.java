package dev.switchboard.sender.outbound;

import java.time.Duration;

/**
 * A row of the outbound log as a request found it.
 *
 * @param created  whether this request created it (false: its idempotency key was known)
 * @param claimed  whether this request moved it to sending, and so must call Twilio (nobody else will)
 * @param sendWait how long a claimed send waits for its sender's slot (zero when its sender is not paced)
 */
public record Recorded(OutboundMessage row, boolean created, boolean claimed, Duration sendWait) {
}
