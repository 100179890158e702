package dev.switchboard.conversations.persistence;

import dev.switchboard.database.PoisonEventException;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A gig conversation's state, mirrored from Twilio's {@code onConversationStateUpdated} ({@code StateTo}),
 * {@code onConversationUpdated} ({@code State}) and {@code onConversationRemoved} (counted as closed): whoever closes
 * or removes a conversation on Twilio's side, {@code gig_conversations} says so and message-sender refuses to send
 * into it. Closed is final in Twilio, so a late or repeated event never reopens a closed row.
 */
final class ConversationStatements {

    static final String STATE_UPDATED = "conversation.onConversationStateUpdated";
    static final String UPDATED = "conversation.onConversationUpdated";
    static final String REMOVED = "conversation.onConversationRemoved";

    static final String STATE = """
            UPDATE gig_conversations SET state = $2, updated_at = now(),
                closed_at = CASE WHEN $2 = 'closed' THEN COALESCE(closed_at, $3) ELSE closed_at END
            WHERE conversation_sid = $1 AND state <> 'closed' AND state <> $2
            RETURNING $4::text AS last_event_id""";

    private ConversationStatements() {
    }

    static List<Object> state(Event<MessageData> event) {
        Map<String, String> params = event.data().twilioParams();
        String state = switch (event.type()) {
            case REMOVED -> "closed";
            case STATE_UPDATED -> params.get("StateTo");
            default -> params.get("State");
        };
        return row(event, state);
    }

    private static List<Object> row(Event<MessageData> event, String state) {
        String conversationSid = event.data().conversationSid();
        if (conversationSid == null) {
            throw new PoisonEventException(event.type() + " without ConversationSid: " + event.id());
        }
        // An update that names no state (a renamed conversation) matches no row: the state cannot equal ''.
        String normalized = state == null ? "" : state.toLowerCase(Locale.ROOT);
        return new ArrayList<>(Arrays.asList(conversationSid, normalized, MessageStatements.timestamp(event.time()),
                event.id()));
    }
}
