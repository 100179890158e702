package dev.switchboard.bench.load;

import java.util.HashMap;
import java.util.Map;

/** The {@code key=value} arguments a load run is started with (the orchestrator passes them on the command line). */
public final class Settings {

    private final Map<String, String> values = new HashMap<>();

    public Settings(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got " + args[i]);
            }
            values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
    }

    public String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing setting " + key);
        }
        return value;
    }

    public int integer(String key) {
        return Integer.parseInt(text(key));
    }
}
