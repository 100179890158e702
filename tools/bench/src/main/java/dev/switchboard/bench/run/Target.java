package dev.switchboard.bench.run;

import java.util.function.Function;

/** What a figure must reach: a ratio to one of its baselines, or a bound on the figure itself. */
record Target(String text, Function<Figure, Boolean> check) {

    /** Unknown (null) while that baseline has no values, e.g. when its server is not installed. */
    static Target ratioAtLeast(double ratio, String baseline) {
        return new Target(">= " + ratio + "x " + baseline, figure -> {
            Double actual = figure.ratio(baseline);
            return actual == null ? null : actual >= ratio;
        });
    }

    static Target atMost(double bound, String unit) {
        return new Target(("<= " + Table.number(bound) + " " + unit).trim(),
                figure -> figure.median(Figure.SUBJECT) <= bound);
    }

    static Target atLeast(double bound, String unit) {
        return new Target((">= " + Table.number(bound) + " " + unit).trim(),
                figure -> figure.median(Figure.SUBJECT) >= bound);
    }

    Boolean met(Figure figure) {
        return check.apply(figure);
    }
}
