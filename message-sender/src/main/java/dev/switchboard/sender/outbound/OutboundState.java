package dev.switchboard.sender.outbound;

import java.util.Locale;

/** Where one outbound message stands; the values of {@code outbound_messages.state}. */
public enum OutboundState {
    /** Recorded, Twilio not called yet: only rows of earlier versions; a new row is recorded already sending. */
    REQUESTED,
    /** Claimed by one sender, Twilio being called: nobody else sends it. */
    SENDING,
    /** Twilio accepted it; {@code twilio_sid} is set. Delivery status flows in through webhook-ingest. */
    SENT,
    /** Twilio refused it or could not be reached; {@code error_code} is Twilio's code when it gave one. */
    FAILED,
    /** The request reached Twilio but no clear answer came back: it may or may not exist. Never resent blindly. */
    AMBIGUOUS;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
