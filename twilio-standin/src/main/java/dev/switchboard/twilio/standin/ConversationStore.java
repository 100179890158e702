package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Conversations with their participants and messages, kept as the JSON the API answers with. Every check-and-change
 * is one synchronized step, so concurrent creates of one unique name yield exactly one conversation.
 */
final class ConversationStore {

    private final Map<String, ObjectNode> conversations = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> participants = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> messages = new LinkedHashMap<>();

    synchronized void addConversation(ObjectNode conversation) {
        requireFreeUniqueName(conversation.path("chat_service_sid").asText(), conversation.path("unique_name"), null);
        String sid = conversation.path("sid").asText();
        conversations.put(sid, conversation);
        participants.put(sid, new ArrayList<>());
        messages.put(sid, new ArrayList<>());
    }

    /** By SID or unique name, within one chat service. */
    synchronized Optional<ObjectNode> conversation(String chatServiceSid, String sidOrUniqueName) {
        return conversations.values().stream()
                .filter(c -> c.path("chat_service_sid").asText().equals(chatServiceSid))
                .filter(c -> c.path("sid").asText().equals(sidOrUniqueName)
                        || c.path("unique_name").asText("").equals(sidOrUniqueName))
                .findFirst();
    }

    synchronized List<ObjectNode> conversations(String chatServiceSid) {
        return conversations.values().stream()
                .filter(c -> c.path("chat_service_sid").asText().equals(chatServiceSid))
                .toList();
    }

    /** The conversation with {@code changes} applied; stored nodes are replaced, never changed, so readers need no lock. */
    synchronized ObjectNode update(String sid, Map<String, String> changes) {
        ObjectNode conversation = conversations.get(sid);
        if (conversation == null) {
            throw TwilioException.notFound("/v1/Conversations/" + sid);
        }
        if (changes.containsKey("unique_name")) {
            requireFreeUniqueName(conversation.path("chat_service_sid").asText(),
                    Json.MAPPER.valueToTree(changes.get("unique_name")), conversation.path("sid").asText());
        }
        ObjectNode updated = conversation.deepCopy();
        changes.forEach(updated::put);
        conversations.put(updated.path("sid").asText(), updated);
        return updated;
    }

    synchronized void removeConversation(String sid) {
        conversations.remove(sid);
        participants.remove(sid);
        messages.remove(sid);
    }

    synchronized void addParticipant(String conversationSid, ObjectNode participant) {
        List<ObjectNode> members = participants.get(conversationSid);
        if (members.stream().anyMatch(member -> sameParticipant(member, participant))) {
            throw new TwilioException(409, 50433, "Participant already exists");
        }
        members.add(participant);
    }

    synchronized List<ObjectNode> participants(String conversationSid) {
        return List.copyOf(participants.getOrDefault(conversationSid, List.of()));
    }

    synchronized boolean removeParticipant(String conversationSid, String sid) {
        return participants.getOrDefault(conversationSid, new ArrayList<>()).removeIf(p -> p.path("sid").asText().equals(sid));
    }

    /** Adds the message built for the conversation's next index. */
    synchronized ObjectNode addMessage(String conversationSid, IntFunction<ObjectNode> atIndex) {
        List<ObjectNode> thread = messages.get(conversationSid);
        int next = thread.isEmpty() ? 0 : thread.get(thread.size() - 1).path("index").asInt() + 1;
        ObjectNode message = atIndex.apply(next);
        thread.add(message);
        return message;
    }

    synchronized List<ObjectNode> messages(String conversationSid) {
        return List.copyOf(messages.getOrDefault(conversationSid, List.of()));
    }

    synchronized boolean removeMessage(String conversationSid, String sid) {
        return messages.getOrDefault(conversationSid, new ArrayList<>()).removeIf(m -> m.path("sid").asText().equals(sid));
    }

    private void requireFreeUniqueName(String chatServiceSid, JsonNode uniqueName, String exceptSid) {
        if (uniqueName.isTextual() && conversations.values().stream()
                .filter(c -> !c.path("sid").asText().equals(exceptSid))
                .filter(c -> c.path("chat_service_sid").asText().equals(chatServiceSid))
                .anyMatch(c -> c.path("unique_name").asText("").equals(uniqueName.asText()))) {
            throw new TwilioException(409, 50353, "Conversation with provided unique name already exists");
        }
    }

    /** Twilio refuses a second participant with the same chat identity or the same SMS/WhatsApp address. */
    private static boolean sameParticipant(JsonNode member, JsonNode candidate) {
        return sameText(member.path("identity"), candidate.path("identity"))
                || sameText(member.path("messaging_binding").path("address"), candidate.path("messaging_binding").path("address"));
    }

    private static boolean sameText(JsonNode left, JsonNode right) {
        return left.isTextual() && right.isTextual() && Objects.equals(left.asText(), right.asText());
    }
}
