package dev.switchboard.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects the rules a request breaks, then refuses it with all of them ({@link ProblemException#invalid}). */
public final class Violations {

    private final List<String> found = new ArrayList<>();

    public Violations check(boolean holds, String violation) {
        if (!holds) {
            found.add(violation);
        }
        return this;
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw ProblemException.invalid(List.copyOf(found));
        }
    }
}
