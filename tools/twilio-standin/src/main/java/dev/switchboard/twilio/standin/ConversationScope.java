package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Conversations are reachable as {@code /v1/Conversations/...} (the account's default chat service) and as
 * {@code /v1/Services/{ChatServiceSid}/Conversations/...}; this resolves either form to one chat service.
 */
final class ConversationScope {

    static final List<String> PREFIXES = List.of("/v1/Conversations", "/v1/Services/{ChatServiceSid}/Conversations");

    private final ConversationStore store;
    private final String defaultChatServiceSid;
    private final String baseUrl;

    ConversationScope(ConversationStore store, String defaultChatServiceSid, String baseUrl) {
        this.store = store;
        this.defaultChatServiceSid = defaultChatServiceSid;
        this.baseUrl = baseUrl;
    }

    String chatServiceSid(Map<String, String> path) {
        return path.getOrDefault("ChatServiceSid", defaultChatServiceSid);
    }

    /** The OpenAPI schema name for this form of the path: service paths answer with {@code service_...} schemas. */
    static String schema(Map<String, String> path, String defaultSchema, String serviceSchema) {
        return path.containsKey("ChatServiceSid") ? serviceSchema : defaultSchema;
    }

    /** The path parameters of the form of path a conversation is reached by when no request names it (an SMS). */
    Map<String, String> pathOf(JsonNode conversation) {
        String service = conversation.path("chat_service_sid").asText();
        return service.equals(defaultChatServiceSid) ? Map.of() : Map.of("ChatServiceSid", service);
    }

    ObjectNode conversation(StandInRequest request, Map<String, String> path, String param) {
        return store.conversation(chatServiceSid(path), path.get(param))
                .orElseThrow(() -> TwilioException.notFound(request.path()));
    }

    /** The absolute URL of a conversation's sub-path, in the form of the request. */
    String url(Map<String, String> path, String conversationSid, String rest) {
        String prefix = path.containsKey("ChatServiceSid")
                ? "/v1/Services/" + path.get("ChatServiceSid") + "/Conversations"
                : "/v1/Conversations";
        return baseUrl + prefix + (conversationSid.isEmpty() ? "" : "/" + conversationSid) + rest;
    }

    /** The page of {@code items} the request asks for ({@link Paging}), in Conversations' {@code meta} form. */
    static ObjectNode page(StandInRequest request, String key, List<? extends JsonNode> items, String url) {
        Paging.Page<? extends JsonNode> page = Paging.of(request, items);
        ObjectNode json = Json.object();
        json.set(key, Json.MAPPER.valueToTree(page.records()));
        json.set("meta", Json.MAPPER.valueToTree(page.v1Meta(key, url)));
        return json;
    }

    /** The child resource ({@code path.Sid}) among a conversation's {@code children}, projected; Twilio's 404 if absent. */
    static StandInResponse child(StandInRequest request, Map<String, String> path, List<ObjectNode> children,
            UnaryOperator<ObjectNode> project) {
        return children.stream()
                .filter(child -> child.path("sid").asText().equals(path.get("Sid")))
                .findFirst()
                .map(child -> StandInResponse.json(200, project.apply(child)))
                .orElseThrow(() -> TwilioException.notFound(request.path()));
    }

    /** The child resource {@code Sid} of a conversation, or Twilio's 404. */
    static <T> T found(StandInRequest request, Optional<T> child) {
        return child.orElseThrow(() -> TwilioException.notFound(request.path()));
    }
}
