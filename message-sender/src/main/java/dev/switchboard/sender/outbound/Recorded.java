package dev.switchboard.sender.outbound;

/** A row of the outbound log and whether this request created it (false: its idempotency key was known). */
public record Recorded(OutboundMessage row, boolean created) {
}
