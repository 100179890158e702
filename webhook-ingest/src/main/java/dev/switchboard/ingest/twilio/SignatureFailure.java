package dev.switchboard.ingest.twilio;

import dev.switchboard.problem.ProblemException;

/** Why a webhook was not proven to come from our Twilio account; the code is the problem reason and the metric tag. */
public enum SignatureFailure {

    MISSING_SIGNATURE("missing-signature", "the X-Twilio-Signature header is missing"),
    BAD_SIGNATURE("bad-signature", "X-Twilio-Signature does not match this URL and these parameters"),
    WRONG_ACCOUNT("wrong-account", "AccountSid is not the configured Twilio account");

    private final String code;
    private final String detail;

    SignatureFailure(String code, String detail) {
        this.code = code;
        this.detail = detail;
    }

    public String code() {
        return code;
    }

    public ProblemException asProblem() {
        return new ProblemException(403, code, "Webhook not verified", detail);
    }
}
