package dev.switchboard.sender.send;

import java.time.Duration;

/**
 * How long a send Twilio certainly did not take (429, a connection that never opened) is retried. Who waits for the
 * send decides: giving up on one loses a message Twilio never had, so only a caller holding a request open sets a
 * short limit.
 */
public enum RetryBudget {

    /** A caller waits for the answer ({@code POST /messages}, conversation messages): max-attempts within max-duration. */
    CALLER {
        @Override
        int maxAttempts(SendConfig.Retry config) {
            return config.maxAttempts();
        }

        @Override
        Duration maxDuration(SendConfig.Retry config) {
            return config.maxDuration();
        }
    },

    /**
     * A Kafka send command: nobody waits on a connection, and a command given up is an auto-reply lost. It is retried
     * within command-max-duration however many attempts that takes; the capped backoff and Twilio's Retry-After pace
     * the attempts, and the commands' worker pool bounds how many wait at once.
     */
    COMMAND {
        @Override
        int maxAttempts(SendConfig.Retry config) {
            return Integer.MAX_VALUE;
        }

        @Override
        Duration maxDuration(SendConfig.Retry config) {
            return config.commandMaxDuration();
        }
    };

    /** Attempts per send, the first included. */
    abstract int maxAttempts(SendConfig.Retry config);

    /** Time from the first attempt within which every wait must end. */
    abstract Duration maxDuration(SendConfig.Retry config);
}
