package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /_standin/sms/inbound}: a handset texts a Twilio number, and the stand-in routes the message as Twilio
 * does. When From and To are the Address and ProxyAddress of a participant of a conversation that is not closed, the
 * message joins that conversation (Author = From, onMessageAdded with {@code Source=SMS}, always, whatever any
 * header says) and goes on to the conversation's other SMS/WhatsApp participants; otherwise it goes to the Messaging
 * webhook ({@code TWILIO_STANDIN_MESSAGING_WEBHOOK_URL}), if there is one. Either way it is kept as an inbound Message
 * resource ({@code direction=inbound}, {@code status=received}). Media put with {@code PUT /_standin/media/{Sid}}
 * and named in {@code media} travels with it, at Twilio's media URLs.
 */
public final class InboundSms {

    public static final String PATH = ControlApi.PREFIX + "/sms/inbound";

    private final ConversationStore store;
    private final ConversationScope scope;
    private final ConversationMessagesApi conversationMessages;
    private final MessagingStore messages;
    private final WebhookDeliveries deliveries;
    private final StandInSettings settings;
    private final MediaStore media;
    private final String baseUrl;

    /** What the handset sent: {@code media} are SIDs of media put through the control API. */
    private record Sms(String from, String to, String body, String accountSid, List<String> media) {
    }

    InboundSms(ConversationStore store, ConversationScope scope, ConversationMessagesApi conversationMessages,
               MessagingStore messages, WebhookDeliveries deliveries, StandInSettings settings, MediaStore media,
               String baseUrl) {
        this.store = store;
        this.scope = scope;
        this.conversationMessages = conversationMessages;
        this.messages = messages;
        this.deliveries = deliveries;
        this.settings = settings;
        this.media = media;
        this.baseUrl = baseUrl;
    }

    void register(Routes control) {
        control.add("POST", PATH, this::receive);
    }

    private StandInResponse receive(StandInRequest request, Map<String, String> path) {
        Sms sms;
        try {
            sms = fields(request);
        } catch (IOException | IllegalArgumentException e) {
            return StandInResponse.problem(400, "Invalid inbound SMS", e.getMessage());
        }
        if (sms.from() == null || sms.from().isBlank() || sms.to() == null || sms.to().isBlank()) {
            return StandInResponse.problem(400, "Invalid inbound SMS", "from and to are required: "
                    + "{\"from\": \"+15551230001\", \"to\": \"+15005550006\", \"body\": \"hi\"}");
        }
        Optional<String> unknown = sms.media().stream().filter(sid -> media.get(sid).isEmpty()).findFirst();
        if (unknown.isPresent()) {
            return StandInResponse.problem(400, "Invalid inbound SMS", "no media " + unknown.get()
                    + ": put it first with PUT /_standin/media/" + unknown.get());
        }
        Optional<ConversationStore.Binding> binding = store.bound(sms.from(), sms.to());
        return binding.isPresent()
                ? intoConversation(request, binding.get().conversation(), sms)
                : toMessagingWebhook(sms);
    }

    private StandInResponse intoConversation(StandInRequest request, JsonNode conversation, Sms sms) {
        ObjectNode received = messages.add(new MessagingStore.NewMessage(conversation.path("account_sid").asText(),
                "inbound", "received", sms.from(), sms.to(), sms.body(),
                conversation.path("messaging_service_sid").asText(null), 0), sms.media());
        // A Conversations message holds one media item here, as the REST API's MediaSid adds one.
        ObjectNode message = conversationMessages.add(request, scope.pathOf(conversation), conversation,
                new ConversationMessagesApi.NewMessage(sms.from(), sms.body(), null,
                        sms.media().stream().findFirst().orElse(null), null, null, null),
                Optional.of(sms.from().startsWith("whatsapp:") ? "WHATSAPP" : "SMS"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("routed_to", "conversation");
        answer.put("sms_sid", received.path("sid").asText());
        answer.put("conversation_sid", conversation.path("sid").asText());
        answer.put("participant_sid", message.path("participant_sid").asText(null));
        answer.put("message_sid", message.path("sid").asText());
        answer.put("index", message.path("index").asInt());
        return StandInResponse.json(200, answer);
    }

    private StandInResponse toMessagingWebhook(Sms sms) {
        ObjectNode received = messages.add(new MessagingStore.NewMessage(sms.accountSid(), "inbound", "received",
                sms.from(), sms.to(), sms.body(), null, 0), sms.media());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("routed_to", settings.messagingWebhookUrl().isPresent() ? "messaging" : "none");
        answer.put("sms_sid", received.path("sid").asText());
        settings.messagingWebhookUrl().ifPresent(url -> {
            WebhookDeliveries.Delivery delivery = new WebhookDeliveries.Delivery(WebhookDrops.MESSAGING, url, "POST",
                    messagingParams(received, mediaUrls(received, sms.media())));
            boolean dropped = deliveries.drop(delivery);
            answer.put("webhook_url", url);
            answer.put("webhook_status", dropped ? null : deliveries.sendNow(delivery).orElse(null));
            answer.put("webhook_dropped", dropped);
        });
        return StandInResponse.json(200, answer);
    }

    /** Media URL to content type, in order: where Twilio serves a received message's media. */
    private Map<String, String> mediaUrls(JsonNode message, List<String> mediaSids) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String sid : mediaSids) {
            urls.put(baseUrl + "/2010-04-01/Accounts/" + message.path("account_sid").asText() + "/Messages/"
                    + message.path("sid").asText() + "/Media/" + sid,
                    media.get(sid).map(MediaStore.Media::contentType).orElse("application/octet-stream"));
        }
        return urls;
    }

    /** Twilio's inbound Messaging webhook parameters. */
    static Map<String, String> messagingParams(JsonNode message, Map<String, String> mediaUrls) {
        String sid = message.path("sid").asText();
        String from = message.path("from").asText();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("AccountSid", message.path("account_sid").asText());
        params.put("From", from);
        params.put("To", message.path("to").asText());
        params.put("Body", message.path("body").asText(""));
        params.put("NumMedia", String.valueOf(mediaUrls.size()));
        int index = 0;
        for (Map.Entry<String, String> media : mediaUrls.entrySet()) {
            params.put("MediaUrl" + index, media.getKey());
            params.put("MediaContentType" + index, media.getValue());
            index++;
        }
        params.put("NumSegments", message.path("num_segments").asText("1"));
        params.put("SmsStatus", "received");
        params.put("ApiVersion", "2010-04-01");
        if (from.startsWith("whatsapp:")) {
            params.put("WaId", from.substring("whatsapp:".length()).replace("+", ""));
            params.put("MessageType", mediaUrls.values().stream().findFirst().map(InboundSms::messageType).orElse("text"));
        }
        return params;
    }

    /** WhatsApp's MessageType of a message whose first media item has this content type. */
    private static String messageType(String contentType) {
        String kind = contentType.substring(0, Math.max(0, contentType.indexOf('/')));
        return List.of("image", "video", "audio").contains(kind) ? kind : "document";
    }

    /**
     * JSON {@code {"from", "to", "body", "account_sid", "media": ["ME…"]}}, or a form with Twilio's From, To, Body,
     * AccountSid and MediaSid (repeated).
     */
    private Sms fields(StandInRequest request) throws IOException {
        if (request.header("content-type").orElse("").startsWith("application/x-www-form-urlencoded")) {
            return new Sms(request.param("From").orElse(null), request.param("To").orElse(null),
                    request.param("Body").orElse(""), request.param("AccountSid").orElse(settings.accountSid()),
                    request.params("MediaSid"));
        }
        JsonNode json = Json.MAPPER.readTree(request.body());
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a JSON object is required");
        }
        List<String> mediaSids = new ArrayList<>();
        JsonNode named = json.path("media");
        if (!named.isMissingNode() && !named.isNull()) {
            if (!named.isArray()) {
                throw new IllegalArgumentException("media must be an array of media SIDs");
            }
            named.forEach(sid -> mediaSids.add(sid.asText()));
        }
        return new Sms(text(json, "from"), text(json, "to"), Optional.ofNullable(text(json, "body")).orElse(""),
                Optional.ofNullable(text(json, "account_sid")).orElse(settings.accountSid()), mediaSids);
    }

    private static String text(JsonNode json, String name) {
        return json.path(name).isTextual() ? json.path(name).asText() : null;
    }
}
