package dev.switchboard.twilio.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers that replace the normal ones for the next matching requests, in the order they were added. */
final class ScriptedAnswers {

    private static final class Remaining {
        private final Script script;
        private int times;

        private Remaining(Script script) {
            this.script = script;
            this.times = script.times();
        }
    }

    private final List<Remaining> scripts = new ArrayList<>();

    synchronized void add(Script script) {
        scripts.add(new Remaining(script));
    }

    /** The first script that matches, counted as used. */
    synchronized Optional<Script> take(StandInRequest request) {
        for (Remaining remaining : scripts) {
            if (remaining.times > 0 && remaining.script.matches(request)) {
                remaining.times--;
                scripts.removeIf(used -> used.times == 0);
                return Optional.of(remaining.script);
            }
        }
        return Optional.empty();
    }

    synchronized void clear() {
        scripts.clear();
    }
}
