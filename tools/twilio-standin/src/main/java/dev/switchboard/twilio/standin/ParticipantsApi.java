package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Participants of a conversation: chat identities, or SMS/WhatsApp addresses behind a proxy address. Adds, updates
 * and removals are announced as onParticipantAdded, onParticipantUpdated and onParticipantRemoved.
 */
final class ParticipantsApi {

    private static final String SCHEMA = "conversations.v1.conversation.conversation_participant";
    private static final String SERVICE_SCHEMA =
            "conversations.v1.service.service_conversation.service_conversation_participant";
    /** Form parameter to resource field, for updates. */
    private static final Map<String, String> UPDATABLE = Map.of(
            "Identity", "identity",
            "Attributes", "attributes",
            "RoleSid", "role_sid",
            "DateCreated", "date_created",
            "LastReadTimestamp", "last_read_timestamp");

    private final OpenApiDescription description;
    private final ConversationStore store;
    private final ConversationScope scope;
    private final ConversationWebhooks webhooks;

    ParticipantsApi(OpenApiDescription description, ConversationStore store, ConversationScope scope,
                    ConversationWebhooks webhooks) {
        this.description = description;
        this.store = store;
        this.scope = scope;
        this.webhooks = webhooks;
    }

    void register(Routes routes) {
        for (String prefix : ConversationScope.PREFIXES) {
            routes.collection(prefix + "/{ConversationSid}/Participants",
                    this::create, this::list, this::fetch, this::update, this::delete);
        }
    }

    private StandInResponse create(StandInRequest request, Map<String, String> path) {
        ObjectNode conversation = scope.conversation(request, path, "ConversationSid");
        Optional<String> identity = request.param("Identity");
        Optional<String> address = request.param("MessagingBinding.Address");
        if (identity.isEmpty() && address.isEmpty()) {
            throw new TwilioException(400, 20001, "Either Identity or MessagingBinding.Address is required");
        }
        String conversationSid = conversation.path("sid").asText();
        String sid = Sids.next("MB");
        String now = TwilioTime.iso(Instant.now());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sid", sid);
        values.put("account_sid", conversation.path("account_sid").asText());
        values.put("chat_service_sid", conversation.path("chat_service_sid").asText());
        values.put("conversation_sid", conversationSid);
        values.put("identity", identity.orElse(null));
        values.put("attributes", request.param("Attributes").orElse("{}"));
        values.put("messaging_binding", address.map(value -> binding(request, value)).orElse(null));
        values.put("role_sid", request.param("RoleSid").orElse(null));
        values.put("date_created", request.param("DateCreated").orElse(now));
        values.put("date_updated", request.param("DateUpdated").orElse(now));
        values.put("url", scope.url(path, conversationSid, "/Participants/" + sid));
        ObjectNode participant = description.resource(SERVICE_SCHEMA, values);
        store.atomically(() -> {
            store.addParticipant(conversationSid, participant);
            if (ConversationWebhooks.enabledBy(request)) {
                webhooks.announce(request, conversation, "onParticipantAdded", ConversationWebhooks.API,
                        ConversationWebhooks.participant(participant, false));
            }
            return participant;
        });
        return StandInResponse.json(201, project(path, participant));
    }

    private static Map<String, Object> binding(StandInRequest request, String address) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("type", address.startsWith("whatsapp:") ? "whatsapp" : "sms");
        binding.put("address", address);
        binding.put("proxy_address", request.param("MessagingBinding.ProxyAddress").orElse(null));
        return binding;
    }

    private StandInResponse list(StandInRequest request, Map<String, String> path) {
        String conversationSid = scope.conversation(request, path, "ConversationSid").path("sid").asText();
        return StandInResponse.json(200, ConversationScope.page(request, "participants",
                store.participants(conversationSid).stream().map(p -> project(path, p)).toList(),
                scope.url(path, conversationSid, "/Participants")));
    }

    private StandInResponse fetch(StandInRequest request, Map<String, String> path) {
        String conversationSid = scope.conversation(request, path, "ConversationSid").path("sid").asText();
        return ConversationScope.child(request, path, store.participants(conversationSid),
                participant -> project(path, participant));
    }

    private StandInResponse update(StandInRequest request, Map<String, String> path) {
        ObjectNode conversation = scope.conversation(request, path, "ConversationSid");
        String conversationSid = conversation.path("sid").asText();
        ObjectNode participant = store.atomically(() -> {
            ObjectNode updated = ConversationScope.found(request, store.updateParticipant(conversationSid,
                    path.get("Sid"), stored -> {
                        UPDATABLE.forEach((param, field) -> request.param(param).ifPresent(value -> stored.put(field, value)));
                        request.param("LastReadMessageIndex").ifPresent(index ->
                                stored.put("last_read_message_index", messageIndex(index)));
                        request.param("MessagingBinding.ProxyAddress").filter(value -> stored.path("messaging_binding").isObject())
                                .ifPresent(proxy -> ((ObjectNode) stored.get("messaging_binding")).put("proxy_address", proxy));
                        stored.put("date_updated", request.param("DateUpdated").orElse(TwilioTime.iso(Instant.now())));
                        return stored;
                    }));
            if (ConversationWebhooks.enabledBy(request)) {
                webhooks.announce(request, conversation, "onParticipantUpdated", ConversationWebhooks.API,
                        ConversationWebhooks.participant(updated, true));
            }
            return updated;
        });
        return StandInResponse.json(200, project(path, participant));
    }

    private static int messageIndex(String index) {
        try {
            return Integer.parseInt(index);
        } catch (NumberFormatException notANumber) {
            throw new TwilioException(400, 20001, "Invalid LastReadMessageIndex: " + index);
        }
    }

    private StandInResponse delete(StandInRequest request, Map<String, String> path) {
        ObjectNode conversation = scope.conversation(request, path, "ConversationSid");
        String conversationSid = conversation.path("sid").asText();
        store.atomically(() -> {
            ObjectNode removed = ConversationScope.found(request, store.removeParticipant(conversationSid, path.get("Sid")));
            if (ConversationWebhooks.enabledBy(request)) {
                webhooks.announce(request, conversation, "onParticipantRemoved", ConversationWebhooks.API,
                        ConversationWebhooks.removed(ConversationWebhooks.participant(removed, true)));
            }
            return removed;
        });
        return StandInResponse.noContent();
    }

    private ObjectNode project(Map<String, String> path, ObjectNode participant) {
        return description.project(ConversationScope.schema(path, SCHEMA, SERVICE_SCHEMA), participant);
    }
}
