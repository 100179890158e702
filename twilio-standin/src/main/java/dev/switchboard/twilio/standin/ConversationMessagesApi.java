package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Messages of a conversation, indexed 0, 1, 2 ... per conversation. */
final class ConversationMessagesApi {

    private static final String SCHEMA = "conversations.v1.conversation.conversation_message";
    private static final String SERVICE_SCHEMA =
            "conversations.v1.service.service_conversation.service_conversation_message";

    private final OpenApiDescription description;
    private final ConversationStore store;
    private final ConversationScope scope;
    private final MediaStore media;

    ConversationMessagesApi(OpenApiDescription description, ConversationStore store, ConversationScope scope,
                            MediaStore media) {
        this.description = description;
        this.store = store;
        this.scope = scope;
        this.media = media;
    }

    void register(Routes routes) {
        for (String prefix : ConversationScope.PREFIXES) {
            String messages = prefix + "/{ConversationSid}/Messages";
            routes.add("POST", messages, this::create)
                    .add("GET", messages, this::list)
                    .add("GET", messages + "/{Sid}", this::fetch)
                    .add("DELETE", messages + "/{Sid}", this::delete);
        }
    }

    private StandInResponse create(StandInRequest request, Map<String, String> path) {
        ObjectNode conversation = scope.conversation(request, path, "ConversationSid");
        String conversationSid = conversation.path("sid").asText();
        String author = request.param("Author").orElse("system");
        ObjectNode message = store.addMessage(conversationSid, index -> {
            String sid = Sids.next("IM");
            String now = TwilioTime.iso(Instant.now());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("sid", sid);
            values.put("account_sid", request.accountSid());
            values.put("chat_service_sid", conversation.path("chat_service_sid").asText());
            values.put("conversation_sid", conversationSid);
            values.put("index", index);
            values.put("author", author);
            values.put("body", request.param("Body").orElse(null));
            values.put("media", request.param("MediaSid").map(this::mediaItems).orElse(null));
            values.put("attributes", request.param("Attributes").orElse("{}"));
            values.put("participant_sid", participantSid(conversationSid, author).orElse(null));
            values.put("date_created", request.param("DateCreated").orElse(now));
            values.put("date_updated", request.param("DateUpdated").orElse(now));
            values.put("url", scope.url(path, conversationSid, "/Messages/" + sid));
            values.put("links", Map.of(
                    "delivery_receipts", scope.url(path, conversationSid, "/Messages/" + sid + "/Receipts"),
                    "channel_metadata", scope.url(path, conversationSid, "/Messages/" + sid + "/ChannelMetadata")));
            values.put("content_sid", request.param("ContentSid").orElse(null));
            return description.resource(SERVICE_SCHEMA, values);
        });
        return StandInResponse.json(201, project(path, message));
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
        return StandInResponse.json(200, ConversationScope.page("messages", messages,
                scope.url(path, conversationSid, "/Messages")));
    }

    private StandInResponse fetch(StandInRequest request, Map<String, String> path) {
        String conversationSid = scope.conversation(request, path, "ConversationSid").path("sid").asText();
        return ConversationScope.child(request, path, store.messages(conversationSid),
                message -> project(path, message));
    }

    private StandInResponse delete(StandInRequest request, Map<String, String> path) {
        String conversationSid = scope.conversation(request, path, "ConversationSid").path("sid").asText();
        return ConversationScope.removed(request, store.removeMessage(conversationSid, path.get("Sid")));
    }

    private ObjectNode project(Map<String, String> path, ObjectNode message) {
        return description.project(ConversationScope.schema(path, SCHEMA, SERVICE_SCHEMA), message);
    }
}
