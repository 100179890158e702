package dev.switchboard.sender.twilio;

import java.time.Duration;
import java.util.Optional;

/** What one request to Twilio came to, classified by whether Twilio may have created the message. */
public sealed interface TwilioOutcome {

    /** Twilio created the message. */
    record Accepted(String sid, String status) implements TwilioOutcome {
    }

    /** Twilio refused it for good (4xx other than 429): resending the same request cannot succeed. */
    record Rejected(int httpStatus, Integer code, String message) implements TwilioOutcome {
    }

    /** 429: Twilio did not accept it and asks to come back later. */
    record RateLimited(Optional<Duration> retryAfter, Integer code, String message) implements TwilioOutcome {
    }

    /** The request never reached Twilio (connection refused, DNS, connect timeout): safe to resend. */
    record NotSent(String reason) implements TwilioOutcome {
    }

    /** The request was sent but no clear answer came back (5xx, read timeout, reset): Twilio may have created it. */
    record Ambiguous(Integer httpStatus, Integer code, String reason) implements TwilioOutcome {
    }
}
