package dev.switchboard.bench.run;

import java.util.function.BiPredicate;

/** What a figure must reach: a ratio to its baseline, or a bound on the figure itself. */
record Target(String text, BiPredicate<Double, Double> met) {

    static Target ratioAtLeast(double ratio) {
        return new Target(">= " + ratio + "x baseline", (baseline, subject) -> subject / baseline >= ratio);
    }

    static Target atMost(double bound, String unit) {
        return new Target(("<= " + Table.number(bound) + " " + unit).trim(), (baseline, subject) -> subject <= bound);
    }

    static Target none() {
        return new Target("—", null);
    }
}
