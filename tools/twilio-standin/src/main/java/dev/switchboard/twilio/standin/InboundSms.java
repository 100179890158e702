package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /_standin/sms/inbound}: a handset texts a Twilio number, and the stand-in routes the message as Twilio
 * does. When From and To are the Address and ProxyAddress of a participant of a conversation that is not closed, the
 * message joins that conversation (Author = From, onMessageAdded with {@code Source=SMS}, always, whatever any
 * header says) and goes on to the conversation's other SMS/WhatsApp participants; otherwise it goes to the Messaging
 * webhook ({@code TWILIO_STANDIN_MESSAGING_WEBHOOK_URL}), if there is one. Either way it is kept as an inbound Message
 * resource ({@code direction=inbound}, {@code status=received}).
 */
public final class InboundSms {

    public static final String PATH = ControlApi.PREFIX + "/sms/inbound";

    private final ConversationStore store;
    private final ConversationScope scope;
    private final ConversationMessagesApi conversationMessages;
    private final MessagingStore messages;
    private final WebhookDeliveries deliveries;
    private final StandInSettings settings;

    InboundSms(ConversationStore store, ConversationScope scope, ConversationMessagesApi conversationMessages,
               MessagingStore messages, WebhookDeliveries deliveries, StandInSettings settings) {
        this.store = store;
        this.scope = scope;
        this.conversationMessages = conversationMessages;
        this.messages = messages;
        this.deliveries = deliveries;
        this.settings = settings;
    }

    void register(Routes control) {
        control.add("POST", PATH, this::receive);
    }

    private StandInResponse receive(StandInRequest request, Map<String, String> path) {
        Map<String, String> sms;
        try {
            sms = fields(request);
        } catch (IOException | IllegalArgumentException e) {
            return StandInResponse.problem(400, "Invalid inbound SMS", e.getMessage());
        }
        String from = sms.get("from");
        String to = sms.get("to");
        String body = sms.getOrDefault("body", "");
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            return StandInResponse.problem(400, "Invalid inbound SMS", "from and to are required: "
                    + "{\"from\": \"+15551230001\", \"to\": \"+15005550006\", \"body\": \"hi\"}");
        }
        Optional<ConversationStore.Binding> binding = store.bound(from, to);
        return binding.isPresent()
                ? intoConversation(request, binding.get().conversation(), from, to, body)
                : toMessagingWebhook(sms.getOrDefault("account_sid", settings.accountSid()), from, to, body);
    }

    private StandInResponse intoConversation(StandInRequest request, JsonNode conversation, String from, String to,
                                             String body) {
        ObjectNode received = messages.add(new MessagingStore.NewMessage(conversation.path("account_sid").asText(),
                "inbound", "received", from, to, body, conversation.path("messaging_service_sid").asText(null), 0));
        ObjectNode message = conversationMessages.add(request, scope.pathOf(conversation), conversation,
                new ConversationMessagesApi.NewMessage(from, body, null, null, null, null, null),
                Optional.of(from.startsWith("whatsapp:") ? "WHATSAPP" : "SMS"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("routed_to", "conversation");
        answer.put("sms_sid", received.path("sid").asText());
        answer.put("conversation_sid", conversation.path("sid").asText());
        answer.put("participant_sid", message.path("participant_sid").asText(null));
        answer.put("message_sid", message.path("sid").asText());
        answer.put("index", message.path("index").asInt());
        return StandInResponse.json(200, answer);
    }

    private StandInResponse toMessagingWebhook(String accountSid, String from, String to, String body) {
        ObjectNode received = messages.add(new MessagingStore.NewMessage(accountSid, "inbound", "received", from, to,
                body, null, 0));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("routed_to", settings.messagingWebhookUrl().isPresent() ? "messaging" : "none");
        answer.put("sms_sid", received.path("sid").asText());
        settings.messagingWebhookUrl().ifPresent(url -> {
            answer.put("webhook_url", url);
            answer.put("webhook_status", deliveries.sendNow(new WebhookDeliveries.Delivery("messaging", url, "POST",
                    messagingParams(received))).orElse(null));
        });
        return StandInResponse.json(200, answer);
    }

    /** Twilio's inbound Messaging webhook parameters. */
    static Map<String, String> messagingParams(JsonNode message) {
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
        params.put("NumMedia", "0");
        params.put("NumSegments", message.path("num_segments").asText("1"));
        params.put("SmsStatus", "received");
        params.put("ApiVersion", "2010-04-01");
        if (from.startsWith("whatsapp:")) {
            params.put("WaId", from.substring("whatsapp:".length()).replace("+", ""));
            params.put("MessageType", "text");
        }
        return params;
    }

    /** JSON {@code {"from", "to", "body", "account_sid"}}, or a form with Twilio's From, To, Body, AccountSid. */
    private static Map<String, String> fields(StandInRequest request) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (request.header("content-type").orElse("").startsWith("application/x-www-form-urlencoded")) {
            request.param("From").ifPresent(value -> fields.put("from", value));
            request.param("To").ifPresent(value -> fields.put("to", value));
            request.param("Body").ifPresent(value -> fields.put("body", value));
            request.param("AccountSid").ifPresent(value -> fields.put("account_sid", value));
            return fields;
        }
        JsonNode json = Json.MAPPER.readTree(request.body());
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a JSON object is required");
        }
        for (String name : new String[] {"from", "to", "body", "account_sid"}) {
            if (json.path(name).isTextual()) {
                fields.put(name, json.path(name).asText());
            }
        }
        return fields;
    }
}
