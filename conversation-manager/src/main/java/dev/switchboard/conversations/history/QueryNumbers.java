package dev.switchboard.conversations.history;

import dev.switchboard.problem.ProblemException;

/** Numeric query parameters read by hand: JAX-RS answers a malformed one with 404, clients deserve a 400 that says why. */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    public static int parse(String name, String value, int defaultValue, int min) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw ProblemException.badRequest("invalid-" + name.replace('_', '-'),
                name + " must be an integer of at least " + min + ", got '" + value + "'");
    }
}
