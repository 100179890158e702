package dev.switchboard.conversations.history;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchboard.events.client.ClientEvent;
import java.util.List;

/**
 * One page of a conversation's event log.
 *
 * @param events     the conversation's events in the client shape, exactly as the realtime stream sends them
 *                   ({@code ClientEvents}); each {@code id} is a cursor
 * @param nextCursor pass as {@code after} for the next page; the {@code after} given when the page is empty
 * @param hasMore    whether more events follow this page now
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HistoryPage(String conversationKey, List<ClientEvent> events, String nextCursor, boolean hasMore) {
}
