package dev.switchboard.conversations.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One page of a conversation's event log.
 *
 * @param events     the events as they were on Kafka (and as the realtime stream sends them); each {@code id} is a cursor
 * @param nextCursor pass as {@code after} for the next page; the {@code after} given when the page is empty
 * @param hasMore    whether more events follow this page now
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HistoryPage(String conversationKey, List<JsonNode> events, String nextCursor, boolean hasMore) {
}
