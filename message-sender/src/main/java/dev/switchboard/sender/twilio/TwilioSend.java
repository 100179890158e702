package dev.switchboard.sender.twilio;

import java.util.List;
import java.util.Optional;

/**
 * One request to Twilio, as recorded in the outbound log.
 *
 * @param from             E.164 or whatsapp: address, or a Messaging Service SID (MG...) that picks the sender
 * @param contentVariables JSON object text, as Twilio's ContentVariables parameter takes it
 */
public record TwilioSend(
        Kind kind,
        String to,
        String from,
        String body,
        List<String> mediaUrls,
        String contentSid,
        String contentVariables,
        String statusCallback,
        String conversationSid,
        String author,
        String attributes,
        String mediaSid) {

    public enum Kind {
        /** Programmable Messaging (SMS, MMS, WhatsApp): POST /2010-04-01/Accounts/{sid}/Messages.json */
        MESSAGE,
        /** Conversations: POST /v1/Conversations/{sid}/Messages */
        CONVERSATION_MESSAGE
    }

    public TwilioSend {
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    /** The same message as a WhatsApp template: Twilio takes no free-form body with a ContentSid. */
    public TwilioSend asTemplate(String templateSid) {
        return new TwilioSend(kind, to, from, null, List.of(), templateSid, contentVariables, statusCallback,
                conversationSid, author, attributes, mediaSid);
    }

    Optional<String> messagingServiceSid() {
        return Optional.ofNullable(from).filter(address -> address.startsWith("MG"));
    }
}
