package dev.switchboard.sender.send;

import dev.switchboard.sender.outbound.OutboundState;
import dev.switchboard.sender.outbound.Settled;
import dev.switchboard.sender.twilio.TwilioOutcome;

/**
 * How a send ended after its retries.
 *
 * @param attempts   requests made to Twilio, template fallback included
 * @param contentSid the template finally sent, when a 63016 refusal switched to one
 */
public record Delivery(TwilioOutcome outcome, int attempts, String contentSid) {

    public OutboundState state() {
        if (outcome instanceof TwilioOutcome.Accepted) {
            return OutboundState.SENT;
        }
        return outcome instanceof TwilioOutcome.Ambiguous ? OutboundState.AMBIGUOUS : OutboundState.FAILED;
    }

    /** Twilio's error code, when it gave one. */
    public Integer errorCode() {
        if (outcome instanceof TwilioOutcome.Rejected rejected) {
            return rejected.code();
        }
        if (outcome instanceof TwilioOutcome.RateLimited limited) {
            return limited.code();
        }
        return outcome instanceof TwilioOutcome.Ambiguous ambiguous ? ambiguous.code() : null;
    }

    public String errorMessage() {
        if (outcome instanceof TwilioOutcome.Rejected rejected) {
            return rejected.message();
        }
        if (outcome instanceof TwilioOutcome.RateLimited limited) {
            return "rate limited by Twilio " + attempts + " times, retry budget spent: " + limited.message();
        }
        if (outcome instanceof TwilioOutcome.NotSent notSent) {
            return "Twilio unreachable after " + attempts + " attempts: " + notSent.reason();
        }
        return outcome instanceof TwilioOutcome.Ambiguous ambiguous
                ? "Twilio may have accepted it; not resent: " + ambiguous.reason()
                : null;
    }

    /** The row's final facts. */
    public Settled settled() {
        TwilioOutcome.Accepted accepted = outcome instanceof TwilioOutcome.Accepted a ? a : null;
        return new Settled(state(), accepted == null ? null : accepted.sid(), accepted == null ? null : accepted.status(),
                errorCode(), errorMessage(), attempts, contentSid);
    }

    Delivery after(Delivery earlier) {
        return new Delivery(outcome, earlier.attempts + attempts, contentSid);
    }
}
