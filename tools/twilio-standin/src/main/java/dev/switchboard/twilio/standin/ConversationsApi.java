package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Conversations v1: create, fetch (by SID or unique name), list, update, delete. Creates, updates and deletes are
 * announced as onConversationAdded, onConversationUpdated (and onConversationStateUpdated when the state changes)
 * and onConversationRemoved.
 */
final class ConversationsApi {

    private static final String SCHEMA = "conversations.v1.conversation";
    private static final String SERVICE_SCHEMA = "conversations.v1.service.service_conversation";
    /** Form parameter to resource field, for creates and updates. */
    private static final Map<String, String> FIELDS = Map.of(
            "FriendlyName", "friendly_name",
            "UniqueName", "unique_name",
            "Attributes", "attributes",
            "MessagingServiceSid", "messaging_service_sid",
            "State", "state");

    private final OpenApiDescription description;
    private final ConversationStore store;
    private final ConversationScope scope;
    private final String defaultMessagingServiceSid;
    private final ConversationWebhooks webhooks;

    ConversationsApi(OpenApiDescription description, ConversationStore store, ConversationScope scope,
                     String defaultMessagingServiceSid, ConversationWebhooks webhooks) {
        this.description = description;
        this.store = store;
        this.scope = scope;
        this.defaultMessagingServiceSid = defaultMessagingServiceSid;
        this.webhooks = webhooks;
    }

    void register(Routes routes) {
        for (String prefix : ConversationScope.PREFIXES) {
            routes.collection(prefix, this::create, this::list, this::fetch, this::update, this::delete);
        }
    }

    private StandInResponse create(StandInRequest request, Map<String, String> path) {
        String sid = Sids.next("CH");
        String now = TwilioTime.iso(Instant.now());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sid", sid);
        values.put("account_sid", request.accountSid());
        values.put("chat_service_sid", scope.chatServiceSid(path));
        values.put("messaging_service_sid", defaultMessagingServiceSid);
        values.put("attributes", "{}");
        values.put("state", "active");
        values.put("date_created", request.param("DateCreated").orElse(now));
        values.put("date_updated", request.param("DateUpdated").orElse(now));
        values.put("timers", Map.of());
        values.put("bindings", Map.of());
        values.put("url", scope.url(path, sid, ""));
        values.put("links", Map.of(
                "participants", scope.url(path, sid, "/Participants"),
                "messages", scope.url(path, sid, "/Messages"),
                "webhooks", scope.url(path, sid, "/Webhooks"),
                "export", scope.url(path, sid, "/Export")));
        FIELDS.forEach((param, field) -> request.param(param).ifPresent(value -> values.put(field, value)));
        ObjectNode conversation = description.resource(SERVICE_SCHEMA, values);
        store.atomically(() -> {
            store.addConversation(conversation);
            if (ConversationWebhooks.enabledBy(request)) {
                webhooks.announce(request, conversation, "onConversationAdded", ConversationWebhooks.API,
                        ConversationWebhooks.conversation(conversation, false));
            }
            return conversation;
        });
        return render(201, path, conversation);
    }

    /** The chat service's conversations, paged ({@link Paging}); {@code State} filters exactly. */
    private StandInResponse list(StandInRequest request, Map<String, String> path) {
        return StandInResponse.json(200, ConversationScope.page(request, "conversations",
                store.conversations(scope.chatServiceSid(path)).stream()
                        .filter(c -> request.queryParam("State").map(c.path("state").asText()::equals).orElse(true))
                        .map(c -> project(path, c)).toList(),
                scope.url(path, "", "")));
    }

    private StandInResponse fetch(StandInRequest request, Map<String, String> path) {
        return render(200, path, scope.conversation(request, path, "Sid"));
    }

    private StandInResponse update(StandInRequest request, Map<String, String> path) {
        ObjectNode conversation = scope.conversation(request, path, "Sid");
        Map<String, String> changes = new LinkedHashMap<>();
        FIELDS.forEach((param, field) -> request.param(param).ifPresent(value -> changes.put(field, value)));
        changes.put("date_updated", request.param("DateUpdated").orElse(TwilioTime.iso(Instant.now())));
        String sid = conversation.path("sid").asText();
        ObjectNode updated = store.atomically(() -> {
            String stateFrom = store.conversation(scope.chatServiceSid(path), sid).orElse(conversation)
                    .path("state").asText();
            ObjectNode changed = store.update(sid, changes);
            if (ConversationWebhooks.enabledBy(request)) {
                webhooks.announce(request, changed, "onConversationUpdated", ConversationWebhooks.API,
                        ConversationWebhooks.conversation(changed, true));
                if (!stateFrom.equals(changed.path("state").asText())) {
                    webhooks.announce(request, changed, "onConversationStateUpdated", ConversationWebhooks.API,
                            ConversationWebhooks.stateChange(changed, stateFrom, "API"));
                }
            }
            return changed;
        });
        return render(200, path, updated);
    }

    private StandInResponse delete(StandInRequest request, Map<String, String> path) {
        String sid = scope.conversation(request, path, "Sid").path("sid").asText();
        store.atomically(() -> {
            ObjectNode removed = ConversationScope.found(request, store.removeConversation(sid));
            if (ConversationWebhooks.enabledBy(request)) {
                webhooks.announce(request, removed, "onConversationRemoved", ConversationWebhooks.API,
                        ConversationWebhooks.removed(ConversationWebhooks.conversation(removed, true)));
            }
            return removed;
        });
        return StandInResponse.noContent();
    }

    private StandInResponse render(int status, Map<String, String> path, ObjectNode conversation) {
        return StandInResponse.json(status, project(path, conversation));
    }

    private ObjectNode project(Map<String, String> path, ObjectNode conversation) {
        return description.project(ConversationScope.schema(path, SCHEMA, SERVICE_SCHEMA), conversation);
    }
}
