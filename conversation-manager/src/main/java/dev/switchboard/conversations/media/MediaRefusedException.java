package dev.switchboard.conversations.media;

/**
 * A media item that will not be fetched or kept: a URL outside the allowlist, too large, or bytes that are not what
 * they claim. {@code retryable} says whether trying again later can help (a 5xx can; a forbidden host cannot).
 */
public class MediaRefusedException extends RuntimeException {

    private final boolean retryable;

    public MediaRefusedException(String message, boolean retryable) {
        super(message, null, false, false);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
