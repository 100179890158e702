package dev.switchboard.conversations.completion;

import dev.switchboard.events.MessageData;
import dev.switchboard.events.SendRequestData;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The reply to an inbound message, as a send command for message-sender. Its command id is derived from the message
 * SID, so however often the reply is requested, message-sender sends it once.
 */
@ApplicationScoped
public class Replies {

    private final TaskCompletionConfig config;

    public Replies(TaskCompletionConfig config) {
        this.config = config;
    }

    SendRequestData completed(MessageData inbound, int points, long total) {
        return to(inbound, config.replies().completed()
                .replace("{points}", Integer.toString(points))
                .replace("{total}", Long.toString(total)));
    }

    SendRequestData noActiveTask(MessageData inbound) {
        return to(inbound, config.replies().noActiveTask());
    }

    SendRequestData photoNeeded(MessageData inbound, String task) {
        return to(inbound, config.replies().photoNeeded().replace("{task}", task == null ? "" : task));
    }

    SendRequestData unknownSender(MessageData inbound) {
        return to(inbound, config.replies().unknownSender());
    }

    private SendRequestData to(MessageData inbound, String body) {
        String commandId = "reply-" + inbound.messageSid();
        if (inbound.conversationSid() != null) {
            return new SendRequestData(commandId, "conversation", null, body, null, inbound.conversationSid(),
                    config.replyAuthor(), null, null, inbound.messageSid());
        }
        // Answer on the channel and to the address the user wrote from.
        return new SendRequestData(commandId, inbound.channel(), inbound.from(), body, null, null, null, null, null,
                inbound.messageSid());
    }
}
