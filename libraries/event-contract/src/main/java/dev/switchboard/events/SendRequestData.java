package dev.switchboard.events;

import java.util.List;
import java.util.Map;

/**
 * A command to send one message through Twilio. {@code commandId} makes it idempotent: the same id is sent once.
 *
 * @param channel         {@code sms}, {@code whatsapp} or {@code conversation}
 * @param conversationSid target Conversation when {@code channel} is {@code conversation}
 * @param inReplyTo       SID of the message this answers, for tracing
 */
public record SendRequestData(
        String commandId,
        String channel,
        String to,
        String body,
        List<String> mediaUrls,
        String conversationSid,
        String author,
        String contentSid,
        Map<String, String> contentVariables,
        String inReplyTo) {

    public SendRequestData {
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
        contentVariables = contentVariables == null ? Map.of() : Map.copyOf(contentVariables);
    }
}
