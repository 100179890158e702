package dev.switchboard.realtime.routing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a user takes part in: their number (SMS/WhatsApp), their chat identity, and the Twilio Conversations they are
 * a participant of, each conversation with the participant SIDs that make them one (a user can be a participant twice,
 * by identity and by phone address; leaving as one keeps them in).
 */
public final class Membership {

    private final long userId;
    private final String phoneNumber;
    private final String chatIdentity;
    private final Map<String, Set<String>> participants = new ConcurrentHashMap<>();

    public Membership(long userId, String phoneNumber, String chatIdentity) {
        this.userId = userId;
        this.phoneNumber = Audience.e164(phoneNumber);
        this.chatIdentity = chatIdentity;
    }

    public long userId() {
        return userId;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public String chatIdentity() {
        return chatIdentity;
    }

    /** The forms the user's number takes in Twilio: bare E.164 (SMS) and {@code whatsapp:}-prefixed. */
    public String[] phoneAddresses() {
        return phoneNumber == null ? new String[0] : new String[] {phoneNumber, "whatsapp:" + phoneNumber};
    }

    public Set<String> conversations() {
        return Set.copyOf(participants.keySet());
    }

    public boolean takesPartIn(String conversationSid) {
        return participants.containsKey(conversationSid);
    }

    /** @return true when the user was not in the conversation before */
    boolean join(String conversationSid, String participantSid) {
        boolean[] added = {false};
        participants.compute(conversationSid, (sid, sids) -> {
            Set<String> next = sids == null ? ConcurrentHashMap.newKeySet() : sids;
            added[0] = sids == null;
            next.add(participantSid);
            return next;
        });
        return added[0];
    }

    /** @return true when the user is no longer in the conversation */
    boolean leave(String conversationSid, String participantSid) {
        boolean[] left = {false};
        participants.computeIfPresent(conversationSid, (sid, sids) -> {
            sids.remove(participantSid);
            left[0] = sids.isEmpty();
            return left[0] ? null : sids;
        });
        return left[0];
    }

    /**
     * Whether this user reads the event: the routing rules in one place, the same as the catch-up's
     * ({@code EventLog}) and conversation-manager's history and messages APIs.
     */
    public boolean reads(Audience audience) {
        if (audience.userId() != null) {
            return audience.userId() == userId;
        }
        if (audience.conversationSid() != null) {
            // Current participants only: having written in a conversation grants nothing once removed.
            return takesPartIn(audience.conversationSid());
        }
        return phoneNumber != null && audience.numbers().contains(phoneNumber);
    }

    /** Whether a conversation key ({@code ConversationKey}: a Conversation SID or "number|number") is this user's. */
    public boolean hasConversation(String conversationKey) {
        if (takesPartIn(conversationKey)) {
            return true;
        }
        String[] numbers = conversationKey.split("\\|", -1);
        return numbers.length == 2 && phoneNumber != null
                && (phoneNumber.equals(Audience.e164(numbers[0])) || phoneNumber.equals(Audience.e164(numbers[1])));
    }
}
