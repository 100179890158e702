package dev.switchboard.conversations.persistence;

import dev.switchboard.conversations.users.PhoneNumbers;
import dev.switchboard.database.PoisonEventException;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Upserts of {@code conversation_participants} from {@code conversation.onParticipantAdded/Removed}. Like
 * {@link MessageStatements} they commute: a removal seen first leaves a row marked removed that the late add fills in
 * without reviving it (Twilio never reuses a participant SID).
 */
final class ParticipantStatements {

    private static final String INSERT = """
            INSERT INTO conversation_participants AS p (participant_sid, conversation_sid, identity, address,
                address_e164, proxy_address, last_event_id, %s)
            VALUES ($1, $2, $3, $4, $5, $6, $7, %s)
            ON CONFLICT (participant_sid) DO UPDATE SET %s, last_event_id = EXCLUDED.last_event_id
            WHERE %s
            RETURNING last_event_id""";

    static final String ADDED = INSERT.formatted("added_at", "now()", """
                    identity = COALESCE(EXCLUDED.identity, p.identity), address = COALESCE(EXCLUDED.address, p.address),
                    address_e164 = COALESCE(EXCLUDED.address_e164, p.address_e164),
                    proxy_address = COALESCE(EXCLUDED.proxy_address, p.proxy_address), added_at = now()""",
            "p.added_at IS NULL");

    static final String REMOVED = INSERT.formatted("removed_at", "$8", "removed_at = EXCLUDED.removed_at",
            "p.removed_at IS NULL");

    private ParticipantStatements() {
    }

    static List<Object> added(Event<MessageData> event) {
        return row(event);
    }

    static List<Object> removed(Event<MessageData> event) {
        List<Object> values = row(event);
        values.add(MessageStatements.timestamp(event.time()));
        return values;
    }

    private static List<Object> row(Event<MessageData> event) {
        MessageData data = event.data();
        Map<String, String> params = data == null ? Map.of() : data.twilioParams();
        String participantSid = data == null || data.participantSid() == null ? params.get("ParticipantSid")
                : data.participantSid();
        String conversationSid = data == null || data.conversationSid() == null ? params.get("ConversationSid")
                : data.conversationSid();
        if (participantSid == null || conversationSid == null) {
            throw new PoisonEventException(event.type() + " without ParticipantSid/ConversationSid: " + event.id());
        }
        String identity = params.getOrDefault("Identity", data.author());
        String address = params.get("MessagingBinding.Address");
        return new ArrayList<>(Arrays.asList(participantSid, conversationSid, identity, address,
                PhoneNumbers.e164(address), params.get("MessagingBinding.ProxyAddress"), event.id()));
    }
}
