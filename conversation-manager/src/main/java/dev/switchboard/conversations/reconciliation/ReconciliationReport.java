package dev.switchboard.conversations.reconciliation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one pass read and healed.
 *
 * @param read   resources read from Twilio, per list ({@code messages}, {@code conversations},
 *               {@code conversation_messages}, {@code participants})
 * @param healed events published per kind ({@link Reconciler#KINDS})
 * @param items  each healed resource, the first {@link Reconciler#MAX_ITEMS} of them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReconciliationReport(Instant since, Instant until, Instant startedAt, Instant endedAt,
        Map<String, Long> read, Map<String, Long> healed, List<Healed> items) {

    /** One healed resource: its kind, SID, conversation (Conversations only) and what was published. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Healed(String kind, String sid, String conversationSid, String event, String detail) {
    }
}
