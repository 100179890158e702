package dev.switchboard.sender.outbound;

/**
 * The final facts of a send, written to its row.
 *
 * @param contentSid the Content SID sent at last (a WhatsApp template may replace the requested one)
 */
public record Settled(OutboundState state, String twilioSid, String twilioStatus, Integer errorCode,
                      String errorMessage, int attempts, String contentSid) {
}
