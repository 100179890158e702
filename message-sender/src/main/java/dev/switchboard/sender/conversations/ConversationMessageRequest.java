package dev.switchboard.sender.conversations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sender.messages.MessageRequest;
import dev.switchboard.sender.outbound.OutboundMessage;
import dev.switchboard.problem.Violations;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A message into a Twilio Conversation ({@code POST /conversations/{sid}/messages} and Kafka commands alike).
 *
 * @param author     the participant identity it is sent as; app users may only send as themselves
 * @param attributes JSON object text, kept by Twilio with the message
 * @param mediaSid   media uploaded to the Conversation's Media Content Service (ME...)
 */
public record ConversationMessageRequest(String author, String body, String attributes, String mediaSid) {

    private static final Pattern CONVERSATION_SID = Pattern.compile("CH[0-9a-fA-F]{32}");
    private static final Pattern MEDIA_SID = Pattern.compile("ME[0-9a-fA-F]{32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws dev.switchboard.problem.ProblemException 400 naming every broken rule */
    public ConversationMessageRequest validated(String conversationSid) {
        new Violations()
                .check(conversationSid != null && CONVERSATION_SID.matcher(conversationSid).matches(),
                        "conversationSid must be a Conversation SID (CH followed by 32 hex digits)")
                .check(hasBody() || mediaSid != null, "a message needs a body or a mediaSid")
                .check(body == null || body.length() <= MessageRequest.MAX_BODY,
                        "body must be at most " + MessageRequest.MAX_BODY + " characters")
                .check(mediaSid == null || MEDIA_SID.matcher(mediaSid).matches(),
                        "mediaSid must be a Media SID (ME followed by 32 hex digits)")
                .check(attributes == null || isJsonObject(attributes), "attributes must be a JSON object as text")
                .check(author == null || !author.isBlank(), "author must not be blank")
                .throwIfAny();
        return this;
    }

    public OutboundMessage draft(String conversationSid, String sendAs, String idempotencyKey, String requestedBy) {
        OutboundMessage draft = new OutboundMessage();
        draft.id = UUID.randomUUID();
        draft.idempotencyKey = idempotencyKey;
        draft.channel = "conversation";
        draft.conversationSid = conversationSid;
        draft.author = sendAs;
        draft.body = hasBody() ? body : null;
        draft.attributes = attributes;
        draft.mediaSid = mediaSid;
        draft.requestedBy = requestedBy;
        return draft;
    }

    private boolean hasBody() {
        return body != null && !body.isBlank();
    }

    private static boolean isJsonObject(String text) {
        try {
            return JSON.readTree(text).isObject();
        } catch (IOException notJson) {
            return false;
        }
    }
}
