package dev.switchboard.realtime.replay;

import dev.switchboard.realtime.routing.StreamEvent;
import java.util.List;

/**
 * Consecutive rows of {@code message_events} for one user.
 *
 * @param lastSeq where the next page starts
 * @param last    whether the log has nothing more after this page
 */
public record LogPage(List<StreamEvent> events, long lastSeq, boolean last) {
}
