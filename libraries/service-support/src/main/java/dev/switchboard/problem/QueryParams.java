package dev.switchboard.problem;

/**
 * Numeric query parameters read by hand: JAX-RS answers a query parameter it cannot convert (e.g. {@code Integer} from
 * {@code "abc"}) with 404, and clients deserve a 400 problem that says why. Declare the parameter as a {@code String}
 * and read it here; the reason is {@code invalid-<name>} ({@code _} as {@code -}).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** An integer in [min, max], or {@code defaultValue} when absent. */
    public static int boundedInt(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw invalid(name, "an integer between " + min + " and " + max, value);
    }

    /** A long of at least {@code min}, or {@code null} when absent. */
    public static Long optionalLong(String name, String value, long min) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name, "an integer of at least " + min, value);
    }

    private static ProblemException invalid(String name, String expected, String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return ProblemException.badRequest("invalid-" + name.replace('_', '-'),
                name + " must be " + expected + ", got '" + shown + "'");
    }
}
