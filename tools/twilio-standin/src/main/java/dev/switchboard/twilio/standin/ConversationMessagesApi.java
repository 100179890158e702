package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages of a conversation, indexed 0, 1, 2 ... per conversation. Each added message is sent to the conversation's
 * SMS/WhatsApp participants but its author ({@link ConversationSms}); adds, updates and removals are announced as
 * onMessageAdded, onMessageUpdated and onMessageRemoved ({@link ConversationWebhooks}).
 */
final class ConversationMessagesApi {

    private static final String SCHEMA = "conversations.v1.conversation.conversation_message";
    private static final String SERVICE_SCHEMA =
            "conversations.v1.service.service_conversation.service_conversation_message";
    /** Form parameter to resource field, for updates. */
    private static final Map<String, String> UPDATABLE = Map.of(
            "Author", "author",
            "Body", "body",
            "Attributes", "attributes",
            "DateCreated", "date_created");

    /**
     * A message to add, in the REST API's parameter names.
     *
     * @param author null for {@code system}
     */
    record NewMessage(String author, String body, String attributes, String mediaSid, String contentSid,
                      String dateCreated, String dateUpdated) {
    }

    private final OpenApiDescription description;
    private final ConversationStore store;
    private final ConversationScope scope;
    private final MediaStore media;
    private final ConversationSms sms;
    private final ConversationWebhooks webhooks;

    ConversationMessagesApi(OpenApiDescription description, ConversationStore store, ConversationScope scope,
                            MediaStore media, ConversationSms sms, ConversationWebhooks webhooks) {
        this.description = description;
        this.store = store;
        this.scope = scope;
        this.media = media;
        this.sms = sms;
        this.webhooks = webhooks;
    }

    void register(Routes routes) {
        for (String prefix : ConversationScope.PREFIXES) {
            routes.collection(prefix + "/{ConversationSid}/Messages",
                    this::create, this::list, this::fetch, this::update, this::delete);
        }
    }

    private StandInResponse create(StandInRequest request, Map<String, String> path) {
        ObjectNode conversation = scope.conversation(request, path, "ConversationSid");
        NewMessage fields = new NewMessage(request.param("Author").orElse(null), request.param("Body").orElse(null),
                request.param("Attributes").orElse(null), request.param("MediaSid").orElse(null),
                request.param("ContentSid").orElse(null), request.param("DateCreated").orElse(null),
                request.param("DateUpdated").orElse(null));
        ObjectNode message = add(request, path, conversation, fields, ConversationWebhooks.enabledBy(request)
                ? Optional.of(ConversationWebhooks.API) : Optional.empty());
        return StandInResponse.json(201, project(path, message));
    }

    /**
     * Adds a message as one step with what follows from it: the SMS to bound participants and, when
     * {@code announcedAs} names a {@code Source}, onMessageAdded.
     *
     * @param origin the request that adds it (its answer goes first)
     * @param path   the form of path the message's URLs take
     */
    ObjectNode add(StandInRequest origin, Map<String, String> path, JsonNode conversation, NewMessage fields,
                   Optional<String> announcedAs) {
        String conversationSid = conversation.path("sid").asText();
        String author = fields.author() == null ? "system" : fields.author();
        return store.atomically(() -> {
            ObjectNode message = store.addMessage(conversationSid, index -> {
                String sid = Sids.next("IM");
                String now = TwilioTime.iso(Instant.now());
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("sid", sid);
                values.put("account_sid", conversation.path("account_sid").asText());
                values.put("chat_service_sid", conversation.path("chat_service_sid").asText());
                values.put("conversation_sid", conversationSid);
                values.put("index", index);
                values.put("author", author);
                values.put("body", fields.body());
                values.put("media", Optional.ofNullable(fields.mediaSid()).map(this::mediaItems).orElse(null));
                values.put("attributes", fields.attributes() == null ? "{}" : fields.attributes());
                values.put("participant_sid", participantSid(conversationSid, author).orElse(null));
                values.put("date_created", fields.dateCreated() == null ? now : fields.dateCreated());
                values.put("date_updated", fields.dateUpdated() == null ? now : fields.dateUpdated());
                values.put("url", scope.url(path, conversationSid, "/Messages/" + sid));
                values.put("links", Map.of(
                        "delivery_receipts", scope.url(path, conversationSid, "/Messages/" + sid + "/Receipts"),
                        "channel_metadata", scope.url(path, conversationSid, "/Messages/" + sid + "/ChannelMetadata")));
                values.put("content_sid", fields.contentSid());
                return description.resource(SERVICE_SCHEMA, values);
            });
            sms.deliver(conversation, message);
            announcedAs.ifPresent(source -> webhooks.announce(origin, conversation, "onMessageAdded", source,
                    ConversationWebhooks.message(conversation, message, false)));
            return message;
        });
    }

    private List<Map<String, Object>> mediaItems(String mediaSid) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sid", mediaSid);
        item.put("category", "media");
        Optional<MediaStore.Media> stored = media.get(mediaSid);
        item.put("content_type", stored.map(MediaStore.Media::contentType).orElse(null));
        item.put("size", stored.map(m -> m.bytes().length).orElse(null));
        item.put("filename", stored.map(MediaStore.Media::filename).orElse(null));
        return List.of(item);
    }

    private Optional<String> participantSid(String conversationSid, String author) {
        return store.participants(conversationSid).stream()
                .filter(participant -> participant.path("identity").asText("").equals(author)
                        || participant.path("messaging_binding").path("address").asText("").equals(author))
                .map(participant -> participant.path("sid").asText())
                .findFirst();
    }

    private StandInResponse list(StandInRequest request, Map<String, String> path) {
        String conversationSid = scope.conversation(request, path, "ConversationSid").path("sid").asText();
        List<ObjectNode> messages = new ArrayList<>(store.messages(conversationSid).stream().map(m -> project(path, m)).toList());
        if (request.queryParam("Order").filter("desc"::equals).isPresent()) {
            Collections.reverse(messages);
        }
        return StandInResponse.json(200, ConversationScope.page(request, "messages", messages,
                scope.url(path, conversationSid, "/Messages")));
    }

    private StandInResponse fetch(StandInRequest request, Map<String, String> path) {
        String conversationSid = scope.conversation(request, path, "ConversationSid").path("sid").asText();
        return ConversationScope.child(request, path, store.messages(conversationSid),
                message -> project(path, message));
    }

    private StandInResponse update(StandInRequest request, Map<String, String> path) {
        ObjectNode conversation = scope.conversation(request, path, "ConversationSid");
        String conversationSid = conversation.path("sid").asText();
        ObjectNode message = store.atomically(() -> {
            ObjectNode updated = ConversationScope.found(request, store.updateMessage(conversationSid, path.get("Sid"),
                    stored -> {
                        UPDATABLE.forEach((param, field) -> request.param(param).ifPresent(value -> stored.put(field, value)));
                        stored.put("date_updated", request.param("DateUpdated").orElse(TwilioTime.iso(Instant.now())));
                        return stored;
                    }));
            if (ConversationWebhooks.enabledBy(request)) {
                webhooks.announce(request, conversation, "onMessageUpdated", ConversationWebhooks.API,
                        ConversationWebhooks.message(conversation, updated, true));
            }
            return updated;
        });
        return StandInResponse.json(200, project(path, message));
    }

    private StandInResponse delete(StandInRequest request, Map<String, String> path) {
        ObjectNode conversation = scope.conversation(request, path, "ConversationSid");
        String conversationSid = conversation.path("sid").asText();
        store.atomically(() -> {
            ObjectNode removed = ConversationScope.found(request, store.removeMessage(conversationSid, path.get("Sid")));
            if (ConversationWebhooks.enabledBy(request)) {
                webhooks.announce(request, conversation, "onMessageRemoved", ConversationWebhooks.API,
                        ConversationWebhooks.removed(ConversationWebhooks.message(conversation, removed, true)));
            }
            return removed;
        });
        return StandInResponse.noContent();
    }

    private ObjectNode project(Map<String, String> path, ObjectNode message) {
        return description.project(ConversationScope.schema(path, SCHEMA, SERVICE_SCHEMA), message);
    }
}
