package dev.switchboard.twilio;

import java.util.regex.Pattern;

/**
 * The one Twilio Conversations service Switchboard's gig conversations live in ({@code TWILIO_CONVERSATIONS_SERVICE_SID})
 * and the paths of its resources. Every Conversations call goes to the service-scoped paths: the unscoped
 * {@code /v1/Conversations/...} paths address the account's default service, where a conversation created in this
 * service does not exist (Twilio answers 404, code 20404). The SDK's {@code conversations.v1.service} classes build the
 * same paths; this class serves the requests Switchboard builds itself.
 */
public record ConversationsService(String sid) {

    private static final Pattern SERVICE_SID = Pattern.compile("IS[0-9a-fA-F]{32}");

    public ConversationsService {
        if (sid == null || !SERVICE_SID.matcher(sid).matches()) {
            throw new IllegalArgumentException("TWILIO_CONVERSATIONS_SERVICE_SID must be a Conversations service SID"
                    + " (IS followed by 32 hex digits), not '" + sid + "'");
        }
    }

    /** {@code /v1/Services/{IS}/Conversations/{CH}/Messages} on the conversations domain. */
    public String messagesPath(String conversationSid) {
        return "/v1/Services/" + sid + "/Conversations/" + conversationSid + "/Messages";
    }
}
