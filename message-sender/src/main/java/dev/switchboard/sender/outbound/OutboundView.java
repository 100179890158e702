package dev.switchboard.sender.outbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** What callers see of one outbound message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutboundView(UUID id, String state, String channel, String to, String from, String conversationSid,
                           String author, String twilioSid, String twilioStatus, Integer errorCode, String errorMessage,
                           int attempts, Instant createdAt, Instant updatedAt) {

    public static OutboundView of(OutboundMessage row) {
        return new OutboundView(row.id, row.state, row.channel, row.toAddress, row.fromAddress, row.conversationSid,
                row.author, row.twilioSid, row.twilioStatus, row.errorCode, row.errorMessage, row.attempts,
                row.createdAt, row.updatedAt);
    }
}
