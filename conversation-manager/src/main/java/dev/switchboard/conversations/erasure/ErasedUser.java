package dev.switchboard.conversations.erasure;

import java.util.ArrayList;
import java.util.List;

/**
 * Who is erased, by every name their rows carry: the user id, the bare E.164 number and its WhatsApp address (direct
 * exchanges, outbound log), and the chat identity or number a Conversation message is authored under.
 */
record ErasedUser(long id, String phone, String chatIdentity) {

    /** The addresses SMS/WhatsApp rows hold for the user's number. */
    String[] addresses() {
        return phone == null ? new String[0] : new String[] {phone, "whatsapp:" + phone};
    }

    /** The authors a Conversation message of the user carries: the chat identity, or the number it came from. */
    String[] authors() {
        List<String> authors = new ArrayList<>(List.of(addresses()));
        if (chatIdentity != null) {
            authors.add(chatIdentity);
        }
        return authors.toArray(String[]::new);
    }

    /** The outbound log's {@code requested_by} for what the user sent themselves (Caller#asRequester). */
    String requester() {
        return "authenticated:" + id;
    }
}
