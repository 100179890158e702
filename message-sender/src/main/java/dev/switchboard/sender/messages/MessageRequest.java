package dev.switchboard.sender.messages;

import dev.switchboard.sender.outbound.OutboundMessage;
import dev.switchboard.problem.Violations;
import dev.switchboard.sender.send.Senders;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An SMS or WhatsApp message to send ({@code POST /messages} and Kafka commands alike).
 *
 * @param to           E.164 number; for WhatsApp with or without the {@code whatsapp:} prefix
 * @param templateKind which configured WhatsApp template replaces it outside the 24-hour window (63016)
 */
public record MessageRequest(String to, String body, List<String> mediaUrls, String channel, String contentSid,
                             Map<String, String> contentVariables, String templateKind) {

    /** Twilio's limit on one message body. */
    public static final int MAX_BODY = 1_600;
    static final int MAX_MEDIA = 10;
    private static final Set<String> CHANNELS = Set.of("sms", "whatsapp");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");

    public MessageRequest {
        mediaUrls = mediaUrls == null ? List.of() : mediaUrls;
    }

    /** @throws dev.switchboard.problem.ProblemException 400 naming every broken rule */
    public MessageRequest validated() {
        new Violations()
                .check(channel != null && CHANNELS.contains(channel), "channel must be sms or whatsapp")
                .check(to != null && E164.matcher(number()).matches(),
                        "to must be an E.164 number such as +15551234567")
                .check(!(to != null && to.startsWith(Senders.WHATSAPP_PREFIX) && !"whatsapp".equals(channel)),
                        "a whatsapp: address needs channel whatsapp")
                .check(hasBody() || !mediaUrls.isEmpty() || contentSid != null,
                        "a message needs a body, media or a contentSid")
                .check(body == null || body.length() <= MAX_BODY, "body must be at most " + MAX_BODY + " characters")
                .check(mediaUrls.size() <= MAX_MEDIA, "at most " + MAX_MEDIA + " mediaUrls")
                .check(mediaUrls.stream().allMatch(MessageRequest::isHttpUrl), "mediaUrls must be absolute http(s) URLs")
                .check(contentSid == null || CONTENT_SID.matcher(contentSid).matches(),
                        "contentSid must be a Content SID (HX followed by 32 hex digits)")
                .throwIfAny();
        return this;
    }

    public OutboundMessage draft(String idempotencyKey, String from, String requestedBy) {
        OutboundMessage draft = new OutboundMessage();
        draft.id = UUID.randomUUID();
        draft.idempotencyKey = idempotencyKey;
        draft.channel = channel;
        draft.toAddress = "whatsapp".equals(channel) ? Senders.WHATSAPP_PREFIX + number() : number();
        draft.fromAddress = from;
        draft.body = hasBody() ? body : null;
        draft.mediaUrls = List.copyOf(mediaUrls);
        draft.contentSid = contentSid;
        draft.contentVariables = contentVariables == null || contentVariables.isEmpty() ? null : Map.copyOf(contentVariables);
        draft.templateKind = templateKind;
        draft.requestedBy = requestedBy;
        return draft;
    }

    private String number() {
        return to.startsWith(Senders.WHATSAPP_PREFIX) ? to.substring(Senders.WHATSAPP_PREFIX.length()) : to;
    }

    private boolean hasBody() {
        return body != null && !body.isBlank();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException | NullPointerException notAUri) {
            return false;
        }
    }
}
