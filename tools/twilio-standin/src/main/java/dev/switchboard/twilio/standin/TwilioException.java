package dev.switchboard.twilio.standin;

/** A Twilio error answer raised deep inside an endpoint; the handler turns it into Twilio's error body. */
final class TwilioException extends RuntimeException {

    private final int status;
    private final int code;

    TwilioException(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static TwilioException notFound(String what) {
        return new TwilioException(404, 20404, "The requested resource " + what + " was not found");
    }

    StandInResponse response() {
        return StandInResponse.twilioError(status, code, getMessage());
    }
}
