package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What Conversations does for SMS and WhatsApp participants: each message added to their conversation by anyone
 * else leaves as a message from their binding's ProxyAddress to its Address, a Message resource like any other
 * (in {@code GET .../Messages.json} and {@code GET /_standin/messages}).
 */
final class ConversationSms {

    private final ConversationStore store;
    private final MessagingStore messages;

    ConversationSms(ConversationStore store, MessagingStore messages) {
        this.store = store;
        this.messages = messages;
    }

    /** The Message resources sent for {@code message}: one per SMS/WhatsApp participant but its author. */
    List<ObjectNode> deliver(JsonNode conversation, JsonNode message) {
        List<ObjectNode> sent = new ArrayList<>();
        for (ObjectNode participant : store.participants(conversation.path("sid").asText())) {
            JsonNode binding = participant.path("messaging_binding");
            String address = binding.path("address").asText(null);
            if (address == null || isAuthor(participant, address, message)) {
                continue;
            }
            sent.add(messages.add(new MessagingStore.NewMessage(conversation.path("account_sid").asText(),
                    "outbound-api", "sent", binding.path("proxy_address").asText(null), address,
                    message.path("body").asText(""), conversation.path("messaging_service_sid").asText(null),
                    message.path("media").isArray() ? message.path("media").size() : 0)));
        }
        return sent;
    }

    private static boolean isAuthor(JsonNode participant, String address, JsonNode message) {
        return participant.path("sid").asText().equals(message.path("participant_sid").asText(null))
                || address.equals(message.path("author").asText(null));
    }
}
