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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Conversations with their participants and messages, kept as the JSON the API answers with. Every check-and-change
 * is one synchronized step, so concurrent creates of one unique name yield exactly one conversation.
 */
final class ConversationStore {

    /** An SMS or WhatsApp participant and the conversation its binding routes to. */
    record Binding(ObjectNode conversation, ObjectNode participant) {
    }

    private final Map<String, ObjectNode> conversations = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> participants = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> messages = new LinkedHashMap<>();

    /**
     * Runs {@code step} (changes and what announces them) as one step: announcements then queue in the order of the
     * changes they announce.
     */
    synchronized <T> T atomically(Supplier<T> step) {
        return step.get();
    }

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

    /** The conversation removed, with its participants and messages; empty if there was none. */
    synchronized Optional<ObjectNode> removeConversation(String sid) {
        participants.remove(sid);
        messages.remove(sid);
        return Optional.ofNullable(conversations.remove(sid));
    }

    /**
     * Twilio refuses an SMS/WhatsApp participant whose Address and ProxyAddress are already bound in a conversation
     * of the account that is not closed (50416: inbound messages must route to one conversation), and a second
     * participant with the same identity or address in one conversation (50433).
     */
    synchronized void addParticipant(String conversationSid, ObjectNode participant) {
        List<ObjectNode> members = participants.get(conversationSid);
        if (members == null) {
            throw TwilioException.notFound("/v1/Conversations/" + conversationSid);
        }
        JsonNode binding = participant.path("messaging_binding");
        if (binding.path("address").isTextual() && binding.path("proxy_address").isTextual()) {
            String account = participant.path("account_sid").asText();
            bound(binding.path("address").asText(), binding.path("proxy_address").asText())
                    .filter(taken -> taken.conversation().path("account_sid").asText().equals(account))
                    .ifPresent(taken -> {
                        throw new TwilioException(409, 50416, "A binding for this participant and proxy address "
                                + "already exists in Conversation " + taken.conversation().path("sid").asText());
                    });
        }
        if (members.stream().anyMatch(member -> sameParticipant(member, participant))) {
            throw new TwilioException(409, 50433, "Participant already exists");
        }
        members.add(participant);
    }

    /** The participant (and its conversation, not closed) that an SMS from {@code address} to {@code proxyAddress} reaches. */
    synchronized Optional<Binding> bound(String address, String proxyAddress) {
        for (ObjectNode conversation : conversations.values()) {
            if (conversation.path("state").asText().equals("closed")) {
                continue;
            }
            for (ObjectNode member : participants.get(conversation.path("sid").asText())) {
                JsonNode binding = member.path("messaging_binding");
                if (address.equals(binding.path("address").asText(null))
                        && proxyAddress.equals(binding.path("proxy_address").asText(null))) {
                    return Optional.of(new Binding(conversation, member));
                }
            }
        }
        return Optional.empty();
    }

    /** The participant with {@code change} applied, stored in its place; empty if there is none. */
    synchronized Optional<ObjectNode> updateParticipant(String conversationSid, String sid, UnaryOperator<ObjectNode> change) {
        return replace(participants.get(conversationSid), sid, change);
    }

    synchronized List<ObjectNode> participants(String conversationSid) {
        return List.copyOf(participants.getOrDefault(conversationSid, List.of()));
    }

    /** The participant removed; empty if there was none. */
    synchronized Optional<ObjectNode> removeParticipant(String conversationSid, String sid) {
        return remove(participants.get(conversationSid), sid);
    }

    /** Adds the message built for the conversation's next index. */
    synchronized ObjectNode addMessage(String conversationSid, IntFunction<ObjectNode> atIndex) {
        List<ObjectNode> thread = messages.get(conversationSid);
        if (thread == null) {
            throw TwilioException.notFound("/v1/Conversations/" + conversationSid);
        }
        int next = thread.isEmpty() ? 0 : thread.get(thread.size() - 1).path("index").asInt() + 1;
        ObjectNode message = atIndex.apply(next);
        thread.add(message);
        return message;
    }

    synchronized List<ObjectNode> messages(String conversationSid) {
        return List.copyOf(messages.getOrDefault(conversationSid, List.of()));
    }

    /** The message with {@code change} applied, stored in its place; empty if there is none. */
    synchronized Optional<ObjectNode> updateMessage(String conversationSid, String sid, UnaryOperator<ObjectNode> change) {
        return replace(messages.get(conversationSid), sid, change);
    }

    /** The message removed; empty if there was none. */
    synchronized Optional<ObjectNode> removeMessage(String conversationSid, String sid) {
        return remove(messages.get(conversationSid), sid);
    }

    /** Stored nodes are replaced by changed copies, never changed in place. */
    private static Optional<ObjectNode> replace(List<ObjectNode> children, String sid, UnaryOperator<ObjectNode> change) {
        for (int i = 0; children != null && i < children.size(); i++) {
            if (children.get(i).path("sid").asText().equals(sid)) {
                ObjectNode changed = change.apply(children.get(i).deepCopy());
                children.set(i, changed);
                return Optional.of(changed);
            }
        }
        return Optional.empty();
    }

    private static Optional<ObjectNode> remove(List<ObjectNode> children, String sid) {
        for (int i = 0; children != null && i < children.size(); i++) {
            if (children.get(i).path("sid").asText().equals(sid)) {
                return Optional.of(children.remove(i));
            }
        }
        return Optional.empty();
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
