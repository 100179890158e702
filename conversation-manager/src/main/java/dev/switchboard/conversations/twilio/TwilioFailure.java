package dev.switchboard.conversations.twilio;

/**
 * Twilio refused or failed a call. {@code status} is what our client gets: Twilio's 400/404/409 pass through (the
 * request was wrong, or the resource is missing or taken); anything else is a 502, Twilio being the bad gateway.
 */
public class TwilioFailure extends RuntimeException {

    private final int status;
    private final Integer twilioCode;

    public TwilioFailure(int status, Integer twilioCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.twilioCode = twilioCode;
    }

    public int status() {
        return status;
    }

    public Integer twilioCode() {
        return twilioCode;
    }

    /** Worth retrying: Twilio unreachable, overloaded or failing, never a refusal of the request itself. */
    public boolean isTransient() {
        return status == 502 && (twilioCode == null || twilioCode == 429 || twilioCode >= 500);
    }
}
